// The key screen (src/secrets/key-screen.ts) over JavaScript strings: the statement the WebAssembly
// screen (wasm/key-screen.ts) is tested against, and that the assignment parser is tested against
// in turn (it must keep every line a key detector reports on).
import { isGap, isKeyBreak, isKeyChar, isNameChar, isQuote, isSpace, isValueStop, MIN_ASSIGNED_VALUE_LENGTH, type KeyVerdict } from '../../src/secrets/key-screen.js';
import { ENV_VALUE_LINES, MAX_KEY_LENGTH } from '../../src/secrets/assignments.js';
import { isPlaceholder } from '../../src/secrets/placeholders.js';
import { mayEndWithSecretTail } from '../../src/secrets/secret-keys.js';
import type { ScanSource } from '../../src/secrets/types.js';


/** Whether text[start, end) ends with `name`, the key of an env entry's name. */
function endsWithName(text: string, start: number, end: number): boolean {
  return end - start >= 4 && text.charCodeAt(end - 4) === 110 && text.charCodeAt(end - 3) === 97 && text.charCodeAt(end - 2) === 109 && text.charCodeAt(end - 1) === 101;
}

/**
 * Whether the value after the separator at `sep` may be reported: MIN_ASSIGNED_VALUE_LENGTH
 * characters are left on the line, it does not start (after one quote) with a template or
 * reference, which isPlaceholder() refuses wherever it occurs, it is not a quoted `<…>`, and it
 * is no value the parser reads whole that isPlaceholder() refuses.
 */
function valueMay(text: string, sep: number, end: number): boolean {
  return shapeMay(text, sep, end) && !placeholderReadWhole(text, sep, end);
}

/**
 * Whether the parser reads the value after `sep` whole, as it stands (a quoted string ending the
 * line without other quotes or backslashes inside, or a run without spaces, quotes, backslashes
 * or isValueStop characters), and isPlaceholder() refuses it.
 */
function placeholderReadWhole(text: string, sep: number, end: number): boolean {
  let at = sep + 1;
  while (at < end && isSpace(text.charCodeAt(at))) at++;
  let last = end;
  while (last > at && isSpace(text.charCodeAt(last - 1))) last--;
  const q = text.charCodeAt(at);
  if (isQuote(q)) {
    for (let c = at + 1; c < last; c++) {
      const x = text.charCodeAt(c);
      if (x === 92 || isQuote(x)) return x === q && c === last - 1 && isPlaceholder(text.slice(at + 1, c));
    }
    return false;
  }
  for (let c = at; c < last; c++) {
    const x = text.charCodeAt(c);
    if (isSpace(x) || isQuote(x) || x === 92 || isValueStop(x)) return false;
  }
  return isPlaceholder(text.slice(at, last));
}

function shapeMay(text: string, sep: number, end: number): boolean {
  let at = sep + 1;
  while (at < end && isSpace(text.charCodeAt(at))) at++;
  let last = end;
  while (last > at && isSpace(text.charCodeAt(last - 1))) last--;
  if (last - at < MIN_ASSIGNED_VALUE_LENGTH) return false;
  const quote = text.charCodeAt(at);
  if (isQuote(quote)) at++;
  const c = text.charCodeAt(at);
  const d = text.charCodeAt(at + 1);
  if (c === 36 /* $ */) return !(d === 123 || d === 40 || d === 95 || (d >= 65 && d <= 90) || (d >= 97 && d <= 122)); // ${ $( $VAR
  if (c === 123 /* { */ || c === 35 /* # */) return d !== 123; // {{ #{
  if (c === 60 /* < */ && isQuote(quote)) return !quotedAngle(text, at, last, quote);
  return true;
}

/** Whether the quoted value from `at` (just after its opening quote) is `<…>` closed by that quote, with no other quote, backslash or angle bracket inside. */
function quotedAngle(text: string, at: number, end: number, quote: number): boolean {
  for (let i = at + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 62 /* > */) return text.charCodeAt(i + 1) === quote;
    if (c === 60 || c === 92 || isQuote(c)) return false;
  }
  return false;
}

function lineEnd(src: ScanSource, n: number): number {
  return n < src.lineCount ? src.lineStart(n + 1) - 1 : src.text.length;
}

/** Whether some key that may be written at text[start, end) (the run itself, or a part of it starting after a key break) is accepted. */
function keyAccepted(text: string, start: number, end: number, accepts: KeyVerdict): boolean {
  // No key is longer than MAX_KEY_LENGTH (LINE_RE, INLINE_RE): of a longer run, only the parts at its end are read.
  if (end - start <= MAX_KEY_LENGTH && accepts(text.slice(start, end))) return true;
  for (let i = Math.max(start, end - MAX_KEY_LENGTH - 1); i < end - 1; i++) if (isKeyBreak(text.charCodeAt(i)) && !isKeyBreak(text.charCodeAt(i + 1)) && accepts(text.slice(i + 1, end))) return true;
  return false;
}

