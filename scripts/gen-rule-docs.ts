// Regenerates docs/rules.md from the registry: node --import tsx scripts/gen-rule-docs.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allRules } from '../rules/index.js';
import { renderRulesMarkdown } from '../src/engine/rule-docs.js';

const target = fileURLToPath(new URL('../docs/rules.md', import.meta.url));
const text = renderRulesMarkdown(allRules);
if (process.argv.includes('--check')) {
  let current = '';
  try { current = readFileSync(target, 'utf8'); } catch { /* missing counts as stale */ }
  if (current !== text) {
    process.stderr.write('docs/rules.md is out of date: run node --import tsx scripts/gen-rule-docs.ts\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote docs/rules.md (${allRules.length} rules)\n`);
}
