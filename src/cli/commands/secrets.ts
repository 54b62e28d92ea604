// gitops-guard secrets [PATH...]: scan files and folders for hardcoded credentials (REQ-429). Honours
// .gitignore, skips binaries and files over limits.maxFileBytes (listed on stderr), loads
// .gitleaks.toml / .gitleaksignore from the current folder. Exit 1 when anything is found.
import type { Command } from 'commander';
import type { SecretsOptions } from '../actions/secrets.js';

export function register(program: Command): void {
  program
    .command('secrets')
    .description('Scan files and folders for hardcoded credentials (honours .gitignore, .gitleaks.toml and .gitleaksignore); exit 1 when any is found')
    .argument('[paths...]', 'files or folders (default: .)')
    .option('-f, --format <format>', 'text|json|sarif', 'text')
    .option('-j, --threads <n>', 'threads to scan with (default 1; more pays off on large trees and real cores)')
    .option('-c, --config <file>', 'config file for limits (default: .gitops-guard.yml or .github/gitops-guard.yml in the current folder)')
    .action(async (paths: string[], opts: SecretsOptions) => (await import('../actions/secrets.js')).runSecrets(paths, opts));
}
