// gitops-guard rules: the rule catalogue.
import type { Command } from 'commander';
import { allRules } from '../../../rules/index.js';
import { parseFormat } from '../output.js';

export function register(program: Command): void {
  program
    .command('rules')
    .description('List every rule: id, severity, the spec items it enforces, title')
    .option('-f, --format <format>', 'text|json', 'text')
    .action((opts: { format: string }) => {
      const format = parseFormat(opts.format, ['text', 'json']);
      const metas = allRules.map((r) => r.meta).sort((a, b) => a.id.localeCompare(b.id));
      if (format === 'json') {
        process.stdout.write(JSON.stringify({ rules: metas }, null, 2) + '\n');
        return;
      }
      const width = Math.max(...metas.map((m) => m.id.length));
      for (const m of metas) process.stdout.write(`${m.id.padEnd(width)}  ${m.severity.padEnd(8)}  ${m.refs.join(',').padEnd(24)}  ${m.title}\n`);
      process.stdout.write(`${metas.length} rules\n`);
    });
}
