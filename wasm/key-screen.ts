// AssemblyScript: the key screen of src/secrets/key-screen.ts over UTF-8 bytes in WebAssembly
// memory, run on the keyword automaton's hits before JavaScript sees them. A hit whose keywords
// only key detectors use is dropped when its line cannot assign a credential to a key; every other
// hit is kept. It may keep too many, never too few: a line with a byte >= 128 is kept, and so is
// a key or value whose verdict is not known yet (its bytes are listed for the caller, which
// learns the verdict and remembers it here for the next lines).
//
// Built by scripts/build-wasm.ts into src/secrets/wasm/key-screen.wasm.ts; memory is the
// automaton's (imported), every address comes from the caller, nothing is allocated.

// Character classes (one byte per byte value, at `classes`).
const SPACE: u8 = 1; // \t \n \v \f \r and space
const QUOTE: u8 = 2; // " '
const BACKSLASH: u8 = 4;
const KEY: u8 = 8; // [A-Za-z0-9_.\-/$@]
const NAME: u8 = 16; // [A-Za-z0-9_.-]
const BREAK: u8 = 32; // / $ @ -
const ALNUM: u8 = 64;
/** , ; ` } ] & ) # and every byte >= 128 (a line holding one is not screened here). */
const STOP: u8 = 128;
const GAP: u8 = SPACE | QUOTE | BACKSLASH;
/** What the parser may read a value up to, or unquote: spaces, quotes, backslashes and STOP. */
const NOT_IN_SIMPLE: u8 = GAP | STOP;

const NL: u8 = 10;
// Given by init, as the JavaScript side defines them: the shortest value a key detector reports
// (MIN_ASSIGNED_VALUE_LENGTH), how far below an env entry's name its value is looked for
// (ENV_VALUE_LINES), the longest key or env name the parser reads (MAX_KEY_LENGTH).
let minValueLength: i32 = 0;
let envValueLines: i32 = 0;
let maxKeyLength: i32 = 0;

let classes: usize = 0;
/** 128 × 128 bytes: 1 where two lower-case ASCII letters or digits end a secret tail. */
let tails: usize = 0;
/** One byte per automaton row (row offset >> 2): 1 when only key detectors use its keywords. */
let flags: usize = 0;
/**
 * Verdict table, on keys (does a key detector accept it) and on values (is it a placeholder):
 * slots of four u32 (hash, pool offset, length | kind << 31, verdict), slotMask + 1 of them.
 */
let slots: usize = 0;
let slotMask: u32 = 0;
let used: u32 = 0;
let pool: usize = 0;
let poolBytes: u32 = 0;
let poolUsed: u32 = 0;
/** Spans whose verdict is unknown, pairs of u32 (start, end | kind << 31); their number at `ctl`. */
let learn: usize = 0;
let learnCap: u32 = 0;
let ctl: usize = 0;

export function init(minValueLength_: i32, envValueLines_: i32, maxKeyLength_: i32, ctl_: usize, classes_: usize, tails_: usize, flags_: usize, slots_: usize, slotMask_: u32, pool_: usize, poolBytes_: u32, learn_: usize, learnCap_: u32): void {
  minValueLength = minValueLength_;
  envValueLines = envValueLines_;
  maxKeyLength = maxKeyLength_;
  ctl = ctl_;
  classes = classes_;
  tails = tails_;
  flags = flags_;
  slots = slots_;
  slotMask = slotMask_;
  pool = pool_;
  poolBytes = poolBytes_;
  learn = learn_;
  learnCap = learnCap_;
  forget();
}

/** Empties the verdict table. */
export function forget(): void {
  memory.fill(slots, 0, (<usize>slotMask + 1) << 4);
  used = 0;
  poolUsed = 0;
}

@inline function cls(c: u32): u8 {
  return load<u8>(classes + c);
}
@inline function at(p: usize): u32 {
  return <u32>load<u8>(p);
}

// ---- verdicts ----

/** What a verdict is on. */
const ON_KEY: u32 = 0;
const ON_VALUE: u32 = 1;

function hashOf(s: usize, e: usize, kind: u32): u32 {
  let h: u32 = 2166136261 ^ kind;
  for (let p = s; p < e; p++) h = (h ^ at(p)) * 16777619;
  return h == 0 ? 1 : h;
}

/** 1 or 0 when the verdict on the key or value at [s, e) is known, -1 otherwise. */
function verdictOf(s: usize, e: usize, kind: u32): i32 {
  const h = hashOf(s, e, kind);
  const tagged = <u32>(e - s) | (kind << 31);
  let i = h & slotMask;
  let sh = load<u32>(slots + (<usize>i << 4));
  while (sh != 0) {
    const slot = slots + (<usize>i << 4);
    if (sh == h && load<u32>(slot, 8) == tagged && memory.compare(pool + load<u32>(slot, 4), s, e - s) == 0) return load<u32>(slot, 12);
    i = (i + 1) & slotMask;
    sh = load<u32>(slots + (<usize>i << 4));
  }
  return -1;
}

