// Fixes that edit the same lines of a file, merged into one edit so that a single ```suggestion
// applies them all. Several rules often ask for entries under the same mapping (a container's
// securityContext gets allowPrivilegeEscalation from one rule, capabilities from another): each fix
// then replaces the mapping's line with itself plus its own entries, and GitHub can apply only one
// suggestion of a comment. Only those shapes merge: the same lines kept ahead of a block of new
// YAML entries at one indentation. Entries merge key by key; the same key with two different values
// is a conflict, and the fix stays on its own.
import { isDeepStrictEqual } from 'node:util';
import { isMap, parseDocument } from 'yaml';
import type { Fix } from '../core/types.js';
import { indentOf, yamlLines } from '../engine/fixes.js';

interface Insertion {
  /** The fix's first lines: the span's own lines, as the fix leaves them. */
  head: string[];
  /** Indentation of the new entries. */
  indent: number;
  /** Spaces per nesting level of the new entries (2 when they are flat). */
  step: number;
  entries: Record<string, unknown>;
}


/**
 * A fix as head lines plus a mapping of new entries; undefined for any other shape. The head is at
 * least the span's own lines, as the fix leaves them; it may be longer when the fix also rewrites
 * them (a line replaced by several, then the entries): the shortest head whose rest is such a mapping.
 */
function asInsertion(fix: Fix): Insertion | undefined {
  const lines = fix.replacement.split(/\r?\n/);
  for (let split = fix.endLine - fix.startLine + 1; split < lines.length; split++) {
    const insertion = splitInsertion(lines.slice(0, split), lines.slice(split));
    if (insertion) return insertion;
  }
  return undefined;
}

function splitInsertion(head: string[], tail: string[]): Insertion | undefined {
  const content = tail.filter((l) => l.trim() !== '');
  if (content.length === 0 || content.some((l) => /\{\{|\}\}|\t/.test(l))) return undefined;
  const indent = Math.min(...content.map(indentOf));
  if (indentOf(content[0]) !== indent) return undefined;
  const deeper = content.find((l) => indentOf(l) > indent);
  const doc = parseDocument(tail.map((l) => l.slice(indent)).join('\n'), { logLevel: 'error' });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  return { head, indent, step: deeper ? indentOf(deeper) - indent : 2, entries: doc.toJS() as Record<string, unknown> };
}

const sameText = (a: string | string[], b: string | string[]): boolean =>
  (Array.isArray(a) ? a.join('\n') : a.replace(/\r\n/g, '\n')) === (Array.isArray(b) ? b.join('\n') : b.replace(/\r\n/g, '\n'));

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `into` plus the entries of `from`; undefined when a key holds two different values. */
function mergeEntries(into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = { ...into };
  for (const [key, value] of Object.entries(from)) {
    if (!(key in out)) out[key] = value;
    else if (isMapping(out[key]) && isMapping(value)) {
      const merged = mergeEntries(out[key] as Record<string, unknown>, value);
      if (!merged) return undefined;
      out[key] = merged;
    } else if (!isDeepStrictEqual(out[key], value)) return undefined;
  }
  return out;
}

export interface MergedFix {
  fix: Fix;
  /** The fixes the merged one applies, in the order given. */
  merged: Fix[];
}

/**
 * Merges fixes of one file and one line span. The first fix always takes part; each later one joins
 * when it repeats a fix already in, when it is exactly the head lines an insertion keeps (the
 * insertion applies it too; the insertion then leads), or when both insert entries after the same
 * head lines at the same indentation without a conflicting key. Fixes of other spans are not looked at.
 */
export function mergeFixes(fixes: Fix[]): MergedFix | undefined {
  const [first, ...rest] = fixes;
  if (!first) return undefined;
  const merged: Fix[] = [first];
  let lead = first;
  let base = asInsertion(first);
  let entries = base?.entries;
  let grew = false;
  const descriptions = first.description ? [first.description] : [];
  for (const fix of rest) {
    if (fix.path !== first.path || fix.startLine !== first.startLine || fix.endLine !== first.endLine) continue;
    if (merged.some((m) => m.replacement === fix.replacement)) {
      merged.push(fix);
      continue;
    }
    if (base && sameText(fix.replacement, base.head)) {
      merged.push(fix);
      if (fix.description && !descriptions.includes(fix.description)) descriptions.push(fix.description);
      continue;
    }
    const other = asInsertion(fix);
    if (!grew && other && merged.every((m) => sameText(m.replacement, other.head))) {
      lead = fix;
      base = other;
      entries = other.entries;
      merged.push(fix);
      if (fix.description && !descriptions.includes(fix.description)) descriptions.unshift(fix.description);
      continue;
    }
    if (!base || !entries || !other || other.indent !== base.indent || other.step !== base.step || other.head.join('\n') !== base.head.join('\n')) continue;
    const next = mergeEntries(entries, other.entries);
    if (!next) continue;
    entries = next;
    grew = true;
    merged.push(fix);
    if (fix.description && !descriptions.includes(fix.description)) descriptions.push(fix.description);
  }
  if (!grew || !base || !entries) return { fix: descriptions.length > 1 ? { ...lead, description: descriptions.join('; ') } : lead, merged };
  const eol = first.replacement.includes('\r\n') ? '\r\n' : '\n';
  const pad = ' '.repeat(base.indent);
  const body = yamlLines(entries, base.step).map((l) => (l === '' ? l : pad + l));
  const fix: Fix = { path: first.path, startLine: first.startLine, endLine: first.endLine, replacement: [...base.head, ...body].join(eol) };
  if (descriptions.length) fix.description = descriptions.join('; ');
  return { fix, merged };
}
