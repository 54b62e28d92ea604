// Secret scanning inside a review or a scan: the lines a change adds, or whole files.
import { posix } from 'node:path';
import { withoutFix, type Finding, type Fix, type Snapshot } from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';
import { chartNameOf } from '../render/helm.js';
import { parseYamlFile } from '../render/yaml-source.js';
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
 * `existingSecret` in the mapping that holds the literal (`auth.existingSecret` for `auth.password`).
 * Where it does not, a values fix writing one there would leave the chart without its password (or
 * fail its `required`), or, in a map the chart ranges over (`extraEnv.API_TOKEN`), turn the variable
 * into one named existingSecret: the fix is left out.
 */
class ChartLookup {
  private readonly chartDirs: Set<string>;
  private readonly names = new Map<string, string>();
  private readonly templateTexts = new Map<string, string[]>();

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
    if (dir === undefined || !VALUES_FILE.test(posix.basename(path)) || posix.dirname(path) !== dir || !findings.some((f) => f.fix)) return findings;
    const keyPaths = valuesKeyPathsByLine(this.snapshot.read(path) ?? '', path);
    return findings.map((f) => {
      const keyPath = f.fix && keyPaths.get(f.line);
      return keyPath && this.chartReads(dir, [...keyPath.slice(0, -1), 'existingSecret']) ? f : withoutFix(f);
    });
  }

  /** Whether a file of the chart other than its values files reads `.Values.<keyPath>`. */
  private chartReads(dir: string, keyPath: string[]): boolean {
    if (!keyPath.every((k) => /^[A-Za-z_][\w]*$/.test(k))) return false;
    const read = new RegExp(`\\.Values\\.${keyPath.join('\\.')}(?![\\w.])`);
    return this.templatesOf(dir).some((text) => read.test(text));
  }

  private templatesOf(dir: string): string[] {
    let texts = this.templateTexts.get(dir);
    if (texts === undefined) {
      const prefix = dir === '.' ? '' : `${dir}/`;
      texts = this.snapshot.list()
        .filter((p) => p.startsWith(prefix) && !(posix.dirname(p) === dir && VALUES_FILE.test(posix.basename(p))) && /\.(ya?ml|tpl|json)$/.test(p))
        .map((p) => this.snapshot.read(p) ?? '');
      this.templateTexts.set(dir, texts);
    }
    return texts;
  }
}

/** The key path of every scalar written on a line of a values file (first document), by that line. */
function valuesKeyPathsByLine(text: string, path: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const doc = parseYamlFile(text, path).documents[0];
  const walk = (node: unknown, keyPath: string[]): void => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      const line = doc?.locate(keyPath)?.line;
      if (keyPath.length > 0 && line !== undefined && !out.has(line)) out.set(line, keyPath);
      return;
    }
    for (const [key, value] of Object.entries(node)) walk(value, [...keyPath, key]);
  };
  if (doc?.data !== undefined) walk(doc.data, []);
  return out;
}

const VALUES_FILE = /^values[^/]*\.ya?ml$/i;

/**
 * Secret findings without a fix where a rule's fix edits the same lines, or where REQ-429's rule
 * reports the same env literal: both rewrite it, and the rule knows more (the Secret the pod already
 * reads, the container's envFrom, its other literals, which its fix moves in the same edit). When
 * the rule offers no fix (a chart template shared by environments whose Secrets are named apart),
 * the scanner's per-line secretKeyRef would be wrong for some of them.
 */
export function withoutFixesRulesGive(secrets: Finding[], ruleFindings: Finding[]): Finding[] {
  const ruleFixes = ruleFindings.flatMap((f) => (f.fix ? [f.fix] : []));
  const literalLines = new Set(ruleFindings.filter(isEnvLiteralFinding).map((f) => `${f.path}\u0000${f.line}`));
  const overlapsRuleFix = (fix: Fix) => ruleFixes.some((r) => r.path === fix.path && r.startLine <= fix.endLine && fix.startLine <= r.endLine);
  return secrets.map((f) => (f.fix && (overlapsRuleFix(f.fix) || literalLines.has(`${f.path}\u0000${f.line}`)) ? withoutFix(f) : f));
}

const isEnvLiteralFinding = (f: Finding): boolean => f.ruleId === 'hardcoded-credential-in-config' && /\benv\[\d+\]\.value$/.test(f.fieldPath ?? '');