/** Remembers the verdict on the key or value at [s, e); a full table or pool starts over. */
export function remember(s: usize, e: usize, kind: u32, verdict: i32): void {
  if (verdictOf(s, e, kind) >= 0) return;
  const len = <u32>(e - s);
  if (len > poolBytes) return;
  if ((used + 1) * 2 > slotMask + 1 || poolUsed + len > poolBytes) forget();
  const h = hashOf(s, e, kind);
  let i = h & slotMask;
  while (load<u32>(slots + (<usize>i << 4)) != 0) i = (i + 1) & slotMask;
  const slot = slots + (<usize>i << 4);
  memory.copy(pool + poolUsed, s, len);
  store<u32>(slot, h);
  store<u32>(slot, poolUsed, 4);
  store<u32>(slot, len | (kind << 31), 8);
  store<u32>(slot, verdict, 12);
  poolUsed += len;
  used++;
}

/** The verdict on [s, e), or `unknown` after listing the span for the caller to learn. */
function verdictOrLearn(s: usize, e: usize, kind: u32, unknown: bool): bool {
  const v = verdictOf(s, e, kind);
  if (v >= 0) return v == 1;
  const n = load<u32>(ctl);
  if (n < learnCap) {
    store<u32>(learn + (<usize>n << 3), <u32>s);
    store<u32>(learn + (<usize>n << 3), <u32>e | (kind << 31), 4);
    store<u32>(ctl, n + 1);
  }
  return unknown;
}

/** Whether some key detector may accept the key at [s, e). */
function accepts(s: usize, e: usize): bool {
  return verdictOrLearn(s, e, ON_KEY, true);
}

// ---- the screen ----

/** mayEndWithSecretTail: the key's last two letters or digits, lower-cased, end a secret tail. */
function tailEnds(s: usize, e: usize): bool {
  let last: u32 = 0;
  let found = 0;
  for (let p = e; p > s; p--) {
    let c = at(p - 1);
    if ((cls(c) & ALNUM) == 0) continue;
    if (c >= 65 && c <= 90) c += 32;
    if (found == 0) {
      last = c;
      found = 1;
    } else return load<u8>(tails + (<usize>c << 7) + last) != 0;
  }
  return false;
}

/** Whether the key run at [s, e), or a part of it after a break, is accepted. */
function keyAccepted(s: usize, e: usize): bool {
  // No key is longer than maxKeyLength: of a longer run, only the parts at its end are read.
  if (<i32>(e - s) <= maxKeyLength && accepts(s, e)) return true;
  for (let p = <i32>(e - s) > maxKeyLength ? e - maxKeyLength - 1 : s; p + 1 < e; p++) {
    if ((cls(at(p)) & BREAK) != 0 && (cls(at(p + 1)) & BREAK) == 0 && accepts(p + 1, e)) return true;
  }
  return false;
}

@inline function isSpace(c: u32): bool {
  return (cls(c) & SPACE) != 0;
}
@inline function isQuote(c: u32): bool {
  return (cls(c) & QUOTE) != 0;
}

/**
 * valueMay: enough characters left, no template or reference at the start, no quoted `<…>`; and
 * with `verdicts`, no value the parser reads whole here (simpleValue) that is a placeholder.
 */
function valueMay(sep: usize, end: usize, verdicts: bool): bool {
  if (!valueShapeMay(sep, end)) return false;
  if (!verdicts) return true;
  let p = sep + 1;
  while (p < end && isSpace(at(p))) p++;
  let last = end;
  while (last > p && isSpace(at(last - 1))) last--;
  const q = at(p);
  if (isQuote(q)) {
    for (let c = p + 1; c < last; c++) {
      const x = at(c);
      if (x == 92 || isQuote(x)) return x == q && c == last - 1 ? !verdictOrLearn(p + 1, c, ON_VALUE, false) : true;
    }
    return true;
  }
  for (let c = p; c < last; c++) if ((cls(at(c)) & NOT_IN_SIMPLE) != 0) return true;
  return !verdictOrLearn(p, last, ON_VALUE, false);
}