export function screenLine(src: ScanSource, n: number, accepts: KeyVerdict): boolean {
  const text = src.text;
  const start = src.lineStart(n);
  const end = lineEnd(src, n);
  const plain = plainKeyEnd(text, start, end);
  let envColumn = -1; // the column of an env entry whose name is accepted
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 58 && c !== 61) continue; // : =
    let keyEnd = i;
    while (keyEnd > start && isGap(text.charCodeAt(keyEnd - 1))) keyEnd--;
    let keyStart = keyEnd;
    while (keyStart > start && isKeyChar(text.charCodeAt(keyStart - 1))) keyStart--;
    if (keyStart === keyEnd) continue;
    if (mayEndWithSecretTail(text, keyStart, keyEnd) && valueMay(text, i, end)) {
      if (keyEnd === plain ? accepts(text.slice(keyStart, keyEnd)) : keyAccepted(text, keyStart, keyEnd, accepts)) return true;
    }
    if (envColumn < 0 && endsWithName(text, keyStart, keyEnd)) {
      let nameStart = i + 1;
      while (nameStart < end && isGap(text.charCodeAt(nameStart))) nameStart++;
      let nameEnd = nameStart;
      while (nameEnd < end && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
      if (nameEnd > nameStart && nameEnd - nameStart <= MAX_KEY_LENGTH && mayEndWithSecretTail(text, nameStart, nameEnd) && accepts(text.slice(nameStart, nameEnd))) {
        envColumn = keyEnd - 4 - start;
        if (isQuote(text.charCodeAt(keyEnd - 5))) envColumn--;
      }
    }
  }
  return envColumn >= 0 && (valueOnLine(text, start, end) || valueBelow(src, n, envColumn));
}

/**
 * Where the key ends on a plain `key: value` line, whose only key the parser reads is the one
 * LINE_RE takes (whole, from the line's start): a line with one separator, written
 * `[- ][export ]["']key["']<spaces>` before it, and a space or the line's end after a `:`. -1 otherwise.
 */
function plainKeyEnd(text: string, start: number, end: number): number {
  let sep = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // LINE_RE's `.` stops at these: such a line is read in pieces.
    if ((c === 13 && i !== end - 1) || c === 0x2028 || c === 0x2029) return -1;
    if (c === 58 || c === 61) {
      if (sep >= 0) return -1;
      sep = i;
    }
  }
  if (sep < 0) return -1;
  let at = start;
  while (at < sep && isSpace(text.charCodeAt(at))) at++;
  if (text.charCodeAt(at) === 45 && isSpace(text.charCodeAt(at + 1))) {
    at++;
    while (at < sep && isSpace(text.charCodeAt(at))) at++;
  }
  if (text.startsWith('export', at) && isSpace(text.charCodeAt(at + 6))) {
    at += 6;
    while (at < sep && isSpace(text.charCodeAt(at))) at++;
  }
  if (isQuote(text.charCodeAt(at))) at++;
  const first = text.charCodeAt(at);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95 || first === 36 || first === 64)) return -1; // [A-Za-z_$@]
  let keyEnd = at;
  while (keyEnd < sep && isKeyChar(text.charCodeAt(keyEnd))) keyEnd++;
  if (keyEnd - at > MAX_KEY_LENGTH) return -1;
  let gap = keyEnd;
  if (isQuote(text.charCodeAt(gap))) gap++;
  while (gap < sep && isSpace(text.charCodeAt(gap))) gap++;
  if (gap !== sep) return -1;
  if (text.charCodeAt(sep) === 58 && sep + 1 < end && !isSpace(text.charCodeAt(sep + 1))) return -1;
  return keyEnd;
}

/** Whether a `value` key on the line (an env entry written on one line) has a value that may be reported. */
function valueOnLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 58 && c !== 61) continue;
    let keyEnd = i;
    while (keyEnd > start && isGap(text.charCodeAt(keyEnd - 1))) keyEnd--;
    if (keyEnd - start >= 5 && text.startsWith('value', keyEnd - 5) && valueMay(text, i, end)) return true;
  }
  return false;
}

/** Whether the `value:` line of the env entry whose `name:` is on line n (at `column`) has a value that may be reported; as envValueFor reads it. */
function valueBelow(src: ScanSource, n: number, column: number): boolean {
  const text = src.text;
  for (let k = n + 1; k <= Math.min(src.lineCount, n + ENV_VALUE_LINES); k++) {
    const start = src.lineStart(k);
    const end = lineEnd(src, k);
    let at = start;
    while (at < end && isSpace(text.charCodeAt(at))) at++;
    if (at === end) continue; // blank
    const indent = at - start;
    if (indent < column || (indent === column - 2 && text.charCodeAt(at) === 45)) return false;
    if (indent !== column) continue;
    if (isQuote(text.charCodeAt(at))) at++;
    if (!text.startsWith('value', at)) continue;
    at += 5;
    if (isQuote(text.charCodeAt(at))) at++;
    while (at < end && isSpace(text.charCodeAt(at))) at++;
    // ENV_VALUE_RE reads the rest with `.*$`: a line terminator inside it (a lone \r, U+2028, U+2029) fails it, and the entry's value is looked for further down.
    if (at < end && text.charCodeAt(at) === 58 && !innerTerminator(text, at + 1, end)) return valueMay(text, at, end);
  }
  return false;
}

/**
 * Whether the value from `from` (after the `:`) holds a line terminator `.` does not match after
 * its leading whitespace (`\s*` takes those), a final \r aside (lines are read without it).
 */
function innerTerminator(text: string, from: number, end: number): boolean {
  while (from < end && isSpace(text.charCodeAt(from))) from++;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c === 13 && i !== end - 1) || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}
