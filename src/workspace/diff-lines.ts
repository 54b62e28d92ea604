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

function unquote(p: string): string {
  if (p.startsWith('"') && p.endsWith('"')) return JSON.parse(p) as string;
  return p;
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
      if (line.startsWith('--- ')) oldPath = line.slice(4) === '/dev/null' ? undefined : unquote(line.slice(4)).replace(/^a\//, '');
      else if (line.startsWith('+++ ')) newPath = line.slice(4) === '/dev/null' ? undefined : unquote(line.slice(4)).replace(/^b\//, '');
      else if (line.startsWith('new file mode')) status = 'added';
      else if (line.startsWith('deleted file mode')) status = 'removed';
      else if (line.startsWith('rename from ')) { renameFrom = unquote(line.slice(12)); status = 'renamed'; }
      else if (line.startsWith('rename to ')) newPath = unquote(line.slice(10));
    }
    if (!newPath && !oldPath) {
      // binary or mode-only change: take the path from the diff --git line
      const m = /^diff --git a\/(.+) b\/(.+)$/m.exec(section);
      if (m) newPath = m[2];
    }
    const { addedLines, commentableLines } = parsePatch(section);
    const path = status === 'removed' ? (oldPath ?? newPath!) : (newPath ?? oldPath!);
    const file: ChangedFile = { path, status, addedLines, commentableLines };
    if (status === 'renamed') file.previousPath = renameFrom ?? oldPath;
    files.push(file);
  }
  return files;
}
