// Keyword prefilter: one pass over the text with an Aho–Corasick automaton (as gitleaks does),
// case-insensitive for ASCII. Reports, per line, which keywords occur on it.
//
// The automaton is built here as a DFA and walked by a small WebAssembly loop (wasm/dfa-scanner.ts)
// over the text's UTF-8 bytes: a char >= 128 becomes bytes >= 128, which reset the state exactly
// as the char would, and '\n' stays the byte 10. The loop leaves (line, state) pairs for accepting
// states in wasm memory; they are mapped to keyword ids here. With a KeyScreening, the hits of
// keywords only key detectors use pass the key screen (wasm/key-filter.ts) first. The same memory
// gives a text's line index (lineStarts), found by a SIMD loop (wasm/lines.ts).
import { ASCII, buildKeywordDfa } from './aho-corasick.js';
import type { KeyVerdict } from './key-screen.js';
import { CLASS_BASE, HDR, LANE, LANES, SLACK, TABLE_BASE, UNROLL, instantiateDfaScanner, laneAt, type DfaScanner } from './wasm/dfa-scanner.js';
import { KeyFilter } from './wasm/key-filter.js';
import { LINES_WASM } from './wasm/lines.wasm.js';

const PAGE = 65536;
/** Below this many bytes a text is walked as one lane: cutting it would cost more than it saves. */
const MIN_LANED_BYTES = 4096;
/** Line starts found per call of the lines module; the text goes to it in stretches of as many bytes. */
const LINE_STARTS_AT_ONCE = 16384;

let linesModule: WebAssembly.Module | undefined;

export interface AutomatonLimits {
  /** Hits one lane holds in wasm memory before they are copied out (default 4096). */
  hitCapacity?: number;
  /** Largest stretch of text encoded into wasm memory at once; longer texts go in slices (default 16 MiB). */
  maxTextBytes?: number;
}

/**
 * Keywords that only key detectors use, and the verdict on keys they share: hits of those
 * keywords on lines the key screen rules out (key-screen.ts) are not reported.
 */
export interface KeyScreening {
  keywordIds: Iterable<number>;
  accepts: KeyVerdict;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Lane k's record, as an i32 index. */
function rec(k: number): number {
  return laneAt(k) / 4;
}

export class KeywordAutomaton {
  /** For each DFA row, the keyword ids that end in that state (including via failure links). */
  private readonly outputs: (number[] | undefined)[];
  /** Ids of empty keywords: the empty string occurs on every line. */
  private readonly everyLine: number[] = [];
  private readonly memory: WebAssembly.Memory;
  private readonly dfa: DfaScanner;
  private readonly hitCapacity: number;
  private readonly maxTextBytes: number;
  private readonly textBase: number;
  /** Bytes per table row: one i32 per character class. */
  private readonly rowBytes: number;
  private i32!: Int32Array;
  private textView!: Uint8Array;
  private readonly seen: Int32Array;
  /** Scans in progress: more than one when onHit scans again. */
  private scanning = 0;
  /** State and line after the last walk, read right after it. */
  private walkState = 0;
  private walkLine = 1;
  private readonly keyFilter: KeyFilter | undefined;
  private readonly lines: { lineStarts(base: number, from: number, to: number, out: number): number };
  private readonly lineOut: number;

