// Builders for mechanical fixes (Fix = replace lines startLine..endLine with `replacement`).
// Every builder works on the snapshot text, keeps the file's indentation, quoting and line endings,
// and refuses (returns undefined) rather than produce an edit that could break the file: Helm
// template lines (`{{ … }}`), block scalars, flow collections it cannot safely rewrite.
import { isDeepStrictEqual } from 'node:util';
import { isMap, Lexer, parse as parseYaml, parseDocument, stringify } from 'yaml';
import type { FieldPath, Fix, RenderedObject, Snapshot, SourceLocation } from '../core/types.js';
import { getIn } from '../k8s/workloads.js';

export interface TextLines {
  lines: string[];
  eol: '\n' | '\r\n';
}

// Rules ask for the same file's lines once per object; a snapshot is immutable, so split each file once.
const linesCache = new WeakMap<Snapshot, Map<string, TextLines | undefined>>();

/** The file's lines (shared and frozen: copy before changing them). */
export function readLines(snapshot: Snapshot, path: string): TextLines | undefined {
  let files = linesCache.get(snapshot);
  if (!files) linesCache.set(snapshot, (files = new Map()));
  if (files.has(path)) return files.get(path);
  const text = snapshot.read(path);
  const result = text === undefined ? undefined : { lines: Object.freeze(text.split(/\r?\n/)) as string[], eol: text.includes('\r\n') ? '\r\n' as const : '\n' as const };
  files.set(path, result);
  return result;
}

const TEMPLATE_RE = /\{\{|\}\}/;

/** True when any of lines start..end (1-based, inclusive) holds Helm template syntax. */
export function spanHasTemplate(lines: string[], start: number, end: number): boolean {
  for (let i = start; i <= end; i++) if (TEMPLATE_RE.test(lines[i - 1] ?? '')) return true;
  return false;
}

/** Columns of indentation (YAML indents with spaces only). */
export function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

/** A line that is neither blank nor a comment. */
export function isContentLine(line: string | undefined): boolean {
  if (line === undefined) return false;
  const t = line.trim();
  return t !== '' && !t.startsWith('#');
}

const STARTS_IN_FLOW = 1;
const ENDS_IN_FLOW = 2;
const flowFlags = new WeakMap<string[], Uint8Array | null>();

/** Opening minus closing brackets of a line (`{`/`[` against `}`/`]`); run over every line of a file a fix edits. */
function bracketBalance(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 123 || c === 91) n++;
    else if (c === 125 || c === 93) n--;
  }
  return n;
}

/**
 * Per line (0-based), whether it starts or ends inside a flow collection spread over several lines
 * (`key: {` … `}`); null when the file has none. Only files whose brackets do not balance on every
 * line are lexed.
 */
function multilineFlowFlags(lines: string[]): Uint8Array | null {
  if (flowFlags.has(lines)) return flowFlags.get(lines)!;
  let flags: Uint8Array | null = null;
  if (lines.some((l) => bracketBalance(l) !== 0)) {
    flags = new Uint8Array(lines.length);
    let line = 0;
    let depth = 0;
    for (const token of new Lexer().lex(lines.join('\n'))) {
      if (token === '{' || token === '[') depth++;
      else if ((token === '}' || token === ']') && depth > 0) depth--;
      for (let i = token.indexOf('\n'); i !== -1; i = token.indexOf('\n', i + 1)) {
        if (depth > 0) {
          flags[line] |= ENDS_IN_FLOW;
          if (line + 1 < lines.length) flags[line + 1] |= STARTS_IN_FLOW;
        }
        line++;
      }
    }
  }
  flowFlags.set(lines, flags);
  return flags;
}

/** Whether line `n` (1-based) begins or ends inside a flow collection that other lines continue. */
function inMultilineFlow(lines: string[], n: number, which = STARTS_IN_FLOW | ENDS_IN_FLOW): boolean {
  const flags = multilineFlowFlags(lines);
  return !!flags && (flags[n - 1] & which) !== 0;
}

