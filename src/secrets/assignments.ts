// Key/value assignments on a line, in the syntaxes a GitOps repo holds: YAML, JSON, .env,
// properties, HCL, command-line flags, and Kubernetes env entries (`- name: X` + `value: y`).
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
const SEPARATOR_RE = /[=:]/;
const ENV_NAME_RE = /^(\s*)(-\s+)?["']?name["']?\s*:\s*["']?([A-Za-z_][\w.-]{0,120})["']?\s*(?:#.*)?$/;
const ENV_VALUE_RE = /^(\s*)(-\s+)?["']?value["']?\s*:\s*(.*)$/;

/** Strips quotes and a trailing YAML/shell comment from a raw value. */
export function unquote(raw: string): string {
  let v = raw.trim();
  if (v.endsWith(',')) v = v.slice(0, -1).trimEnd();
  if ((v.startsWith('"') || v.startsWith("'")) && v.length >= 2) {
    const q = v[0];
    const end = v.indexOf(q, 1);
    if (end > 0) {
      const inner = v.slice(1, end);
      return q === '"' ? inner.replace(/\\(["\\/])/g, '$1') : inner.replace(/''/g, "'");
    }
    return v.slice(1);
  }
  const hash = v.search(/\s#/);
  if (hash >= 0) v = v.slice(0, hash).trimEnd();
  return v;
}

// Several detectors look at the same line's assignments, one line after the other: the last
// line parsed is kept (one entry: only the latest source stays referenced).
let lastSource: ScanSource | undefined;
let lastLine = 0;
let lastFound: Assignment[] = [];

export function lineAssignments(src: ScanSource, n: number): Assignment[] {
  if (src !== lastSource || n !== lastLine) {
    lastFound = parseLineAssignments(src, n);
    lastSource = src;
    lastLine = n;
  }
  return lastFound;
}

function parseLineAssignments(src: ScanSource, n: number): Assignment[] {
  const text = src.line(n);
  const out: Assignment[] = [];
  const add = (a: Assignment): void => {
    if (a.value && !out.some((o) => o.line === a.line && o.key === a.key && o.value === a.value)) out.push(a);
  };
  const m = LINE_RE.exec(text);
  if (m) add({ key: m[1], value: unquote(m[2]), line: n, style: 'line' });
  // A plain `key: value` line holds no other pair; look further only when the value has separators.
  if (text.length > 0 && (!m || SEPARATOR_RE.test(m[2]))) {
    for (const a of inlineAssignments(text, n)) {
      add(a);
      // One level down: `Key=value` pairs inside a quoted value (connection strings, flag lists).
      if (SEPARATOR_RE.test(a.value) && a.value !== text) for (const inner of inlineAssignments(a.value, n)) add(inner);
    }
    if (m) for (const inner of inlineAssignments(unquote(m[2]), n)) add(inner);
  }
  const env = text.includes('name') ? ENV_NAME_RE.exec(text) : null;
  if (env) {
    const value = envValueFor(src, n, env[1].length + (env[2]?.length ?? 0));
    if (value) add({ key: env[3], value: value.value, line: value.line, style: 'env' });
  }
  return out;
}

function inlineAssignments(text: string, n: number): Assignment[] {
  const out: Assignment[] = [];
  INLINE_RE.lastIndex = 0;
  for (let im = INLINE_RE.exec(text); im; im = INLINE_RE.exec(text)) {
    out.push({ key: im[1], value: unquote(im[2]), line: n, style: 'inline' });
  }
  return out;
}

/** The `value:` sibling of an env entry's `name:` at the given column, within the next lines. */
function envValueFor(src: ScanSource, nameLine: number, column: number): { value: string; line: number } | undefined {
  for (let n = nameLine + 1; n <= Math.min(src.lineCount, nameLine + 4); n++) {
    const t = src.line(n);
    const m = ENV_VALUE_RE.exec(t);
    if (m && m[1].length + (m[2]?.length ?? 0) === column && !m[2]) return { value: unquote(m[3]), line: n };
    const indent = t.length - t.trimStart().length;
    if (t.trim() !== '' && (indent < column || (indent === column - 2 && t.trimStart().startsWith('-')))) return undefined;
  }
  return undefined;
}