  constructor(
    readonly keywords: string[],
    limits: AutomatonLimits = {},
    screening?: KeyScreening,
  ) {
    this.hitCapacity = limits.hitCapacity ?? 4096;
    this.maxTextBytes = limits.maxTextBytes ?? 16 << 20;
    if (!(Number.isInteger(this.hitCapacity) && this.hitCapacity >= UNROLL)) throw new RangeError(`hitCapacity must be an integer >= ${UNROLL}`);
    // Room for any one UTF-8 sequence, so every slice makes progress.
    if (!(Number.isInteger(this.maxTextBytes) && this.maxTextBytes >= 4)) throw new RangeError('maxTextBytes must be an integer >= 4');

    keywords.forEach((kw, id) => {
      if (kw === '') this.everyLine.push(id);
    });
    const { states: n, delta, outputs: out } = buildKeywordDfa(keywords);
    const used = new Set(keywords.flatMap((kw) => [...kw.toLowerCase()].map((ch) => ch.charCodeAt(0))));

    // Classes: 0 for '\n', bytes >= 128 and every byte no keyword contains (from every state they
    // lead to the start state), then one per character the keywords contain; upper-case letters
    // share their lower-case letter's class.
    const classOf = new Uint8Array(256);
    const representative = [0];
    for (let c = 0; c < ASCII; c++) {
      if (c === 10 || (c >= 65 && c <= 90) || !used.has(c)) continue;
      classOf[c] = representative.length;
      representative.push(c);
    }
    for (let c = 65; c <= 90; c++) classOf[c] = classOf[c + 32];
    const classes = representative.length;
    const rowBytes = (this.rowBytes = classes * 4);

    // Rows: the non-accepting states (start state first, at row 0), then the accepting states —
    // the order dfa-scanner.ts relies on.
    const row = new Int32Array(n);
    let rows = 0;
    for (let s = 0; s < n; s++) if (out[s].length === 0) row[s] = rows++;
    const firstAccepting = rows;
    for (let s = 0; s < n; s++) if (out[s].length > 0) row[s] = rows++;
    this.outputs = new Array(rows).fill(undefined);
    for (let s = 0; s < n; s++) if (out[s].length > 0) this.outputs[row[s]] = out[s];

    const regionBytes = this.hitCapacity * 8;
    const regions = TABLE_BASE + rows * rowBytes;
    const filterBase = regions + LANES * regionBytes;
    const rowLimit = rows * rowBytes;
    this.lineOut = filterBase + (screening ? KeyFilter.bytes(rowLimit) : 0);
    this.textBase = this.lineOut + 4 * LINE_STARTS_AT_ONCE;
    this.memory = new WebAssembly.Memory({ initial: Math.ceil((this.textBase + PAGE) / PAGE) });
    this.views();
    const i32 = this.i32;
    new Uint8Array(this.memory.buffer).set(classOf, CLASS_BASE);
    for (let s = 0; s < n; s++) {
      const at = (TABLE_BASE + row[s] * rowBytes) / 4;
      // Class 0 leads to the start state, row 0: the memory is zero-filled already.
      for (let k = 1; k < classes; k++) i32[at + k] = row[delta[s * ASCII + representative[k]]] * rowBytes;
    }
    i32[HDR.accepting / 4] = firstAccepting * rowBytes;
    i32[HDR.lanesHitLimit / 4] = this.hitCapacity - UNROLL;
    i32[HDR.laneHitLimit / 4] = this.hitCapacity;
    for (let k = 0; k < LANES; k++) i32[(laneAt(k) + LANE.region) / 4] = regions + k * regionBytes;
    this.dfa = instantiateDfaScanner(this.memory);
    linesModule ??= new WebAssembly.Module(Buffer.from(LINES_WASM, 'base64'));
    this.lines = new WebAssembly.Instance(linesModule, { env: { memory: this.memory } }).exports as unknown as typeof this.lines;
    this.seen = new Int32Array(keywords.length);
    if (screening) {
      const filter = (this.keyFilter = new KeyFilter(this.memory, filterBase, rowLimit, screening.accepts));
      const screened = new Set(screening.keywordIds);
      for (let r = firstAccepting; r < rows; r++) if (this.outputs[r]!.every((id) => screened.has(id))) filter.screenRow(r * rowBytes);
    }
  }

  private views(): void {
    const buf = this.memory.buffer;
    this.i32 = new Int32Array(buf);
    this.textView = new Uint8Array(buf, this.textBase, Math.min(buf.byteLength - SLACK - this.textBase, this.maxTextBytes));
  }

  /** Grows the text area towards `bytes` (capped at maxTextBytes). */
  private reserve(bytes: number): void {
    const want = Math.min(bytes, this.maxTextBytes);
    if (this.textView.length >= want) return;
    this.memory.grow(Math.ceil((this.textBase + want + SLACK - this.memory.buffer.byteLength) / PAGE));
    this.views();
  }

