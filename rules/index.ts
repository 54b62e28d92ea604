// The registry of every built-in rule. Each rule group exports its array from <group>/index.ts.
import type { ResolvedConfig } from '../src/config/config.js';
import { customRulesFromConfig } from '../src/engine/custom-rules.js';
import type { Rule } from '../src/engine/rule.js';
import { seedRules } from './seed/index.js';
// ── Rule groups owned by other engineers: add one import here and one spread in `allRules`. ──
import { pssRules } from './pss/index.js';
import { parityRules } from './parity/index.js';
// ── end of rule-group imports ──

export const allRules: Rule[] = [
  ...seedRules,
  ...pssRules,
  ...parityRules,
];

/** Built-in rules plus the repository's custom rules (config.customRules). Ids must not collide. */
export function rulesFor(config: ResolvedConfig): Rule[] {
  const custom = customRulesFromConfig(config.customRules);
  const builtIn = new Set(allRules.map((r) => r.meta.id));
  for (const r of custom) {
    if (builtIn.has(r.meta.id)) throw new Error(`custom rule "${r.meta.id}" has the id of a built-in rule; choose another id`);
  }
  return [...allRules, ...custom];
}

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
