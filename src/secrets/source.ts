// Line access over a text without splitting it up front (lines are cut lazily; the last one cut is
// kept, since several detectors read the same line in a row). A text read from a file as ASCII
// bytes is read from the bytes: lines are decoded as they are asked for, the whole text only when
// something asks for it (most files never do).
import type { ScanSource } from './types.js';

const BINARY_SNIFF = 8000;

/** How git tells binary from text: a NUL byte (or character) in the first 8000. */
export function looksBinary(text: string | Uint8Array): boolean {
  return typeof text === 'string' ? (text.length > BINARY_SNIFF ? text.slice(0, BINARY_SNIFF) : text).includes('\0') : text.subarray(0, BINARY_SNIFF).includes(0);
}

/** The line (1-based) holding `offset`, given where lines start. */
function lineHolding(starts: Int32Array, count: number, offset: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Line access given where lines start (0 first, then the offset after each '\n') and how to read
 * the text: a character code, and a stretch of whole lines' text.
 */
function linesOf(starts: Int32Array, length: number, codeAt: (offset: number) => number, cut: (start: number, end: number) => string): Pick<ScanSource, 'lineCount' | 'lineStart' | 'line' | 'lineOf'> {
  const count = starts.length;
  let lastN = 0;
  let lastLine = '';
  return {
    lineCount: count,
    lineStart: (n) => (n >= 1 && n <= count ? (starts[n - 1] ?? length) : length),
    line(n) {
      if (n === lastN) return lastLine;
      if (n < 1 || n > count) return '';
      const start = starts[n - 1];
      const end = n < count ? starts[n] - 1 : length;
      lastLine = cut(start, end > start && codeAt(end - 1) === 13 ? end - 1 : end);
      lastN = n;
      return lastLine;
    },
    lineOf: (offset) => lineHolding(starts, count, offset),
  };
}

export function makeSource(text: string, path: string): ScanSource {
  let starts = new Int32Array(Math.max(16, (text.length >> 5) + 1));
  let count = 1; // starts[0] = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (count === starts.length) {
      const grown = new Int32Array(count * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = i + 1;
  }
  const charCodeAt = (offset: number): number => text.charCodeAt(offset);
  const slice = (start: number, end: number): string => text.slice(start, end);
  return {
    text,
    path,
    ...linesOf(starts.subarray(0, count), text.length, charCodeAt, slice),
    charCodeAt,
    slice,
    indexOf: (needle, from) => text.indexOf(needle, from),
    lastIndexOf: (needle, from) => text.lastIndexOf(needle, from),
  };
}

/**
 * A source over ASCII bytes (offsets in bytes are offsets in characters), whose lines start at
 * `starts` (0 first, then the offset after each '\n'). The bytes must stay as they are while the
 * source is read.
 */
export function makeAsciiSource(bytes: Uint8Array, path: string, starts: Int32Array): ScanSource {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  /** An offset as String#slice reads it: negative ones count from the end. */
  const clamp = (o: number): number => (o < 0 ? Math.max(0, buf.length + o) : Math.min(buf.length, o));
  const charCodeAt = (offset: number): number => (offset >= 0 && offset < buf.length ? buf[offset] : NaN);
  let text: string | undefined;
  return {
    get text() {
      return (text ??= buf.toString('latin1'));
    },
    path,
    ...linesOf(starts, buf.length, charCodeAt, (start, end) => buf.toString('latin1', start, end)),
    charCodeAt,
    slice: (start, end) => (text !== undefined ? text.slice(start, end) : buf.toString('latin1', clamp(start), Math.max(clamp(start), clamp(end)))),
    // A negative offset counts from the end for a Buffer, from 0 for a string.
    indexOf: (needle, from) => buf.indexOf(needle, Math.max(0, from ?? 0), 'latin1'),
    lastIndexOf: (needle, from) => buf.lastIndexOf(needle, Math.max(0, from ?? buf.length), 'latin1'),
  };
}