  /**
   * Calls onHit(line, keywordId) for every keyword occurrence; lines are 1-based. A keyword
   * occurring several times on one line is reported once per line, lines in ascending order. The
   * text comes as a string or as its UTF-8 bytes (walked as they are, not decoded and encoded
   * again; invalid UTF-8 walks as the U+FFFD it decodes to would: bytes >= 128, the same '\n').
   */
  scan(text: string | Uint8Array, onHit: (line: number, keywordId: number) => void): void {
    // A scan started from inside onHit gets its own `seen` (allocating one costs more than a scan of a short text).
    const seen = this.scanning ? new Int32Array(this.keywords.length) : this.seen.fill(0);
    this.scanning++;
    try {
      this.scanText(text, onHit, seen);
    } finally {
      this.scanning--;
    }
  }

  /**
   * Where the lines of a UTF-8 text start (offsets of the byte after each '\n', after a 0 for the
   * first line), found in WebAssembly; undefined when the text does not fit in memory at once.
   */
  lineStarts(utf8: Uint8Array): Int32Array | undefined {
    this.reserve(utf8.length);
    if (utf8.length > this.textView.length) return undefined;
    this.textView.set(utf8);
    let starts = new Int32Array(Math.max(16, (utf8.length >> 5) + 1));
    let count = 1; // starts[0] = 0
    const t0 = this.textBase;
    for (let from = 0; from < utf8.length; from += LINE_STARTS_AT_ONCE) {
      const n = this.lines.lineStarts(t0, t0 + from, t0 + Math.min(utf8.length, from + LINE_STARTS_AT_ONCE), this.lineOut);
      if (count + n > starts.length) {
        const grown = new Int32Array(Math.max(count + n, starts.length * 2));
        grown.set(starts.subarray(0, count));
        starts = grown;
      }
      starts.set(new Int32Array(this.memory.buffer, this.lineOut, n), count);
      count += n;
    }
    return starts.subarray(0, count);
  }

  /** `seen`: the last line each keyword was reported on, all 0. */
  private scanText(source: string | Uint8Array, onHit: (line: number, keywordId: number) => void, seen: Int32Array): void {
    const outputs = this.outputs;
    const everyLine = this.everyLine;
    let line = 1;
    let state = 0;
    let everyLineNext = 1; // the next line to report the empty keywords on
    const hits: number[] = [];
    this.reserve(source.length); // exact for ASCII and for bytes; other texts may take more than one slice
    // Bytes go in at once; bytes that do not fit are decoded and go in slices like a string.
    const text = typeof source === 'string' || source.length <= this.textView.length ? source : decoder.decode(source);
    for (let from = 0; from < text.length; ) {
      const openLo = from > 0;
      let read: number;
      let written: number;
      if (typeof text !== 'string') {
        this.textView.set(text);
        read = written = text.length;
      } else ({ read, written } = encoder.encodeInto(from === 0 ? text : text.slice(from), this.textView));
      from += read;
      hits.length = 0;
      // All reads of wasm memory happen before onHit runs: a callback may scan again with this automaton.
      this.walk(written, state, line, hits, openLo, from < text.length);
      state = this.walkState;
      line = this.walkLine;
      for (let i = 0; i < hits.length; i += 2) {
        const ln = hits[i];
        for (; everyLine.length && everyLineNext <= ln; everyLineNext++) for (const id of everyLine) onHit(everyLineNext, id);
        const o = outputs[hits[i + 1] / this.rowBytes]!;
        for (let k = 0; k < o.length; k++) {
          const id = o[k];
          if (seen[id] !== ln) {
            seen[id] = ln;
            onHit(ln, id);
          }
        }
      }
    }
    if (everyLine.length) for (; everyLineNext <= line; everyLineNext++) for (const id of everyLine) onHit(everyLineNext, id);
  }

