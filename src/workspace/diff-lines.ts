// Unified diff → the head-side lines a change adds and the lines a review comment may target.
import type { ChangedFile } from '../engine/review-types.js';

const HUNK_RE = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Parses the hunks of one file's patch (GitHub's `patch` field, or the body of a git diff section). */
export function parsePatch(patch: string): { addedLines: number[]; commentableLines: number[] } {
  const addedLines: number[] = [];
  const commentableLines: number[] = [];
  let line = 0;
  let inHunk = false;
  for (const raw of patch.split('\n')) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const m = HUNK_RE.exec(text);
    if (m) {
      line = Number(m[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    const tag = text[0];
    if (tag === '+') {
      addedLines.push(line);
      commentableLines.push(line);
      line++;
    } else if (tag === ' ') {
      commentableLines.push(line);
      line++;
    } else if (tag === '-' || tag === '\\') {
      // removed line or "\ No newline at end of file": no head-side line
    } else if (text.startsWith('diff --git')) {
      inHunk = false;
    }
  }
  return { addedLines, commentableLines };
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * A path as git prints it in a diff: C-quoted (`"caf\303\251.yaml"`, octal UTF-8 bytes) when it holds
 * non-ASCII, quotes, backslashes or control characters; followed by a TAB on `---`/`+++` lines when it
 * holds a space. Returns the path, or undefined for text that is not a complete quoted path.
 */
export function unquoteGitPath(text: string): string | undefined {
  if (!text.startsWith('"')) return text.endsWith('\t') ? text.slice(0, -1) : text;
  const bytes: number[] = [];
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return i === text.length - 1 || text.slice(i + 1) === '\t' ? Buffer.from(bytes).toString('utf8') : undefined;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = text[++i];
    if (next !== undefined && /[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(text.slice(i))![0];
      bytes.push(parseInt(oct, 8) & 0xff);
      i += oct.length - 1;
    } else if (next !== undefined && next in C_ESCAPES) {
      bytes.push(C_ESCAPES[next]);
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** Path of a `--- a/x` / `+++ b/x` line (undefined for /dev/null or an unreadable name). */
function sidePath(rest: string, prefix: 'a/' | 'b/'): string | undefined {
  if (rest === '/dev/null') return undefined;
  const path = unquoteGitPath(rest);
  return path?.startsWith(prefix) ? path.slice(2) : path;
}

/** The path named by `diff --git a/P b/P` when the file has no ---/+++ lines (binary, mode-only). */
function headerPath(line: string): string | undefined {
  const rest = line.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const end = rest.indexOf('" ', 1);
    // two quoted names: the second is the head side
    for (let i = end; i !== -1; i = rest.indexOf('" ', i + 1)) {
      const b = unquoteGitPath(rest.slice(i + 2));
      if (b !== undefined && unquoteGitPath(rest.slice(0, i + 1)) !== undefined) return b.startsWith('b/') ? b.slice(2) : b;
    }
    return undefined;
  }
  // unquoted: `a/P b/P` with the same P on both sides (a rename has its own lines)
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.slice(0, 2) === 'a/' && rest.slice(half + 1, half + 3) === 'b/' && rest.slice(2, half) === rest.slice(half + 3)) return rest.slice(half + 3);
  const m = / b\/(.+)$/.exec(rest);
  return m?.[1];
}

/** Parses `git diff --no-renames? -M` output (several files) into ChangedFiles. */
export function parseGitDiff(diff: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  const sections = diff.split(/^(?=diff --git )/m).filter((s) => s.startsWith('diff --git '));
  for (const section of sections) {
    const header = section.slice(0, section.search(/^@@/m) === -1 ? section.length : section.search(/^@@/m));
    let oldPath: string | undefined;
    let newPath: string | undefined;
    let status: ChangedFile['status'] = 'modified';
    let renameFrom: string | undefined;
    for (const line of header.split('\n')) {
      if (line.startsWith('--- ')) oldPath = sidePath(line.slice(4), 'a/');
      else if (line.startsWith('+++ ')) newPath = sidePath(line.slice(4), 'b/');
      else if (line.startsWith('new file mode')) status = 'added';
      else if (line.startsWith('deleted file mode')) status = 'removed';
      else if (line.startsWith('rename from ')) { renameFrom = unquoteGitPath(line.slice(12)); status = 'renamed'; }
      else if (line.startsWith('rename to ')) newPath = unquoteGitPath(line.slice(10));
    }
    // binary or mode-only change: the path is only on the diff --git line
    if (!newPath && !oldPath) newPath = headerPath(section.slice(0, section.indexOf('\n') === -1 ? section.length : section.indexOf('\n')).replace(/\r$/, ''));
    const path = status === 'removed' ? (oldPath ?? newPath) : (newPath ?? oldPath);
    if (path === undefined) continue;
    const { addedLines, commentableLines } = parsePatch(section);
    const file: ChangedFile = { path, status, addedLines, commentableLines };
    if (status === 'renamed') file.previousPath = renameFrom ?? oldPath;
    files.push(file);
  }
  return files;
}
