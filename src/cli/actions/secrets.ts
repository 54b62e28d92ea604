// gitops-guard secrets [PATH...]: scan files and folders for hardcoded credentials (REQ-429). Honours
// .gitignore, skips binaries and files over limits.maxFileBytes (listed on stderr), loads
// .gitleaks.toml / .gitleaksignore from the current folder. Exit 1 when anything is found.
import { relative } from 'node:path';
import type { Finding } from '../../core/types.js';
import { readOwnFile, scanTargets, type FileTarget } from '../../secrets/files.js';
import { GITLEAKS_CONFIG, GITLEAKS_IGNORE, loadRepoSecretConfig } from '../../secrets/gitleaks/config.js';
import { readerOf, scanFiles, type RepoSecretSources } from '../../secrets/scan-files.js';
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
  threads?: string;
}

function parseThreads(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--threads must be a whole number of at least 1, not "${value}"`);
  return n;
}

export async function runSecrets(paths: string[], opts: SecretsOptions): Promise<void> {
  const format = parseFormat(opts.format, SECRET_FORMATS);
  const threads = parseThreads(opts.threads);
  const cwd = process.cwd();
  const config = await configFor({ read: (p) => readOwnFile(cwd, p) }, opts.config);
  const sources: RepoSecretSources = { gitleaksToml: readOwnFile(cwd, GITLEAKS_CONFIG), gitleaksIgnore: readOwnFile(cwd, GITLEAKS_IGNORE) };
  const repoConfig = loadRepoSecretConfig(readerOf(sources)); // a broken .gitleaks.toml fails here, naming file and line
  const files: FileTarget[] = [];
  const skips: string[] = [];
  for (const t of scanTargets(paths.length ? paths : ['.'], { maxFileBytes: config.limits.maxFileBytes, display: displayPath })) {
    if (t.kind === 'skipped') skips.push(`${t.path}: ${t.reason}`);
    else files.push(t);
  }
  const findings: Finding[] = [];
  let scanned = 0;
  for (const r of await scanFiles(files, sources, { maxFileBytes: config.limits.maxFileBytes, threads, repoConfig })) {
    if ('skipped' in r) skips.push(`${r.path}: ${r.skipped}`);
    else {
      scanned++;
      findings.push(...r.findings);
    }
  }
  for (const s of skips) process.stderr.write(`gitops-guard: skipped ${s}\n`);
  const summary = `${scanned} file${scanned === 1 ? '' : 's'} scanned, ${skips.length} skipped`;
  if (format === 'json') process.stdout.write(JSON.stringify({ findings }, null, 2) + '\n');
  else if (format === 'sarif') {
    const [{ toSarif }, { secretRuleDescriptors }, { builtInDetectors }] = await Promise.all([
      import('../../report/sarif.js'), import('../../secrets/rule-descriptors.js'), import('../../secrets/detectors/index.js'),
    ]);
    const rules = secretRuleDescriptors([...builtInDetectors, ...repoConfig.extraRules]);
    process.stdout.write(JSON.stringify(toSarif(findings, rules, packageVersion()), null, 2) + '\n');
  } else {
    const { toText } = await import('../../report/text.js');
    process.stdout.write(toText(findings, { colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR, header: `gitops-guard secrets: ${summary}` }));
  }
  if (format !== 'text') process.stderr.write(`gitops-guard: ${summary}\n`);
  throw new CliExit(findings.length > 0 ? 1 : 0);
}
