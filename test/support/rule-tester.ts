// RuleTester: runs one rule over YAML manifests held in memory, the way ESLint's RuleTester does.
import type { Finding, RenderResult, Unit } from '../../src/core/types.js';
import { DEFAULT_CONFIG, resolveConfig, type ResolvedConfig } from '../../src/config/config.js';
import type { Rule } from '../../src/engine/rule.js';
import { buildIndex, runRules } from '../../src/engine/run-rules.js';
import { manifestObjects } from '../../src/render/yaml-source.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

export interface RuleCase {
  /** Manifest YAML (one or more documents), written to `path`. */
  yaml: string;
  path?: string;
  environment?: string;
  /** Extra repo files (other manifests are also indexed for cross-object rules). */
  files?: Record<string, string>;
  config?: Partial<ResolvedConfig> | Record<string, unknown>;
}

export function runRuleOn(rule: Rule, c: RuleCase): Finding[] {
  const path = c.path ?? 'manifests/test.yaml';
  const files = { ...(c.files ?? {}), [path]: c.yaml };
  const snapshot = MemorySnapshot.from('test', files);
  const config = c.config ? resolveConfig(c.config) : structuredClone(DEFAULT_CONFIG);
  const environment = c.environment ?? 'default';
  const unit: Unit = { id: path, kind: 'manifest', root: path, environments: [environment] };
  const own = manifestObjects(c.yaml, path, unit.id, environment);
  const others = Object.entries(c.files ?? {})
    .filter(([p]) => /\.ya?ml$/.test(p))
    .flatMap(([p, text]) => manifestObjects(text, p, p, environment).objects);
  const render: RenderResult = { unit, environment, objects: own.objects, errors: own.errors };
  return runRules({ rules: [rule], render, index: buildIndex([...own.objects, ...others]), snapshot, config });
}