  /**
   * Walks the `len` encoded bytes at textBase from `state`, `line` being the line of the first
   * byte; appends (line, state row offset) per hit to `hits`, in text order. Leaves the state and
   * line after the last byte in walkState and walkLine.
   */
  private walk(len: number, state: number, line: number, hits: number[], openLo = false, openHi = false): void {
    const i32 = this.i32;
    const dfa = this.dfa;
    const t0 = this.textBase;
    const t1 = t0 + len;
    const cap = this.hitCapacity;
    // Lanes start after a '\n', where the state is the start state whatever came before.
    let start = t0;
    let last = 0; // the last lane that is not empty
    for (let k = 0; k < LANES; k++) {
      let end = t1;
      if (k < LANES - 1 && len >= MIN_LANED_BYTES) {
        const cut = Math.max(start, t0 + Math.floor((len * (k + 1)) / LANES));
        const nl = this.textView.subarray(cut - t0, len).indexOf(10);
        if (nl >= 0) end = cut + nl + 1;
      }
      const r = rec(k);
      i32[r + LANE.pos / 4] = start;
      i32[r + LANE.end / 4] = end;
      i32[r + LANE.state / 4] = k === 0 ? state : 0;
      i32[r + LANE.lines / 4] = 0;
      i32[r + LANE.counted / 4] = start;
      i32[r + LANE.hits / 4] = 0;
      if (end > start) last = k;
      start = end;
    }
    let pending: number[][] | undefined;
    for (;;) {
      let n = Infinity;
      for (let k = 0; k < LANES; k++) n = Math.min(n, i32[rec(k) + LANE.end / 4] - i32[rec(k) + LANE.pos / 4]);
      n = Math.floor(n / UNROLL);
      if (n === 0) break;
      dfa.lanes(n);
      for (let k = 0; k < LANES; k++) if (i32[rec(k) + LANE.hits / 4] > cap - UNROLL) this.drain(k, (pending ??= []), t0, t1, openLo, openHi);
    }
    for (let k = 0; k < LANES; k++) {
      const r = rec(k);
      for (;;) {
        if (i32[r + LANE.hits / 4] >= cap) this.drain(k, (pending ??= []), t0, t1, openLo, openHi);
        if (i32[r + LANE.pos / 4] >= i32[r + LANE.end / 4]) break;
        dfa.lane(k);
      }
    }
    for (let k = 0; k < LANES; k++) {
      const r = rec(k);
      const p = pending?.[k];
      if (p) for (let i = 0; i < p.length; i += 2) hits.push(line + p[i], p[i + 1]);
      this.screenHits(k, t0, t1, openLo, openHi);
      const h = i32[r + LANE.hits / 4];
      if (h > 0) {
        dfa.number(k);
        const at = i32[r + LANE.region / 4] / 4;
        for (let i = 0; i < h; i++) hits.push(line + i32[at + 2 * i], i32[at + 2 * i + 1]);
      }
      line += i32[r + LANE.lines / 4];
      if (i32[r + LANE.end / 4] > i32[r + LANE.counted / 4]) line += dfa.newlines(i32[r + LANE.counted / 4], i32[r + LANE.end / 4]);
    }
    this.walkState = i32[rec(last) + LANE.state / 4];
    this.walkLine = line;
    this.keyFilter?.learn();
  }

  /** Drops lane k's screened hits on lines the key screen rules out (before they are numbered). */
  private screenHits(k: number, lo: number, hi: number, openLo: boolean, openHi: boolean): void {
    const filter = this.keyFilter;
    if (!filter) return;
    const at = rec(k) + LANE.hits / 4;
    const h = this.i32[at];
    if (h > 0) this.i32[at] = filter.filter(this.i32[rec(k) + LANE.region / 4], h, lo, hi, openLo, openHi);
  }

  /** Copies lane k's hits out of wasm memory, numbered, so that it can take more. */
  private drain(k: number, pending: number[][], lo: number, hi: number, openLo: boolean, openHi: boolean): void {
    const i32 = this.i32;
    const r = rec(k);
    this.screenHits(k, lo, hi, openLo, openHi);
    this.dfa.number(k);
    const h = i32[r + LANE.hits / 4];
    const at = i32[r + LANE.region / 4] / 4;
    const p = (pending[k] ??= []);
    for (let i = 0; i < 2 * h; i++) p.push(i32[at + i]);
    i32[r + LANE.hits / 4] = 0;
  }
}
