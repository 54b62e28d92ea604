// The key screen: which lines can assign a credential to a key, told by character loops over the
// bytes (wasm/key-screen.ts, run on the keyword automaton's hits) instead of the assignment parser
// (assignments.ts), which the key detectors run on the lines it keeps. It may keep too many lines,
// never too few:
// - every key the parser finds ends right before a `:` or `=` (quotes, backslashes and spaces
//   between) and starts at the start of the run of key characters before it or after a `/`, `$`,
//   `@` or `-` in it (the whole run on a plain `key: value` line); key detectors accept only keys
//   ending in a secret tail (mayEndWithSecretTail), and the verdict on the key itself comes from
//   the KeyVerdict they share;
// - its value starts after the separator and spaces; values shorter than MIN_ASSIGNED_VALUE_LENGTH,
//   holding a template or reference (isPlaceholder) or a whole quoted `<placeholder>` are never
//   reported, nor one the parser reads whole (a quoted string ending the line, or a run without
//   spaces, quotes, backslashes or isValueStop characters) that isPlaceholder refuses;
// - an env entry's name is the identifier after a `name` key, its value on the same line or on the
//   `value:` line at the entry's column below (assignments.ts envValueFor).
// test/secrets/key-screen-reference.ts states the same over JavaScript strings, the oracle the
// WebAssembly screen is tested against. Most lines a keyword hits fail: `secretKeyRef:`,
// `kind: Secret`, `key: password`, `value: "${DB_PASSWORD}"`, `- name: SESSION_SECRET_FILE` then `valueFrom:`.

import { isAlnum } from './secret-keys.js';

/** The shortest value a key detector reports (assigned.ts refuses shorter ones). */
export const MIN_ASSIGNED_VALUE_LENGTH = 6;

/** Decides, per key, whether any key detector accepts it. */
export type KeyVerdict = (key: string) => boolean;

/** [A-Za-z0-9_.\-/$@]: what a key is written with (assignments.ts LINE_RE; INLINE_RE's keys use fewer). */
export function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 64 && c <= 90) || (c >= 45 && c <= 57) || c === 95 || c === 36;
}

/** [A-Za-z0-9_.-]: what an env entry's name is written with. */
export function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

/** Where a key may start inside a run of key characters: after one of `/ $ @ -`. */
export function isKeyBreak(c: number): boolean {
  return c === 47 || c === 36 || c === 64 || c === 45;
}

/** JavaScript's \s. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** What may stand between a key and its separator, or a separator and a value: spaces, quotes, backslashes (escaped quotes). */
export function isGap(c: number): boolean {
  return c === 34 || c === 39 || c === 92 || isSpace(c);
}

export const isQuote = (c: number): boolean => c === 34 || c === 39;

/** , ; ` } ] & ) #: besides spaces, quotes and backslashes, where the parser may end or cut a value (INLINE_RE, unquote). */
export function isValueStop(c: number): boolean {
  return c === 44 || c === 59 || c === 96 || c === 125 || c === 93 || c === 38 || c === 41 || c === 35;
}

/**
 * The character classes of the WebAssembly screen (wasm/key-screen.ts), one byte per byte value,
 * from the predicates above: ASCII bytes as here; bytes >= 128 (parts of non-ASCII characters)
 * only the last bit, and a line holding one is kept whatever it says.
 */
export function byteClasses(): Uint8Array {
  const out = new Uint8Array(256);
  for (let c = 0; c < 128; c++) {
    out[c] =
      (isSpace(c) ? 1 : 0) | (isQuote(c) ? 2 : 0) | (c === 92 ? 4 : 0) | (isKeyChar(c) ? 8 : 0) | (isNameChar(c) ? 16 : 0) | (isKeyBreak(c) ? 32 : 0) | (isAlnum(c) ? 64 : 0) | (isValueStop(c) ? 128 : 0);
  }
  out.fill(128, 128);
  return out;
}