/** Splits `  - key: value # c` into its parts. Keys may be plain or quoted. */
export function parseKeyLine(line: string): { prefix: string; key: string; sep: string; rest: string } | undefined {
  const m = /^(\s*(?:-\s+)*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|(?![-?:](?:\s|$))[^\s#'"{[][^:#]*?)(\s*:)(\s.*|)$/.exec(line);
  if (!m) return undefined;
  const rawKey = m[2];
  const key = rawKey.startsWith('"') ? JSON.parse(rawKey) as string : rawKey.startsWith("'") ? rawKey.slice(1, -1).replace(/''/g, "'") : rawKey.trim();
  return { prefix: m[1], key, sep: m[3], rest: m[4] };
}

/** Splits the text after `key:` into the value token and a trailing comment (with its spacing). */
export function splitValueAndComment(rest: string): { lead: string; value: string; trail: string } | undefined {
  const lead = /^\s*/.exec(rest)![0];
  const body = rest.slice(lead.length);
  if (body === '' || body.startsWith('#')) return { lead, value: '', trail: body };
  let end: number;
  if (body.startsWith('"')) {
    let i = 1;
    while (i < body.length && body[i] !== '"') i += body[i] === '\\' ? 2 : 1;
    if (i >= body.length) return undefined;
    end = i + 1;
  } else if (body.startsWith("'")) {
    let i = 1;
    while (i < body.length) {
      if (body[i] === "'" && body[i + 1] === "'") { i += 2; continue; }
      if (body[i] === "'") break;
      i++;
    }
    if (i >= body.length) return undefined;
    end = i + 1;
  } else {
    const c = /\s+#/.exec(body);
    end = c ? c.index : body.length;
    while (end > 0 && /\s/.test(body[end - 1])) end--;
  }
  const trail = body.slice(end);
  if (trail.trim() !== '' && !trail.trim().startsWith('#')) return undefined;
  return { lead, value: body.slice(0, end), trail };
}

const PLAIN_UNSAFE = /^$|^[\s\-?:,[\]{}#&*!|>'"%@`]|:\s|:$|\s#|\s$|^(true|false|yes|no|on|off|null|~|y|n)$|^[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)$|^0[xob]|^\d+(:\d+)+$|^[-+]?\.(inf|nan)$/i;

/** Renders a scalar the way the old value was written (plain, "double" or 'single' quoted). */
export function formatScalar(value: string | number | boolean | null, oldToken: string): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (oldToken.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  if (oldToken.startsWith('"') || PLAIN_UNSAFE.test(value)) return JSON.stringify(value);
  return value;
}

function makeFix(path: string, start: number, end: number, newLines: string[], eol: string, description?: string): Fix {
  const fix: Fix = { path, startLine: start, endLine: end, replacement: newLines.join(eol) };
  if (description) fix.description = description;
  return fix;
}

/**
 * Replaces the scalar value on the `key: value` line at `loc.line`, keeping key, indentation,
 * quoting style and trailing comment. `expectKey` guards against a location that fell back to
 * some other line.
 */
export function replaceScalarFix(snapshot: Snapshot, loc: SourceLocation, value: string | number | boolean | null, opts: { expectKey?: string; description?: string } = {}): Fix | undefined {
  const file = readLines(snapshot, loc.path);
  const line = file?.lines[loc.line - 1];
  if (!file || line === undefined || TEMPLATE_RE.test(line) || inMultilineFlow(file.lines, loc.line)) return undefined;
  const kv = parseKeyLine(line);
  if (!kv || (opts.expectKey !== undefined && kv.key !== opts.expectKey)) return undefined;
  const parts = splitValueAndComment(kv.rest);
  if (!parts || parts.value === '' || /^[|>{[&*!]/.test(parts.value)) return undefined;
  const lead = parts.lead === '' ? ' ' : parts.lead;
  const keyPart = line.slice(0, line.length - kv.rest.length);
  const newLine = `${keyPart}${lead}${formatScalar(value, parts.value)}${parts.trail}`;
  return makeFix(loc.path, loc.line, loc.line, [newLine], file.eol, opts.description);
}

/** Replaces lines start..end with `text` (already indented). Refuses to overwrite template lines unless allowed. */
export function replaceLinesFix(snapshot: Snapshot, path: string, start: number, end: number, text: string | string[], opts: { allowTemplate?: boolean; description?: string } = {}): Fix | undefined {
  const file = readLines(snapshot, path);
  if (!file || start < 1 || end < start || end > file.lines.length) return undefined;
  if (!opts.allowTemplate && spanHasTemplate(file.lines, start, end)) return undefined;
  // The span must begin and end at block level: block lines cannot replace part of a flow collection.
  if (inMultilineFlow(file.lines, start, STARTS_IN_FLOW) || inMultilineFlow(file.lines, end, ENDS_IN_FLOW)) return undefined;
  const newLines = Array.isArray(text) ? text : text.split(/\r?\n/);
  return makeFix(path, start, end, newLines, file.eol, opts.description);
}

/** Replaces a located block (loc.line..loc.endLine) with other text. */
export function replaceBlockFix(snapshot: Snapshot, loc: SourceLocation, text: string | string[], opts: { allowTemplate?: boolean; description?: string } = {}): Fix | undefined {
  return replaceLinesFix(snapshot, loc.path, loc.line, loc.endLine ?? loc.line, text, opts);
}

/** YAML text for `value` as block lines (no trailing newline), indented with `step` spaces per level. */
// Rules insert the same few entries into thousands of objects: stringify each shape once.
const yamlLinesCache = new Map<string, string[]>();
const MAX_CACHED_SHAPES = 1000;

export function yamlLines(value: unknown, step = 2): string[] {
  const key = `${step}:${JSON.stringify(value)}`;
  let lines = yamlLinesCache.get(key);
  if (!lines) {
    lines = stringify(value, { indent: step, lineWidth: 0 }).replace(/\n$/, '').split('\n');
    if (yamlLinesCache.size >= MAX_CACHED_SHAPES) yamlLinesCache.clear();
    yamlLinesCache.set(key, lines);
  }
  return [...lines];
}

export type MappingAnchor = 'key' | 'item' | 'root';

function nextContentLine(lines: string[], after: number): number | undefined {
  for (let i = after + 1; i <= lines.length; i++) {
    const t = lines[i - 1].trim();
    if (t === '---' || t === '...') return undefined;
    if (isContentLine(lines[i - 1])) return i;
  }
  return undefined;
}

/** True when the text after `key:` is a complete one-line scalar (so a sibling may follow on the next line). */
function isInlineScalar(rest: string): boolean {
  const parts = splitValueAndComment(rest);
  if (!parts || parts.value === '') return false;
  if (/^[|>]/.test(parts.value)) return false;
  if (/^[[{]/.test(parts.value)) return /[\]}]$/.test(parts.value);
  return true;
}

/**
 * Spaces per nesting level of the block mappings around `line`: the nearest `key:` without a value
 * whose next line is a deeper key (sequence items may sit at their key's indentation, so they do not
 * tell); 2 when none is near.
 */
function indentStepNear(lines: string[], line: number): number {
  const RADIUS = 60;
  for (const dir of [-1, 1]) {
    for (let i = line, seen = 0; i >= 1 && i <= lines.length && seen < RADIUS; i += dir, seen++) {
      const kv = parseKeyLine(lines[i - 1]);
      if (!kv || !/^\s*(#.*)?$/.test(kv.rest)) continue;
      const next = nextContentLine(lines, i);
      const child = next === undefined ? undefined : parseKeyLine(lines[next - 1]);
      if (!child || child.prefix.includes('-')) continue;
      const step = child.prefix.length - kv.prefix.length;
      if (step > 0) return step;
    }
  }
  return 2;
}

/**
 * `line` with `entries` added to the flow mapping that starts at column `open` and closes on the same
 * line (`- {name: root, mountPath: /host}` → `- {name: root, mountPath: /host, readOnly: true}`).
 * Undefined when the mapping does not close on that line, already holds one of the keys, or (with
 * `current`) does not hold exactly `current`, i.e. the location is not the mapping meant.
 */
function addToFlowMapping(line: string, open: number, entries: Record<string, unknown>, current?: Record<string, unknown>): string | undefined {
  const old = flowMappingAt(line, open);
  if (!old || Object.keys(entries).some((k) => k in old.value)) return undefined;
  if (current && !isDeepStrictEqual(old.value, current)) return undefined;
  const added = stringify(entries, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim().slice(1, -1);
  if (added.includes('\n')) return undefined;
  const inner = line.slice(open + 1, old.close);
  const body = inner.trimEnd();
  const sep = body.trim() === '' ? '' : body.endsWith(',') ? ' ' : ', ';
  const edited = `${line.slice(0, open + 1)}${body.trim() === '' ? '' : body}${sep}${added}${inner.slice(body.length)}${line.slice(old.close)}`;
  const check = flowMappingAt(edited, open);
  return check && isDeepStrictEqual(check.value, { ...old.value, ...entries }) ? edited : undefined;
}

/** The flow mapping written whole on `line` from column `open` (its value and closing brace), if any. */
function flowMappingAt(line: string, open: number): { value: Record<string, unknown>; close: number } | undefined {
  if (line[open] !== '{') return undefined;
  try {
    const doc = parseDocument(line.slice(open), { logLevel: 'silent' });
    const map = doc.contents;
    if (doc.errors.length > 0 || !isMap(map) || !map.flow || !map.range) return undefined;
    const close = open + map.range[1] - 1;
    return line[close] === '}' ? { value: doc.toJS({ maxAliasCount: 0 }) as Record<string, unknown>, close } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Inserts `entries` (a mapping, written as YAML) into the mapping located at `loc`:
 *  - 'key':  loc.line is `key:` (block value below, or empty, or `{}`, or a one-line `{…}`); entries
 *    go one level deeper (inside the braces for a flow mapping);
 *  - 'item': loc.line is a sequence item `- name: x` (or `- {name: x}`); entries align with the item's keys;
 *  - 'root': loc.line is the first key of a document; entries align with it.
 * Entries go after the mapping's last line when the location spans the mapping (loc.endLine),
 * otherwise right after its first line. The fix replaces one line with itself plus the new lines.
 * `current`, the mapping's present entries, guards against a location that is some other mapping.
 * New nested mappings are indented by the file's own step.
 */
export function insertEntriesFix(snapshot: Snapshot, loc: SourceLocation, anchor: MappingAnchor, entries: Record<string, unknown>, opts: { expectKey?: string; description?: string; current?: Record<string, unknown> } = {}): Fix | undefined {
  const file = readLines(snapshot, loc.path);
  if (!file) return undefined;
  const { lines } = file;
  const first = lines[loc.line - 1];
  if (first === undefined || TEMPLATE_RE.test(first) || inMultilineFlow(lines, loc.line)) return undefined;
  const firstChild = nextContentLine(lines, loc.line);
  const flowEdit = (open: number): Fix | undefined => {
    const edited = addToFlowMapping(first, open, entries, opts.current);
    return edited === undefined ? undefined : makeFix(loc.path, loc.line, loc.line, [edited], file.eol, opts.description);
  };

  let childIndent: number;
  let step = 2;
  let canInsertAfterFirst = true;
  if (anchor === 'key') {
    const kv = parseKeyLine(first);
    if (!kv || (opts.expectKey !== undefined && kv.key !== opts.expectKey)) return undefined;
    const parts = splitValueAndComment(kv.rest);
    if (!parts) return undefined;
    const keyIndent = kv.prefix.length;
    if (parts.value === '{}') {
      step = indentStepNear(lines, loc.line);
      const pad = ' '.repeat(keyIndent + step);
      const head = `${first.slice(0, first.length - kv.rest.length)}${parts.trail ? ` ${parts.trail.trim()}` : ''}`;
      return makeFix(loc.path, loc.line, loc.line, [head, ...yamlLines(entries, step).map((l) => pad + l)], file.eol, opts.description);
    }
    if (parts.value.startsWith('{')) return flowEdit(first.length - kv.rest.length + parts.lead.length);
    if (parts.value !== '' && parts.value !== '~' && parts.value !== 'null') return undefined;
    const child = firstChild !== undefined ? lines[firstChild - 1] : undefined;
    if (child !== undefined && indentOf(child) > keyIndent) {
      if (/^\s*-(\s|$)/.test(child)) return undefined; // a sequence, not a mapping
      childIndent = indentOf(child);
      step = childIndent - keyIndent;
      if (TEMPLATE_RE.test(child)) canInsertAfterFirst = false;
      else if (!parseKeyLine(child)) return undefined; // the value is written some other way (`{…}` on its own line)
    } else {
      step = indentStepNear(lines, loc.line);
      childIndent = keyIndent + step;
    }
  } else if (anchor === 'item') {
    const m = /^(\s*(?:-\s+)+)(\S?)/.exec(first) ?? /^(\s*-)$/.exec(first);
    if (!m) return undefined;
    if (m[2] === '{') return flowEdit(m[1].length);
    step = indentStepNear(lines, loc.line);
    if (m[2]) {
      const kv = parseKeyLine(first);
      if (!kv || !firstEntryHolds(kv, opts.current)) return undefined; // not a mapping, or not this one
      childIndent = m[1].length;
      canInsertAfterFirst = isInlineScalar(kv.rest);
    } else {
      if (firstChild === undefined) return undefined;
      childIndent = indentOf(lines[firstChild - 1]);
      canInsertAfterFirst = false;
    }
  } else {
    const kv = parseKeyLine(first);
    if (!kv || !firstEntryHolds(kv, opts.current)) return undefined;
    step = indentStepNear(lines, loc.line);
    childIndent = indentOf(first);
    canInsertAfterFirst = isInlineScalar(kv.rest);
  }

  // A template may write the key under a condition the render skipped (`{{- with .Values.x }}`):
  // inserting it again would be a duplicate key wherever the condition holds.
  if (mappingWritesKey(lines, loc.line, anchor, childIndent, Object.keys(entries))) return undefined;
  const pad = ' '.repeat(childIndent);
  const newLines = yamlLines(entries, step).map((l) => (l === '' ? l : pad + l));
  // After the mapping's last line, when the location spans the mapping and the text agrees.
  const end = loc.endLine ?? loc.line;
  if (end > loc.line && end <= lines.length && !spanHasTemplate(lines, loc.line, end) && !inMultilineFlow(lines, end, ENDS_IN_FLOW)) {
    const after = nextContentLine(lines, end);
    const closes = after === undefined || indentOf(lines[after - 1]) < childIndent || (anchor === 'root' && indentOf(lines[after - 1]) <= childIndent && !parseKeyLine(lines[after - 1]));
    if (closes && isContentLine(lines[end - 1])) return makeFix(loc.path, end, end, [lines[end - 1], ...newLines], file.eol, opts.description);
  }
  if (!canInsertAfterFirst) return undefined;
  return makeFix(loc.path, loc.line, loc.line, [first, ...newLines], file.eol, opts.description);
}

/**
 * Whether the entry written first on the line holds what the mapping holds under that key: the line
 * is the mapping's own, not that of an enclosing one sharing a key (`- a: [ { a: 0 } ]`, whose
 * inner `{ a: 0 }` is located at the same line). Without the mapping's content, nothing to compare.
 */
function firstEntryHolds(kv: { key: string; rest: string }, current: Record<string, unknown> | undefined): boolean {
  if (!current) return true;
  if (!(kv.key in current)) return false;
  const parts = splitValueAndComment(kv.rest);
  if (!parts) return false;
  const held = current[kv.key];
  if (parts.value === '') return held === null || typeof held === 'object';
  // Both come from one document: a plain scalar written as the value's own text is that value.
  if (typeof held !== 'object' && String(held) === parts.value) return true;
  try {
    return isDeepStrictEqual(parseYaml(parts.value), held);
  } catch {
    return false; // an alias, a tag: not compared, so not edited
  }
}

/** A line holding only template actions (`{{- with .Values.x }}`, `{{- end }}`). */
const isActionLine = (line: string): boolean => /^\s*\{\{.*\}\}\s*$/.test(line) && !/\}\}\s*\S/.test(line.replace(/\{\{.*?\}\}/g, ''));

/**
 * Whether the mapping around `line` (its entries at `childIndent`, above and below) writes one of
 * `keys`, in any branch of the template. An item's own line (`- name: x`) holds its first key.
 */
function mappingWritesKey(lines: string[], line: number, anchor: MappingAnchor, childIndent: number, keys: string[]): boolean {
  const wanted = new Set(keys);
  const writes = (text: string): boolean => {
    const kv = parseKeyLine(text.replace(/^(\s*)-\s+/, (_, sp: string) => ' '.repeat(sp.length + 2)));
    return !!kv && kv.prefix.length === childIndent && wanted.has(kv.key);
  };
  if (anchor === 'item' && writes(lines[line - 1] ?? '')) return true;
  for (const dir of [1, -1]) {
    for (let i = line + dir; i >= 1 && i <= lines.length; i += dir) {
      const text = lines[i - 1];
      if (!isContentLine(text) || isActionLine(text)) continue;
      if (indentOf(text) < childIndent) {
        if (anchor === 'item' && dir === -1 && writes(text)) return true;
        break;
      }
      if (writes(text)) return true;
      if (dir === -1 && anchor === 'key' && i <= line) break;
    }
    if (anchor === 'key') break; // a `key:` mapping starts on its own line: nothing above belongs to it
  }
  return false;
}

function nest(path: FieldPath, value: unknown): Record<string, unknown> {
  let v: unknown = value;
  for (let i = path.length - 1; i >= 0; i--) v = { [String(path[i])]: v };
  return v as Record<string, unknown>;
}

function isMapping(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Sets `path` to `value` in the source of `target`: replaces the scalar when the field exists,
 * otherwise inserts the missing keys under the deepest mapping that exists (creating e.g. a
 * `securityContext:` block under a container). Returns undefined when no safe text edit exists.
 */
export function setFieldFix(snapshot: Snapshot, target: RenderedObject, path: FieldPath, value: unknown, description?: string): Fix | undefined {
  if (path.length === 0) return undefined;
  const existing = getIn(target.object, path);
  const last = path[path.length - 1];
  if (existing !== undefined && existing !== null) {
    if (typeof existing === 'object' || (value !== null && typeof value === 'object')) return undefined;
    if (typeof last !== 'string') return undefined;
    return replaceScalarFix(snapshot, target.locate(path), value as string | number | boolean | null, { expectKey: last, description });
  }
  // Deepest ancestor that exists as a mapping (or as an empty `key:`).
  let i = path.length - 1;
  for (; i > 0; i--) {
    const v = getIn(target.object, path.slice(0, i));
    if (isMapping(v)) break;
    if (v === null && typeof path[i - 1] === 'string' && isMapping(getIn(target.object, path.slice(0, i - 1)))) break;
    if (v !== undefined) return undefined; // a scalar or list is in the way
  }
  const parent = path.slice(0, i);
  const entries = nest(path.slice(i), value);
  const held = parent.length === 0 ? target.object : getIn(target.object, parent);
  const current = isMapping(held) ? held as Record<string, unknown> : undefined;
  const tail = parent[parent.length - 1];
  const anchor: MappingAnchor = parent.length === 0 ? 'root' : typeof tail === 'number' ? 'item' : 'key';
  let loc = target.locate(parent);
  if (anchor === 'root') {
    const file = readLines(snapshot, loc.path);
    if (file && /^\s*-(\s|$)/.test(file.lines[loc.line - 1] ?? '')) return insertEntriesFix(snapshot, loc, 'item', entries, { description, current });
    loc = { ...loc };
  }
  return insertEntriesFix(snapshot, loc, anchor, entries, { expectKey: typeof tail === 'string' ? tail : undefined, description, current });
}

/** Applies a fix to text (for tests and previews): the lines it spans are replaced by its replacement. */
export function applyFix(text: string, fix: Fix): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  lines.splice(fix.startLine - 1, fix.endLine - fix.startLine + 1, ...fix.replacement.split(/\r?\n/));
  return lines.join(eol);
}
