// Base64 `data:` entries of Kubernetes Secret manifests (YAML), located by line, so the decoded
// values can be scanned like any other text.
import type { ScanSource } from './types.js';

export interface SecretDataEntry {
  key: string;
  base64: string;
  /** Line of the `key:` entry (1-based). */
  line: number;
  endLine: number;
}

// `^kind:[ \t]*["']?Secret…$` with the m flag, tried (sticky) on the line where a `kind:` follows a line terminator or starts the text.
const KIND_SECRET_LINE = /kind:[ \t]*["']?Secret["']?[ \t]*(?:#.*)?$/my;
const DOC_SEPARATOR = /^(?:---|\.\.\.)(?:\s|$)/;
const DATA = /^data:\s*(?:#.*)?$/;
const ENTRY = /^(\s+)["']?([\w.-]{1,253})["']?\s*:\s*(.*)$/;

/** `data:` entries of every `kind: Secret` document; only those documents' lines are read. */
export function secretDataEntries(src: ScanSource): SecretDataEntry[] {
  const out: SecretDataEntry[] = [];
  let doneUpTo = 0;
  for (const at of kindSecretOffsets(src)) {
    const kindLine = src.lineOf(at);
    if (kindLine <= doneUpTo) continue;
    let from = kindLine;
    while (from > 1 && !DOC_SEPARATOR.test(src.line(from - 1))) from--;
    let to = kindLine;
    while (to < src.lineCount && !DOC_SEPARATOR.test(src.line(to + 1))) to++;
    collectDoc(src, from, to, out);
    doneUpTo = to;
  }
  return out;
}

/**
 * Where `^kind: Secret` lines start (with the m flag): `kind:` is searched for, and the rest tried
 * only at a line start, on that line (nothing the expression matches crosses a '\n').
 */
export function kindSecretOffsets(src: Pick<ScanSource, 'indexOf' | 'charCodeAt' | 'line' | 'lineOf' | 'lineStart'>): number[] {
  const out: number[] = [];
  for (let at = src.indexOf('kind:'); at !== -1; at = src.indexOf('kind:', at + 1)) {
    if (at > 0 && !isLineTerminator(src.charCodeAt(at - 1))) continue;
    if (!secretFollows(src, at + 5)) continue; // most documents are of another kind: their line is not cut
    const n = src.lineOf(at);
    KIND_SECRET_LINE.lastIndex = at - src.lineStart(n);
    if (KIND_SECRET_LINE.test(src.line(n))) out.push(at);
  }
  return out;
}

/** Whether `[ \t]*["']?Secret` starts at `at`: what KIND_SECRET_LINE needs after `kind:`. */
function secretFollows(src: Pick<ScanSource, 'charCodeAt'>, at: number): boolean {
  let c = src.charCodeAt(at);
  while (c === 32 || c === 9) c = src.charCodeAt(++at);
  if (c === 34 || c === 39) at++;
  for (let i = 0; i < SECRET.length; i++) if (src.charCodeAt(at + i) !== SECRET.charCodeAt(i)) return false;
  return true;
}
const SECRET = 'Secret';

function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function collectDoc(src: ScanSource, from: number, to: number, out: SecretDataEntry[]): void {
  let dataAt = -1;
  for (let n = from; n <= to; n++) if (DATA.test(src.line(n))) dataAt = n;
  if (dataAt < 0) return;
  let indent = -1;
  for (let n = dataAt + 1; n <= to; n++) {
    const l = src.line(n);
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    const m = ENTRY.exec(l);
    if (!m) {
      if (!/^\s/.test(l)) return;
      continue;
    }
    if (indent < 0) indent = m[1].length;
    if (m[1].length !== indent) continue;
    let raw = m[3].replace(/\s+#.*$/, '').trim().replace(/^["']|["']$/g, '');
    let end = n;
    if (/^[|>][-+]?$/.test(raw)) {
      raw = '';
      while (end + 1 <= to && (src.line(end + 1).trim() === '' || src.line(end + 1).length - src.line(end + 1).trimStart().length > indent)) {
        end++;
        raw += src.line(end).trim();
      }
    }
    if (raw) out.push({ key: m[2], base64: raw, line: n, endLine: end });
    n = end;
  }
}

/** Decoded UTF-8 text of a base64 value, or undefined when it is not base64 of text. */
export function decodeBase64Text(b64: string): string | undefined {
  const clean = b64.replace(/\s+/g, '');
  if (clean.length < 4 || !/^[A-Za-z0-9+/]+={0,2}$/.test(clean) || clean.length % 4 !== 0) return undefined;
  const text = Buffer.from(clean, 'base64').toString('utf8');
  if (text.includes('\uFFFD') || /[\x00-\x08\x0E-\x1F]/.test(text)) return undefined;
  return text;
}
