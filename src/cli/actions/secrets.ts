// gitops-guard secrets [PATH...]: scan files and folders for hardcoded credentials (REQ-429). Honours
// .gitignore, skips binaries and files over limits.maxFileBytes (listed on stderr), loads
// .gitleaks.toml / .gitleaksignore from the current folder. Exit 1 when anything is found.
import { relative } from 'node:path';
import type { Finding } from '../../core/types.js';
import { toSarif } from '../../report/sarif.js';
import { toText } from '../../report/text.js';
import { builtInDetectors, loadRepoSecretConfig, scanTargets, scanText, secretRuleDescriptors } from '../../secrets/index.js';
import { DirSnapshot } from '../../workspace/dir-snapshot.js';
import { CliExit } from '../exit.js';
import { configFor } from '../load-config.js';
import { packageVersion, parseFormat } from '../options.js';


const SECRET_FORMATS = ['text', 'json', 'sarif'] as const;

function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs).split('\\').join('/');
  return rel && !rel.startsWith('..') ? rel : abs;
}

export interface SecretsOptions {
  format: string;
  config?: string;
}

export async function runSecrets(paths: string[], opts: SecretsOptions): Promise<void> {
  const format = parseFormat(opts.format, SECRET_FORMATS);
  const cwd = new DirSnapshot('working-tree', process.cwd());
  const config = configFor(cwd, opts.config);
  const repoConfig = loadRepoSecretConfig((p) => cwd.read(p));
  const findings: Finding[] = [];
  let scanned = 0;
  let skipped = 0;
  for (const t of scanTargets(paths.length ? paths : ['.'], { maxFileBytes: config.limits.maxFileBytes, display: displayPath })) {
    if (t.kind === 'skipped') {
      skipped++;
      process.stderr.write(`gitops-guard: skipped ${t.path}: ${t.reason}\n`);
      continue;
    }
    scanned++;
    findings.push(...scanText(t.text, t.path, repoConfig));
  }
  const summary = `${scanned} file${scanned === 1 ? '' : 's'} scanned, ${skipped} skipped`;
  if (format === 'json') process.stdout.write(JSON.stringify({ findings }, null, 2) + '\n');
  else if (format === 'sarif') {
    const rules = secretRuleDescriptors([...builtInDetectors, ...repoConfig.extraRules]);
    process.stdout.write(JSON.stringify(toSarif(findings, rules, packageVersion()), null, 2) + '\n');
  } else {
    process.stdout.write(toText(findings, { colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR, header: `gitops-guard secrets: ${summary}` }));
  }
  if (format !== 'text') process.stderr.write(`gitops-guard: ${summary}\n`);
  throw new CliExit(findings.length > 0 ? 1 : 0);
}
