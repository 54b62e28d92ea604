// gitops-guard rules: the rule catalogue.
import type { Command } from 'commander';
import type { RulesOptions } from '../actions/rules.js';

export function register(program: Command): void {
  program
    .command('rules')
    .description('List every rule: id, severity, the spec items it enforces, title')
    .option('-f, --format <format>', 'text|json', 'text')
    .action(async (opts: RulesOptions) => (await import('../actions/rules.js')).listRules(opts));
}
