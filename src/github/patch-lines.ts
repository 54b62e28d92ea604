// GitHub's "list pull request files" entries → the ChangedFiles the engine reviews.
// GitHub omits `patch` for binary files and for diffs too large to show; such files get no
// commentable lines (GitHub would reject a comment there), and an added file counts as all-added.
import type { ChangedFile } from '../engine/review-types.js';
import { parsePatch } from '../workspace/diff-lines.js';

/** The fields of one entry of `GET /repos/{owner}/{repo}/pulls/{pull_number}/files` that matter here. */
export interface PullFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
}

const STATUSES = new Set<ChangedFile['status']>(['added', 'modified', 'removed', 'renamed', 'copied', 'changed', 'unchanged']);

function lineCount(text: string): number {
  if (text === '') return 0;
  const n = text.split('\n').length;
  return text.endsWith('\n') ? n - 1 : n;
}

/**
 * Converts one PR file. `readHead` returns the head text of a path; it is used only when GitHub
 * sent no patch for an added file, to mark every line as added (so secret scanning still sees them).
 */
export function changedFileOf(file: PullFile, readHead?: (path: string) => string | undefined): ChangedFile {
  const status = (STATUSES.has(file.status as ChangedFile['status']) ? file.status : 'modified') as ChangedFile['status'];
  let addedLines: number[] = [];
  let commentableLines: number[] = [];
  if (file.patch !== undefined) {
    ({ addedLines, commentableLines } = parsePatch(file.patch));
  } else if (status === 'added' && readHead) {
    const text = readHead(file.filename);
    if (text !== undefined) addedLines = Array.from({ length: lineCount(text) }, (_, i) => i + 1);
  }
  const changed: ChangedFile = { path: file.filename, status, addedLines, commentableLines };
  if (file.previous_filename && (status === 'renamed' || status === 'copied')) changed.previousPath = file.previous_filename;
  return changed;
}

export function changedFilesOf(files: PullFile[], readHead?: (path: string) => string | undefined): ChangedFile[] {
  return files.map((f) => changedFileOf(f, readHead));
}

/** Hunk ranges (head side) of a patch: a multi-line review comment must start and end in the same one. */
export function hunkRanges(patch: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (const m of patch.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count > 0) ranges.push({ start, end: start + count - 1 });
  }
  return ranges;
}
