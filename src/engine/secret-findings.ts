// Secret scanning inside a review or a scan: the lines a change adds, or whole files.
import { posix } from 'node:path';
import { withoutFix, type Finding, type Snapshot } from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';
import { chartNameOf } from '../render/helm.js';
import { loadRepoSecretConfig, scanText } from '../secrets/index.js';
import { NEW_SUPPRESSION_NOTE } from './new-suppressions.js';
import type { ChangedFile } from './review-types.js';

/**
 * Secrets on the lines a change adds. With `trusted` (the base), the change's own suppressions do
 * not apply (new-suppressions.ts): .gitleaks.toml and .gitleaksignore are read from the base, and a
 * `gitops-guard:ignore` comment on an added line is reported with the findings it would hide.
 */
export function scanChangedLines(head: Snapshot, changed: ChangedFile[], config: ResolvedConfig, trusted?: Snapshot): Finding[] {
  const repoConfig = loadRepoSecretConfig((p) => (trusted ?? head).read(p));
  const charts = new ChartLookup(head);
  const out: Finding[] = [];
  for (const file of changed) {
    if (file.status === 'removed' || file.addedLines.length === 0) continue;
    const text = head.read(file.path);
    if (text === undefined || text.length > config.limits.maxFileBytes) continue;
    const lines = new Set(file.addedLines);
    const unheededIgnores = trusted ? { lines, note: NEW_SUPPRESSION_NOTE } : undefined;
    out.push(...charts.adjust(file.path, scanText(text, file.path, { lines, unheededIgnores, service: charts.nameFor(file.path), ...repoConfig })));
  }
  return out;
}

export function scanSnapshot(snapshot: Snapshot, config: ResolvedConfig): Finding[] {
  const repoConfig = loadRepoSecretConfig((p) => snapshot.read(p));
  const charts = new ChartLookup(snapshot);
  const out: Finding[] = [];
  for (const path of snapshot.list()) {
    const text = snapshot.read(path);
    if (text === undefined || text.length > config.limits.maxFileBytes) continue;
    out.push(...charts.adjust(path, scanText(text, path, { service: charts.nameFor(path), ...repoConfig })));
  }
  return out;
}

/**
 * What the scanner, reading one file, cannot know of the chart around it: the chart's name (the
 * service of its {service}-{environment}-credentials Secret), and whether the chart reads an
 * `existingSecret` at all — where it does not, a values fix pointing one at a Secret would leave the
 * chart without its password (or fail its `required`), so the fix is left out.
 */
class ChartLookup {
  private readonly chartDirs: Set<string>;
  private readonly names = new Map<string, string>();
  private readonly readsExistingSecret = new Map<string, boolean>();

  constructor(private readonly snapshot: Snapshot) {
    this.chartDirs = new Set(snapshot.list().filter((p) => posix.basename(p) === 'Chart.yaml').map((p) => posix.dirname(p)));
  }

  /** The folder of the chart a file belongs to (the innermost). */
  private chartOf(path: string): string | undefined {
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      if (this.chartDirs.has(dir)) return dir;
      if (dir === '.' || dir === '/' || dir === '') return undefined;
    }
  }

  nameFor(path: string): string | undefined {
    const dir = this.chartOf(path);
    if (dir === undefined) return undefined;
    if (!this.names.has(dir)) this.names.set(dir, chartNameOf(this.snapshot, dir === '.' ? '' : dir));
    return this.names.get(dir);
  }

  adjust(path: string, findings: Finding[]): Finding[] {
    const dir = this.chartOf(path);
    if (dir === undefined || !VALUES_FILE.test(posix.basename(path)) || posix.dirname(path) !== dir || this.chartReadsExistingSecret(dir)) return findings;
    return findings.map(withoutFix);
  }

  private chartReadsExistingSecret(dir: string): boolean {
    let reads = this.readsExistingSecret.get(dir);
    if (reads === undefined) {
      const prefix = dir === '.' ? '' : `${dir}/`;
      reads = this.snapshot.list().some((p) => p.startsWith(prefix) && !(posix.dirname(p) === dir && VALUES_FILE.test(posix.basename(p))) && /\.(ya?ml|tpl|json)$/.test(p) && (this.snapshot.read(p)?.includes('existingSecret') ?? false));
      this.readsExistingSecret.set(dir, reads);
    }
    return reads;
  }
}

const VALUES_FILE = /^values[^/]*\.ya?ml$/i;

/**
 * Secret findings without a fix where a rule's finding on the same line has one: both rewrite the
 * same literal, and the rule knows more (the Secret the pod already reads). They agree otherwise
 * (see envSecretRefLines), and a review shows a single suggestion either way.
 */
export function withoutFixesRulesGive(secrets: Finding[], ruleFindings: Finding[]): Finding[] {
  const fixed = new Set(ruleFindings.filter((f) => f.fix).map((f) => `${f.fix!.path}\u0000${f.fix!.startLine}`));
  return secrets.map((f) => (f.fix && fixed.has(`${f.fix.path}\u0000${f.fix.startLine}`) ? withoutFix(f) : f));
}
