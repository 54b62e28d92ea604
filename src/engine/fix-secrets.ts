// A fix rewrites lines of the repository, and some fixes keep lines around their edit (an entry is
// inserted after the last line of a mapping, which may be `value: "ghp_…"`). Such a fix would print
// a credential in full into a review comment, an annotation or a CI log, where every finding's own
// message shows only a redacted preview. A fix that keeps a line holding a secret, or whose text the
// secret scanner flags, is left out: the finding stays, and the secret's own finding says how to
// move the credential out; the next review offers the fix again.
import { withoutFix, type Finding, type Fix, type Snapshot } from '../core/types.js';
import { loadRepoSecretConfig, scanText, type RepoSecretConfig } from '../secrets/index.js';
import { indentOf } from './fixes.js';

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
 * Rules whose findings point at a value they call a credential: a literal password or token in
 * configuration (REQ-429), a static cloud key (REQ-433). The scanner does not flag every one of them
 * (`hunter2` is too short for it), yet a fix must not show them either.
 */
const CREDENTIAL_REFS = new Set(['REQ-429', 'REQ-433']);
const namesCredential = (f: Finding): boolean => f.refs.some((r) => CREDENTIAL_REFS.has(r));

/**
 * Whether the fix would show a secret: it keeps a line that holds one (`named`: lines other findings
 * call a credential), or its own text holds one. A file without secrets has nothing a fix could copy,
 * so its fixes are not scanned.
 */
export function fixShowsSecret(finding: Finding, snapshot: Snapshot, known?: SecretLines, named?: SecretLines): boolean {
  const fix = finding.fix;
  if (!fix) return false;
  const secretLines = new Set([...(known ? (known.get(fix.path) ?? []) : secretLinesOf(snapshot, fix.path)), ...(named?.get(fix.path) ?? [])]);
  if (secretLines.size === 0) return false;
  const fileLines = (snapshot.read(fix.path) ?? '').split(/\r?\n/);
  for (let n = fix.startLine; n <= fix.endLine; n++) {
    const original = fileLines[n - 1]?.trim();
    if (secretLines.has(n) && original && fix.replacement.includes(original)) return true;
  }
  return scanText(fix.replacement, fix.path).length > 0;
}

/**
 * The findings, with every fix that would show a secret taken out; `known`: the snapshot's secret
 * lines when a scan already has them. A fix that keeps the line of a credential another finding
 * rewrites (an entry inserted after `value: hunter2`) is rewritten to apply that finding's fix to
 * the line first, when it can; then the two merge into one suggestion.
 */
export function withoutSecretShowingFixes(findings: Finding[], snapshot: Snapshot, known?: SecretLines): Finding[] {
  const credentials = findings.filter(namesCredential);
  const named = secretLinesFrom(credentials);
  return findings.map((f) => {
    if (!fixShowsSecret(f, snapshot, known, named)) return f;
    const fileLines = (snapshot.read(f.fix!.path) ?? '').split(/\r?\n/);
    const rewritten = credentials.map((c) => c.fix && keptLinesReplaced(f.fix!, c.fix, fileLines)).find((fix) => fix !== undefined);
    return rewritten && !fixShowsSecret({ ...f, fix: rewritten }, snapshot, known, named) ? { ...f, fix: rewritten } : withoutFix(f);
  });
}


/**
 * `insertion` (lines of its span kept, then new lines) applied after `replacing`, a fix whose span
 * ends with the lines the insertion keeps: `replacing`'s text, then the new lines. Undefined for other
 * shapes. The replacing lines must not reach left of the lines they replace, so the new lines still
 * close the same blocks.
 */
function keptLinesReplaced(insertion: Fix, replacing: Fix, fileLines: string[]): Fix | undefined {
  if (replacing.path !== insertion.path || replacing.endLine !== insertion.endLine || replacing.startLine > insertion.startLine) return undefined;
  const lines = insertion.replacement.split(/\r?\n/);
  const keptCount = insertion.endLine - insertion.startLine + 1;
  if (lines.slice(0, keptCount).some((l, i) => l !== fileLines[insertion.startLine - 1 + i])) return undefined;
  const added = lines.slice(keptCount);
  const replacement = replacing.replacement.split(/\r?\n/);
  if (added.length === 0 || replacement.some((l) => /\{\{/.test(l))) return undefined;
  const replaced = fileLines.slice(replacing.startLine - 1, replacing.endLine).filter((l) => l.trim() !== '');
  const floor = Math.min(...replaced.map(indentOf));
  if (replacement.some((l) => l.trim() !== '' && indentOf(l) < floor)) return undefined;
  const eol = insertion.replacement.includes('\r\n') ? '\r\n' : '\n';
  return { ...insertion, startLine: replacing.startLine, replacement: [...replacement, ...added].join(eol) };
}
