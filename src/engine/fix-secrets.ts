// A fix rewrites lines of the repository, and some fixes keep lines around their edit (an entry is
// inserted after the last line of a mapping, which may be `value: "ghp_…"`). Such a fix would print
// a credential in full into a review comment, an annotation or a CI log, where every finding's own
// message shows only a redacted preview. A fix that keeps a line holding a secret, or whose text the
// secret scanner flags, is left out: the finding stays, and the secret's own finding says how to
// move the credential out; the next review offers the fix again.
import { withoutFix, type Finding, type Snapshot } from '../core/types.js';
import { loadRepoSecretConfig, scanText, type RepoSecretConfig } from '../secrets/index.js';

/** Per snapshot, the repository's secret-scan configuration and, per file, the lines holding a secret. */
const scanned = new WeakMap<Snapshot, { config: RepoSecretConfig; lines: SecretLines }>();

function secretLinesOf(snapshot: Snapshot, path: string): Set<number> {
  let state = scanned.get(snapshot);
  if (!state) scanned.set(snapshot, (state = { config: loadRepoSecretConfig((p) => snapshot.read(p)), lines: new Map() }));
  let lines = state.lines.get(path);
  if (!lines) {
    const text = snapshot.read(path);
    lines = text === undefined ? new Set() : (secretLinesFrom(scanText(text, path, state.config)).get(path) ?? new Set());
    state.lines.set(path, lines);
  }
  return lines;
}

/** Lines holding a secret, per file, from a scan already made (scan's whole-snapshot scan). */
export type SecretLines = Map<string, Set<number>>;

export function secretLinesFrom(secretFindings: Finding[]): SecretLines {
  const out: SecretLines = new Map();
  for (const f of secretFindings) {
    let lines = out.get(f.path);
    if (!lines) out.set(f.path, (lines = new Set()));
    for (let n = f.line; n <= (f.endLine ?? f.line); n++) lines.add(n);
  }
  return out;
}

/**
 * Whether the fix would show a secret: it keeps a line that holds one, or its own text holds one.
 * A file without secrets has nothing a fix could copy, so its fixes are not scanned.
 */
export function fixShowsSecret(finding: Finding, snapshot: Snapshot, known?: SecretLines): boolean {
  const fix = finding.fix;
  if (!fix) return false;
  const secretLines = known ? (known.get(fix.path) ?? new Set<number>()) : secretLinesOf(snapshot, fix.path);
  if (secretLines.size === 0) return false;
  const fileLines = (snapshot.read(fix.path) ?? '').split(/\r?\n/);
  for (let n = fix.startLine; n <= fix.endLine; n++) {
    const original = fileLines[n - 1]?.trim();
    if (secretLines.has(n) && original && fix.replacement.includes(original)) return true;
  }
  return scanText(fix.replacement, fix.path).length > 0;
}

/** The findings, with every fix that would show a secret taken out; `known`: the snapshot's secret lines when a scan already has them. */
export function withoutSecretShowingFixes(findings: Finding[], snapshot: Snapshot, known?: SecretLines): Finding[] {
  return findings.map((f) => (fixShowsSecret(f, snapshot, known) ? withoutFix(f) : f));
}
