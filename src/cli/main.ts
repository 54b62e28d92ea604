// CLI entry: `gitops-guard <command>`. Exit codes: 0 clean, 1 findings at/above --fail-on, 2 usage or fatal error.
import { Command, CommanderError } from 'commander';
import { registrars } from './commands/index.js';
import { terminalSafe } from '../report/escape.js';
import { CliExit } from './exit.js';
import { packageVersion } from './options.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('gitops-guard')
    .description('Review Kubernetes GitOps changes: render Helm, Kustomize and manifests, run security rules and secret scanning.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of registrars) register(program);
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CliExit) return e.code;
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    process.stderr.write(`gitops-guard: ${terminalSafe((e as Error).message.split('\n')[0])}\n`);
    return 2;
  }
}
