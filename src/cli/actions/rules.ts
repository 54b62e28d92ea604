// gitops-guard rules: the rule catalogue.
import { allRules } from '../../../rules/index.js';
import { parseFormat } from '../options.js';

export interface RulesOptions { format: string }

export async function listRules(opts: RulesOptions): Promise<void> {
  const format = parseFormat(opts.format, ['text', 'json']);
  const metas = allRules.map((r) => r.meta).sort((a, b) => a.id.localeCompare(b.id));
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ rules: metas }, null, 2) + '\n');
    return;
  }
  const width = Math.max(...metas.map((m) => m.id.length));
  for (const m of metas) process.stdout.write(`${m.id.padEnd(width)}  ${m.severity.padEnd(8)}  ${m.refs.join(',').padEnd(24)}  ${m.title}\n`);
  process.stdout.write(`${metas.length} rules\n`);
}
