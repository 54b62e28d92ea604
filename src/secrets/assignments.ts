// Key/value assignments on a line, in the syntaxes a GitOps repo holds: YAML, JSON, .env,
// properties, HCL, command-line flags, and Kubernetes env entries (`- name: X` + `value: y`).
import { isQuote } from './key-screen.js';
import type { ScanSource } from './types.js';

export interface Assignment {
  key: string;
  value: string;
  /** Line the value is on (differs from the key's line for env name/value pairs). */
  line: number;
  style: 'line' | 'inline' | 'env';
}

// `key: value` / `key = value` / `export KEY=value` taking the whole rest of the line.
const LINE_RE = /^\s*(?:-\s+)?(?:export\s+)?["']?([A-Za-z_$@][\w.\-/$@]{0,120}?)["']?\s*(?::\s|:$|=)\s*(.*)$/;
// Assignments inside a line: JSON members, flow mappings, flags (--db-password=…), URLs' query strings.
// A key starts where no key character precedes it (so a run like `-a-a-a…` offers one start, not
// one per dash: linear on hostile lines); up to two dashes lead command-line flags.
const INLINE_RE = /(?<![\w.\-])-{0,2}["']?([A-Za-z_][\w.\-]{0,120})["']?\s*[:=]\s*("(?:[^"\\\n]|\\.){0,2000}"|'[^'\n]{0,2000}'|[^\s,;'"`}\]&)\\]{1,2000})/g;
const ENV_NAME_RE = /^(\s*)(-\s+)?["']?name["']?\s*:\s*["']?([A-Za-z_][\w.-]{0,120})["']?\s*(?:#.*)?$/;
const ENV_VALUE_RE = /^(\s*)(-\s+)?["']?value["']?\s*:\s*(.*)$/;
/** ENV_NAME_RE's group 3 alone: on a plain `name: IDENT` line, where ENV_NAME_RE can only take all of IDENT. */
const BARE_NAME = /^[A-Za-z_][\w.-]{0,120}$/;
/**
 * A line's indentation (its run of `\s`), then what ENV_VALUE_RE needs after it when its group 2
 * is absent. The match ends with `:` only when the head matched.
 */
const LINE_HEAD = /[^\S\n]*(?:["']?value["']?\s*:)?/y;

/** The longest key or env name the expressions above read: {0,120} after a first character. */
export const MAX_KEY_LENGTH = 121;
/** How many lines below an env entry's `name:` its `value:` is looked for. */
export const ENV_VALUE_LINES = 4;

/** Strips quotes and a trailing YAML/shell comment from a raw value. */
export function unquote(raw: string): string {
  let v = raw.trim();
  if (v.endsWith(',')) v = v.slice(0, -1).trimEnd();
  const q = v.charCodeAt(0);
  if (isQuote(q) && v.length >= 2) {
    const end = v.indexOf(v[0], 1);
    if (end > 0) {
      const inner = v.slice(1, end);
      if (q === 34) return inner.includes('\\') ? inner.replace(/\\(["\\/])/g, '$1') : inner;
      return inner.includes("''") ? inner.replace(/''/g, "'") : inner;
    }
    return v.slice(1);
  }
  const hash = v.indexOf('#', 1) > 0 ? v.search(/\s#/) : -1;
  if (hash >= 0) v = v.slice(0, hash).trimEnd();
  return v;
}

/**
 * The assignments of one line, built as far as detectors ask. A plain `key: value` line offers
 * its key first: the value is unquoted only when a detector accepts the key (assignmentsOf). The
 * env pair (`- name: KEY` here, `value: v` below) is found in steps: whether a `value:` line may
 * follow at all (most `name:` lines, of Secrets, secretKeyRefs and volumes, have none), then the
 * key (envKeyOf), then the value, only for a key a detector accepts (envAssignmentOf).
 */
export interface LineAssignments {
  src: ScanSource;
  n: number;
  /** Key of a plain `key: value` line, whose only assignment besides the env pair is that one. */
  plainKey: string | undefined;
  plainRaw: string;
  /** Every assignment but the env pair, in the order they occur (undefined until built). */
  list: Assignment[] | undefined;
  /** Whether the line may be an env entry's `name:` (ENV_NAME_RE not tried yet). */
  mayBeEnvName: boolean;
  /** Key of the env pair (null: no pair; undefined: not looked for yet). */
  envKey: string | null | undefined;
  /** Column of the env entry (-1 until ENV_NAME_RE has matched). */
  envColumn: number;
  /** The env pair (null: none; undefined: not looked for yet). */
  env: Assignment | null | undefined;
}

/** Every assignment of the line but the env pair, in the order they occur. */
export function assignmentsOf(p: LineAssignments): Assignment[] {
  if (p.list === undefined) {
    const value = unquote(p.plainRaw);
    p.list = value ? [{ key: p.plainKey!, value, line: p.n, style: 'line' }] : [];
  }
  return p.list;
}

/**
 * The key of the env pair, when the line may be an env entry's `name:` and a `value:` line may
 * follow. On a plain `name: IDENT` line that is IDENT, the key ENV_NAME_RE gives if it matches
 * (whether it does is left to envAssignmentOf, for a key some detector accepts).
 */
export function envKeyOf(p: LineAssignments): string | undefined {
  if (p.envKey === undefined) {
    p.envKey = null;
    if (p.mayBeEnvName && valueLineMayFollow(p.src, p.n)) {
      if (p.plainKey !== undefined && BARE_NAME.test(p.plainRaw)) p.envKey = p.plainRaw;
      else matchEnvName(p);
    }
  }
  return p.envKey ?? undefined;
}

/** Runs ENV_NAME_RE: sets the env key and column (envColumn -1 and no key when it does not match). */
function matchEnvName(p: LineAssignments): void {
  const env = ENV_NAME_RE.exec(p.src.line(p.n));
  p.envKey = env ? env[3] : null;
  p.envColumn = env ? env[1].length + (env[2]?.length ?? 0) : -1;
}

/** The env pair, when the entry has a non-empty `value:` (its line differs, so it never repeats one of assignmentsOf()). */
export function envAssignmentOf(p: LineAssignments): Assignment | undefined {
  if (p.env === undefined) {
    p.env = null;
    if (envKeyOf(p) !== undefined && p.envColumn < 0) matchEnvName(p);
    const key = p.envKey;
    const value = key ? envValueFor(p.src, p.n, p.envColumn) : undefined;
    if (value?.value) p.env = { key: key!, value: value.value, line: value.line, style: 'env' };
  }
  return p.env ?? undefined;
}

// Several detectors look at the same line's assignments, one line after the other: the last
// line parsed is kept, in one object refilled per line (so parseAssignments' result holds until
// its next call, and only the latest source stays referenced).
const current: LineAssignments = { src: undefined!, n: 0, plainKey: undefined, plainRaw: '', list: undefined, mayBeEnvName: false, envKey: undefined, envColumn: -1, env: undefined };

export function parseAssignments(src: ScanSource, n: number): LineAssignments {
  if (src !== current.src || n !== current.n) parseLine(src, n, current);
  return current;
}

export function lineAssignments(src: ScanSource, n: number): Assignment[] {
  const parsed = parseAssignments(src, n);
  const env = envAssignmentOf(parsed);
  return env ? [...assignmentsOf(parsed), env] : assignmentsOf(parsed);
}

function add(out: Assignment[], a: Assignment): void {
  if (!a.value) return;
  for (const o of out) if (o.line === a.line && o.key === a.key && o.value === a.value) return;
  out.push(a);
}

function parseLine(src: ScanSource, n: number, into: LineAssignments): void {
  const text = src.line(n);
  const m = LINE_RE.exec(text);
  into.src = src;
  into.n = n;
  // When LINE_RE matches a line ENV_NAME_RE matches, its key is `name`.
  into.mayBeEnvName = m ? m[1] === 'name' : text.includes('name');
  into.envKey = undefined;
  into.envColumn = -1;
  into.env = undefined;
  // A plain `key: value` line holds no other pair; look further only when the value has separators.
  if (m && !hasSeparator(m[2])) {
    into.plainKey = m[1];
    into.plainRaw = m[2];
    into.list = undefined;
    return;
  }
  const out: Assignment[] = [];
  const value = m ? unquote(m[2]) : '';
  if (m) add(out, { key: m[1], value, line: n, style: 'line' });
  if (text.length > 0) {
    for (const a of inlineAssignments(text, n)) {
      add(out, a);
      // One level down: `Key=value` pairs inside a quoted value (connection strings, flag lists).
      if (hasSeparator(a.value) && a.value !== text) for (const inner of inlineAssignments(a.value, n)) add(out, inner);
    }
    if (m) for (const inner of inlineAssignments(value, n)) add(out, inner);
    for (const pair of inlineEnvPairs(out)) add(out, pair);
  }
  into.plainKey = undefined;
  into.plainRaw = '';
  into.list = out;
}

const ENV_NAME = /^[A-Za-z_][\w.-]{0,120}$/;

/**
 * Env entries written on one line, flow-style or JSON (`- {name: DB_PASSWORD, value: "…"}`,
 * `{"name": "DB_PASSWORD", "value": "…"}`): a `name` and a `value` next to each other, in either
 * order, assign the value to the name.
 */
export function inlineEnvPairs(list: Assignment[]): Assignment[] {
  const out: Assignment[] = [];
  for (let i = 0; i + 1 < list.length; i++) {
    const [a, b] = [list[i], list[i + 1]];
    const [name, value] = a.key === 'name' && b.key === 'value' ? [a, b] : a.key === 'value' && b.key === 'name' ? [b, a] : [];
    if (name && value && ENV_NAME.test(name.value)) out.push({ key: name.value, value: value.value, line: value.line, style: 'inline' });
  }
  return out;
}

/** /[=:]/.test(s) */
function hasSeparator(s: string): boolean {
  return s.includes(':') || s.includes('=');
}

function inlineAssignments(text: string, n: number): Assignment[] {
  const out: Assignment[] = [];
  INLINE_RE.lastIndex = 0;
  for (let im = INLINE_RE.exec(text); im; im = INLINE_RE.exec(text)) {
    out.push({ key: im[1], value: unquote(im[2]), line: n, style: 'inline' });
  }
  return out;
}

/**
 * Whether one of the lines below an env entry's `name:` could be its `value:` (see envValueFor),
 * read without knowing the entry's column: some line starts with `value:` before a line that is
 * indented less than the `name:` line (whose column is at least that indentation).
 */
function valueLineMayFollow(src: ScanSource, nameLine: number): boolean {
  let nameIndent = -1;
  for (let n = nameLine + 1; n <= Math.min(src.lineCount, nameLine + ENV_VALUE_LINES); n++) {
    const t = src.line(n);
    const end = headEnd(t);
    if (end > 0 && t.charCodeAt(end - 1) === 58 /* : */) return true; // the value head matched
    if (end === t.length) continue; // blank
    if (nameIndent < 0) nameIndent = headEnd(src.line(nameLine)); // ENV_NAME_RE matches no line that starts with the value head
    if (end < nameIndent) return false;
  }
  return false;
}

/** Where LINE_HEAD's match on a line ends. */
function headEnd(line: string): number {
  LINE_HEAD.lastIndex = 0;
  LINE_HEAD.test(line);
  return LINE_HEAD.lastIndex;
}

/** The `value:` sibling of an env entry's `name:` at the given column, within the next lines. */
function envValueFor(src: ScanSource, nameLine: number, column: number): { value: string; line: number } | undefined {
  for (let n = nameLine + 1; n <= Math.min(src.lineCount, nameLine + ENV_VALUE_LINES); n++) {
    const t = src.line(n);
    const m = ENV_VALUE_RE.exec(t);
    if (m && m[1].length + (m[2]?.length ?? 0) === column && !m[2]) return { value: unquote(m[3]), line: n };
    const indent = t.length - t.trimStart().length;
    if (t.trim() !== '' && (indent < column || (indent === column - 2 && t.trimStart().startsWith('-')))) return undefined;
  }
  return undefined;
}
