// Suggestions of one review that do not compose. GitHub's "Commit suggestions" applies several at
// once, each on its own lines, so two suggestions that share no line can still break the file
// together: one inserts `readOnlyRootFilesystem: true` under `securityContext:` while another
// replaces that mapping's entries with a helper include that writes the key too (a duplicate key).
// Of two such fixes the more complete one is kept: the one rewriting the other's lines, or the
// mapping the other writes into. The other's finding is covered by it.
import type { Fix } from '../core/types.js';
import { indentOf, isContentLine } from '../engine/fixes.js';

const TEMPLATE_RE = /\{\{|\}\}/;
const spanLength = (fix: Fix): number => fix.endLine - fix.startLine + 1;

/** The new entries of a fix that keeps its span's lines and adds lines after them: their indentation and top-level keys. */
function insertionOf(fix: Fix, fileLines: string[]): { indent: number; keys: Set<string> } | undefined {
  const lines = fix.replacement.split(/\r?\n/);
  const kept = lines.slice(0, spanLength(fix));
  if (kept.some((l, i) => l !== fileLines[fix.startLine - 1 + i])) return undefined;
  const added = lines.slice(kept.length).filter(isContentLine);
  if (added.length === 0) return undefined;
  const indent = indentOf(added[0]);
  return { indent, keys: new Set(added.filter((l) => indentOf(l) === indent).map(keyOf).filter((k): k is string => k !== undefined)) };
}

function keyOf(line: string): string | undefined {
  return /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(?:\s|$)/.exec(line)?.[1].replace(/^["']|["']$/g, '');
}

/** Lines (first, last) of the mapping that entries inserted after line `after` at `indent` land in. */
function receivingMapping(fileLines: string[], after: number, indent: number): [number, number] {
  const inside = (n: number): boolean => !isContentLine(fileLines[n - 1]) || indentOf(fileLines[n - 1]) >= indent;
  let first = after + 1;
  while (first > 1 && inside(first - 1)) first--;
  let last = after;
  while (last < fileLines.length && inside(last + 1)) last++;
  return [first, last];
}

/** Whether `text` may write one of `keys` at `indent`: it names one there, or template output goes there. */
function mayWriteKeys(text: string, indent: number, keys: Set<string>): boolean {
  const templateAt = new RegExp(`\\bn?indent\\s+${indent}\\b`);
  return text.split(/\r?\n/).some((l) => isContentLine(l) && (TEMPLATE_RE.test(l) ? indentOf(l) === indent || templateAt.test(l) : indentOf(l) === indent && keys.has(keyOf(l) ?? '')));
}

/**
 * Which of two fixes of one file to drop, or undefined when both apply together. Fixes of the same
 * span are mergeFixes' concern and never conflict here.
 */
function loserOf(a: Fix, b: Fix, fileLines: string[] | undefined): Fix | undefined {
  if (a.path !== b.path || (a.startLine === b.startLine && a.endLine === b.endLine)) return undefined;
  if (a.startLine <= b.endLine && b.startLine <= a.endLine) return spanLength(b) > spanLength(a) ? a : b;
  if (!fileLines) return undefined;
  for (const [inserting, replacing] of [[a, b], [b, a]]) {
    const insertion = insertionOf(inserting, fileLines);
    if (!insertion) continue;
    const [first, last] = receivingMapping(fileLines, inserting.endLine, insertion.indent);
    const inMapping = replacing.startLine <= last && first <= replacing.endLine;
    if (inMapping && mayWriteKeys(replacing.replacement, insertion.indent, insertion.keys)) return inserting;
  }
  return undefined;
}

/**
 * Per fix dropped for a conflict, the fix that covers it. Fixes are taken in the order given (the
 * earlier wins a tie); `read` gives a file's text, without which only overlapping spans are seen.
 */
export function supersededFixes(fixes: Fix[], read?: (path: string) => string | undefined): Map<Fix, Fix> {
  const linesOf = new Map<string, string[] | undefined>();
  const fileLines = (path: string): string[] | undefined => {
    if (!linesOf.has(path)) linesOf.set(path, read?.(path)?.split(/\r?\n/));
    return linesOf.get(path);
  };
  const out = new Map<Fix, Fix>();
  const kept: Fix[] = [];
  for (const fix of fixes) {
    let current: Fix | undefined = fix;
    for (const other of [...kept]) {
      const loser = loserOf(other, current, fileLines(fix.path));
      if (!loser) continue;
      const winner = loser === other ? current : other;
      out.set(loser, winner);
      if (loser === other) kept.splice(kept.indexOf(other), 1);
      else {
        current = undefined;
        break;
      }
    }
    if (current) kept.push(current);
  }
  for (const [loser, winner] of out) {
    let final = winner;
    while (out.has(final)) final = out.get(final)!;
    out.set(loser, final);
  }
  return out;
}