function valueShapeMay(sep: usize, end: usize): bool {
  let p = sep + 1;
  while (p < end && isSpace(at(p))) p++;
  let last = end;
  while (last > p && isSpace(at(last - 1))) last--;
  if (<i32>(last - p) < minValueLength) return false;
  const quote = at(p);
  if (isQuote(quote)) p++;
  const c = at(p);
  const d = at(p + 1);
  if (c == 36) return !(d == 123 || d == 40 || d == 95 || (d >= 65 && d <= 90) || (d >= 97 && d <= 122)); // ${ $( $VAR
  if (c == 123 || c == 35) return d != 123; // {{ #{
  if (c == 60 && isQuote(quote)) {
    for (let q = p + 1; q < last; q++) {
      const x = at(q);
      if (x == 62) return q + 1 >= last || at(q + 1) != quote;
      if (x == 60 || x == 92 || isQuote(x)) return true;
    }
  }
  return true;
}

@inline function endsWithName(s: usize, e: usize): bool {
  return e - s >= 4 && at(e - 4) == 110 && at(e - 3) == 97 && at(e - 2) == 109 && at(e - 1) == 101;
}

@inline function startsWithValue(p: usize, end: usize): bool {
  return p + 5 <= end && at(p) == 118 && at(p + 1) == 97 && at(p + 2) == 108 && at(p + 3) == 117 && at(p + 4) == 101;
}

/** plainKeyEnd: where the only key of a plain `key: value` line ends, 0 when the line is not one. */
function plainKeyEnd(start: usize, end: usize): usize {
  let sep: usize = 0;
  for (let p = start; p < end; p++) {
    const c = at(p);
    if (c == 13 && p != end - 1) return 0;
    if (c == 58 || c == 61) {
      if (sep != 0) return 0;
      sep = p;
    }
  }
  if (sep == 0) return 0;
  let p = start;
  while (p < sep && isSpace(at(p))) p++;
  if (at(p) == 45 && isSpace(at(p + 1))) {
    p++;
    while (p < sep && isSpace(at(p))) p++;
  }
  if (p + 6 < sep && at(p) == 101 && at(p + 1) == 120 && at(p + 2) == 112 && at(p + 3) == 111 && at(p + 4) == 114 && at(p + 5) == 116 && isSpace(at(p + 6))) {
    p += 6;
    while (p < sep && isSpace(at(p))) p++;
  }
  if (isQuote(at(p))) p++;
  const first = at(p);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first == 95 || first == 36 || first == 64)) return 0;
  let keyEnd = p;
  while (keyEnd < sep && (cls(at(keyEnd)) & KEY) != 0) keyEnd++;
  if (<i32>(keyEnd - p) > maxKeyLength) return 0;
  let gap = keyEnd;
  if (isQuote(at(gap))) gap++;
  while (gap < sep && isSpace(at(gap))) gap++;
  if (gap != sep) return 0;
  if (at(sep) == 58 && sep + 1 < end && !isSpace(at(sep + 1))) return 0;
  return keyEnd;
}

/** valueOnLine: a `value` key on the line whose value may be reported. */
function valueOnLine(start: usize, end: usize, verdicts: bool): bool {
  for (let p = start; p < end; p++) {
    const c = at(p);
    if (c != 58 && c != 61) continue;
    let keyEnd = p;
    while (keyEnd > start && (cls(at(keyEnd - 1)) & GAP) != 0) keyEnd--;
    if (keyEnd - start >= 5 && startsWithValue(keyEnd - 5, keyEnd) && valueMay(p, end, verdicts)) return true;
  }
  return false;
}

/** Whether the value from s (after the `:`) holds a \r after its leading whitespace and before its last byte. */
function innerCr(s: usize, e: usize): bool {
  while (s < e && isSpace(at(s))) s++;
  for (let p = s; p + 1 < e; p++) if (at(p) == 13) return true;
  return false;
}

/** The end of the line that starts at p: its '\n' or hi. */
function lineEndFrom(p: usize, hi: usize): usize {
  while (p < hi && at(p) != NL) p++;
  return p;
}

function hasHigh(s: usize, e: usize): bool {
  for (let p = s; p < e; p++) if (at(p) >= 128) return true;
  return false;
}

/** valueBelow: the `value:` line of the env entry whose `name:` line ends at `end`, at `column`. */
function valueBelow(end: usize, column: i32, hi: usize, openHi: bool, verdicts: bool): bool {
  let s = end;
  for (let k = 0; k < envValueLines; k++) {
    if (s >= hi) return openHi;
    s++; // past '\n'
    const e = lineEndFrom(s, hi);
    if (e == hi && openHi) return true;
    if (hasHigh(s, e)) return true;
    let p = s;
    while (p < e && isSpace(at(p))) p++;
    if (p < e) {
      const indent = <i32>(p - s);
      if (indent < column || (indent == column - 2 && at(p) == 45)) return false;
      if (indent == column) {
        if (isQuote(at(p))) p++;
        if (startsWithValue(p, e)) {
          p += 5;
          if (isQuote(at(p))) p++;
          while (p < e && isSpace(at(p))) p++;
          // ENV_VALUE_RE reads the rest with `.*$`: a lone \r inside it fails it, and the value is looked for further down.
          if (p < e && at(p) == 58 && !innerCr(p + 1, e)) return valueMay(p, e, verdicts);
        }
      }
    }
    s = e;
  }
  return false;
}

