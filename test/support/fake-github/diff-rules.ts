// Where GitHub lets a review comment sit: on the RIGHT side, a line inside one hunk of the file's
// patch (context or added); a multi-line comment's start_line in the same hunk, before `line`.
// Written independently of src/ so the fake does not share the app's assumptions.

export interface Hunk {
  /** Head-side lines of the hunk (context and added). */
  lines: Set<number>;
}

export function hunksOf(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  let line = 0;
  for (const text of patch.split('\n')) {
    const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (m) {
      current = { lines: new Set() };
      hunks.push(current);
      line = Number(m[1]);
    } else if (current && (text.startsWith('+') || text.startsWith(' '))) {
      current.lines.add(line++);
    }
  }
  return hunks;
}

export interface CommentInput {
  path: string;
  line?: number;
  side?: string;
  start_line?: number;
  start_side?: string;
  position?: number;
  body: string;
}

/** GitHub's error message for a comment it cannot place, or undefined when it can. */
export function commentError(comment: CommentInput, patches: Map<string, string | undefined>): string | undefined {
  if (!patches.has(comment.path)) return 'Path could not be resolved';
  const patch = patches.get(comment.path);
  if (comment.line === undefined) return comment.position === undefined ? 'Line could not be resolved' : undefined;
  if ((comment.side ?? 'RIGHT') !== 'RIGHT') return 'Pull request review thread line must be part of the diff';
  const hunk = patch ? hunksOf(patch).find((h) => h.lines.has(comment.line!)) : undefined;
  if (!hunk) return 'Pull request review thread line must be part of the diff';
  if (comment.start_line !== undefined) {
    if (comment.start_line >= comment.line) return 'Pull request review thread start line must precede the end line';
    if (!hunk.lines.has(comment.start_line)) return 'Pull request review thread start line must be part of the same hunk as the line.';
  }
  return undefined;
}
