// gitops-guard scan [PATH]: every unit of a directory, every file scanned for secrets.
import type { Command } from 'commander';
import type { ScanOptions } from '../actions/scan.js';

export function register(program: Command): void {
  program
    .command('scan')
    .description('Render and check every chart, overlay and manifest under PATH (default: .), and scan every file for secrets')
    .argument('[path]', 'repository or folder', '.')
    .option('-f, --format <format>', 'text|json|sarif|markdown', 'text')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: critical|high|medium|low|info|never')
    .option('-c, --config <file>', 'config file (default: .gitops-guard.yml or .github/gitops-guard.yml in PATH)')
    .action(async (path: string, opts: ScanOptions) => (await import('../actions/scan.js')).runScan(path, opts));
}