/**
 * screenLine on the line at [start, end) (end at its '\n' or hi): whether it may assign a
 * credential to a key; `openHi` when text follows hi (a slice of a text).
 */
export function screen(start: usize, end: usize, hi: usize, openHi: bool): bool {
  for (let p = start; p < end; p++) if (at(p) >= 128) return true;
  return screenAscii(start, end, hi, openHi);
}

/** screen() on a line of ASCII bytes. The checks that read no verdict come first: most lines fail one. */
function screenAscii(start: usize, end: usize, hi: usize, openHi: bool): bool {
  let plain: usize = 0;
  let plainKnown = false;
  let envColumn: i32 = -1;
  let separators = 0;
  let nameStart: usize = 0;
  let nameEnd: usize = 0;
  for (let i = start; i < end; i++) {
    const c = at(i);
    if (c != 58 && c != 61) continue;
    separators++;
    let keyEnd = i;
    while (keyEnd > start && (cls(at(keyEnd - 1)) & GAP) != 0) keyEnd--;
    let keyStart = keyEnd;
    while (keyStart > start && (cls(at(keyStart - 1)) & KEY) != 0) keyStart--;
    if (keyStart == keyEnd) continue;
    if (tailEnds(keyStart, keyEnd) && valueMay(i, end, false)) {
      if (!plainKnown) {
        plain = plainKeyEnd(start, end);
        plainKnown = true;
      }
      if ((keyEnd == plain ? accepts(keyStart, keyEnd) : keyAccepted(keyStart, keyEnd)) && valueMay(i, end, true)) return true;
    }
    if (endsWithName(keyStart, keyEnd)) {
      let s = i + 1;
      while (s < end && (cls(at(s)) & GAP) != 0) s++;
      let e = s;
      while (e < end && (cls(at(e)) & NAME) != 0) e++;
      if (e > s && <i32>(e - s) <= maxKeyLength && tailEnds(s, e)) {
        // Which of two names is the entry's is left to the detectors: the line is kept.
        if (envColumn >= 0) return true;
        nameStart = s;
        nameEnd = e;
        envColumn = <i32>(keyEnd - 4 - start);
        if (keyEnd - 4 > start && isQuote(at(keyEnd - 5))) envColumn--;
      }
    }
  }
  if (envColumn < 0) return false;
  // A known name is checked with value verdicts; an unknown one is learned only when a value may follow.
  const name = verdictOf(nameStart, nameEnd, ON_KEY);
  if (name == 0) return false;
  const verdicts = name == 1;
  // With one separator, the line's only key is the name's: no `value` key on it.
  const value = (separators > 1 && valueOnLine(start, end, verdicts)) || valueBelow(end, envColumn, hi, openHi, verdicts);
  return value && (verdicts || accepts(nameStart, nameEnd));
}

/**
 * Drops the hits of one automaton lane that the screen rules out; returns how many are kept.
 * Hits are pairs of u32 (the address after the keyword, the state's row offset) at `region`;
 * the text is at [lo, hi), `openLo`/`openHi` when it is a slice with text before or after.
 */
export function filter(region: usize, count: u32, lo: usize, hi: usize, openLo: bool, openHi: bool): u32 {
  let kept: u32 = 0;
  // The line of the last screened hit, [lastStart, lastEnd): the hits of one line come together.
  let lastStart: usize = 0;
  let lastEnd: usize = 0;
  let lastVerdict = true;
  for (let i: u32 = 0; i < count; i++) {
    const hit = region + (<usize>i << 3);
    const addr = <usize>load<u32>(hit);
    const row = load<u32>(hit, 4);
    if (load<u8>(flags + (row >> 2)) != 0) {
      if (addr <= lastStart || addr > lastEnd) {
        let high: u32 = 0;
        let start = addr;
        while (start > lo) {
          const c = at(start - 1);
          if (c == NL) break;
          high |= c;
          start--;
        }
        let end = addr;
        while (end < hi) {
          const c = at(end);
          if (c == NL) break;
          high |= c;
          end++;
        }
        lastStart = start;
        lastEnd = end;
        lastVerdict = (start == lo && openLo) || (end == hi && openHi) || high >= 128 || screenAscii(start, end, hi, openHi);
      }
      if (!lastVerdict) continue;
    }
    if (kept != i) {
      store<u32>(region + (<usize>kept << 3), <u32>addr);
      store<u32>(region + (<usize>kept << 3), row, 4);
    }
    kept++;
  }
  return kept;
}
