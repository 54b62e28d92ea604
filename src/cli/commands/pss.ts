// gitops-guard pss --level baseline|restricted [--version v1.N|latest] PATH...: would these pods be
// admitted by a namespace enforcing that Pod Security Standard? One result per pod-bearing object.
import type { Command } from 'commander';
import type { PssOptions } from '../actions/pss.js';

export function register(program: Command): void {
  program
    .command('pss')
    .description('Evaluate every workload in PATH... against a Pod Security Standard, exactly as the PodSecurity admission plugin would (exit 1 when any is denied or unreadable)')
    .argument('<paths...>', 'YAML files or folders of YAML')
    .requiredOption('-l, --level <level>', 'baseline|restricted (privileged admits everything)')
    .option('-v, --version <version>', 'policy version: v1.<minor> or latest', 'latest')
    .option('-f, --format <format>', 'text|json', 'text')
    .action(async (paths: string[], opts: PssOptions) => (await import('../actions/pss.js')).runPss(paths, opts));
}
