// Files a snapshot could not hold (too large, over the total budget, binary) are not silently
// ignored: each one a change touches becomes a finding, so a manifest hidden in a 100 MB file or a
// UTF-16 YAML file fails the check instead of passing unreviewed.
import type { Finding, Severity, SkippedFile, Snapshot } from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';
import { fingerprintOf } from '../engine/run-rules.js';

/** Files Kubernetes tooling would read as manifests, values, templates or config. */
const REVIEWABLE_RE = /\.(ya?ml|json|tpl)$|(^|\/)(Kustomization|Chart\.lock)$/i;

function describe(s: SkippedFile, config: ResolvedConfig): { ruleId: string; message: string } {
  const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  switch (s.reason) {
    case 'too-large':
      return { ruleId: 'limit-exceeded', message: `file is ${s.bytes} bytes (${mib(s.bytes)}), over the limit of ${config.limits.maxFileBytes} bytes (limits.maxFileBytes): not rendered, checked or scanned for secrets` };
    case 'over-budget':
      return { ruleId: 'limit-exceeded', message: `file of ${s.bytes} bytes not read: the repository's files exceed the total the reviewer holds in memory; not rendered, checked or scanned for secrets` };
    case 'binary':
      return { ruleId: 'binary-file', message: 'file is binary or not UTF-8 text (it holds NUL bytes, e.g. UTF-16): not rendered, checked or scanned for secrets, although Kubernetes tooling may still read it' };
  }
}

function severityOf(s: SkippedFile): Severity {
  return REVIEWABLE_RE.test(s.path) ? 'high' : 'medium';
}

/** Skipped files worth a finding: every oversized file (secrets went unscanned), binaries only where a manifest is expected. */
function worthReporting(s: SkippedFile): boolean {
  return s.reason !== 'binary' || REVIEWABLE_RE.test(s.path);
}

/** Files the snapshot holds but that exceed the config's (possibly lower) per-file limit. */
function overConfigLimit(snapshot: Snapshot, paths: Iterable<string>, config: ResolvedConfig): SkippedFile[] {
  const out: SkippedFile[] = [];
  for (const path of paths) {
    const text = snapshot.read(path);
    if (text === undefined || text.length <= config.limits.maxFileBytes) continue;
    const bytes = Buffer.byteLength(text);
    if (bytes > config.limits.maxFileBytes) out.push({ path, reason: 'too-large', bytes });
  }
  return out;
}

/**
 * Findings for the files of `paths` (default: every file of the snapshot) that were not reviewed.
 * Line 1 of the file: there is no better line in a file nobody read.
 */
export function unreviewedFileFindings(snapshot: Snapshot, config: ResolvedConfig, paths?: string[]): Finding[] {
  const wanted = paths ? new Set(paths) : undefined;
  const skipped = (snapshot.skipped?.() ?? []).filter((s) => !wanted || wanted.has(s.path));
  const held = wanted ? [...wanted].filter((p) => !skipped.some((s) => s.path === p)) : snapshot.list();
  const all = [...skipped, ...overConfigLimit(snapshot, held, config)].filter(worthReporting);
  return all
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((s) => {
      const { ruleId, message } = describe(s, config);
      return {
        ruleId,
        refs: [],
        severity: severityOf(s),
        message,
        path: s.path,
        line: 1,
        fingerprint: fingerprintOf({ ruleId, path: s.path, key: s.reason }),
      };
    });
}
