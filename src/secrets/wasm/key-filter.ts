// The key screen compiled to WebAssembly (wasm/key-screen.ts), set up in the keyword automaton's
// memory: it drops the hits of keywords only key detectors use on lines that cannot assign a
// credential to a key, before JavaScript sees them. Verdicts it does not know yet are learned here
// after each walk: on keys from the KeyVerdict the key detectors share, on values from isPlaceholder.
import { ENV_VALUE_LINES, MAX_KEY_LENGTH } from '../assignments.js';
import { byteClasses, MIN_ASSIGNED_VALUE_LENGTH, type KeyVerdict } from '../key-screen.js';
import { isPlaceholder } from '../placeholders.js';
import { SECRET_TAIL_ENDS } from '../secret-keys.js';
import { KEY_SCREEN_WASM } from './key-screen.wasm.js';

interface KeyScreenExports {
  init(minValueLength: number, envValueLines: number, maxKeyLength: number, ctl: number, classes: number, tails: number, flags: number, slots: number, slotMask: number, pool: number, poolBytes: number, learn: number, learnCap: number): void;
  filter(region: number, count: number, lo: number, hi: number, openLo: number, openHi: number): number;
  remember(start: number, end: number, kind: number, verdict: number): void;
  screen(start: number, end: number, hi: number, openHi: number): number;
}

/** What a verdict is on: a key (does a key detector accept it) or a value (is it a placeholder). */
const ON_KEY = 0;
const SLOTS = 4096;
const POOL_BYTES = 64 * 1024;
const LEARN_CAP = 1024;
const align = (n: number): number => (n + 15) & ~15;

/** Where a filter's parts go from `base`, for an automaton whose row offsets stay below `rowLimit`. */
function layout(base: number, rowLimit: number) {
  const ctl = base;
  const classes = ctl + 16;
  const tails = classes + 256;
  const flags = tails + 128 * 128;
  const slots = flags + align(rowLimit >> 2);
  const pool = slots + SLOTS * 16;
  const learn = pool + POOL_BYTES;
  return { ctl, classes, tails, flags, slots, pool, learn, end: learn + LEARN_CAP * 8 };
}

let compiled: WebAssembly.Module | undefined;
const decoder = new TextDecoder('latin1');

export class KeyFilter {
  private readonly screen: KeyScreenExports;
  private readonly ctl: number;
  private readonly flags: number;
  private readonly learnAt: number;

  /** Bytes of memory a filter needs for an automaton whose row offsets stay below `rowLimit`. */
  static bytes(rowLimit: number): number {
    return layout(0, rowLimit).end;
  }

  /** Lays itself out in memory at [base, base + bytes(rowLimit)). */
  constructor(
    private readonly memory: WebAssembly.Memory,
    base: number,
    rowLimit: number,
    private readonly accepts: KeyVerdict,
  ) {
    if (SECRET_TAIL_ENDS.some((t) => t.length !== 2)) throw new Error('the WebAssembly key screen reads two-character tail ends');
    compiled ??= new WebAssembly.Module(Buffer.from(KEY_SCREEN_WASM, 'base64'));
    this.screen = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as KeyScreenExports;
    const at = layout(base, rowLimit);
    this.ctl = at.ctl;
    this.flags = at.flags;
    this.learnAt = at.learn;
    const bytes = new Uint8Array(memory.buffer);
    bytes.set(byteClasses(), at.classes);
    for (const t of SECRET_TAIL_ENDS) bytes[at.tails + (t.charCodeAt(0) << 7) + t.charCodeAt(1)] = 1;
    this.screen.init(MIN_ASSIGNED_VALUE_LENGTH, ENV_VALUE_LINES, MAX_KEY_LENGTH, at.ctl, at.classes, at.tails, at.flags, at.slots, SLOTS - 1, at.pool, POOL_BYTES, at.learn, LEARN_CAP);
  }

  /** Screens the hits of the automaton row at this offset. */
  screenRow(rowOffset: number): void {
    new Uint8Array(this.memory.buffer)[this.flags + (rowOffset >> 2)] = 1;
  }

  /**
   * Drops screened hits (pairs of i32 at `region`) on lines ruled out; returns how many are kept.
   * The text is at [lo, hi); `openLo`/`openHi` when it is a slice with text before or after.
   */
  filter(region: number, count: number, lo: number, hi: number, openLo: boolean, openHi: boolean): number {
    return this.screen.filter(region, count, lo, hi, openLo ? 1 : 0, openHi ? 1 : 0);
  }

  /** The screen of one line at [start, end) of a text ending at hi (for tests). */
  screenLine(start: number, end: number, hi: number): boolean {
    return this.screen.screen(start, end, hi, 0) !== 0;
  }

  /** Decides the keys and values the last filters did not know (their lines were kept) and remembers the verdicts. */
  learn(): void {
    const i32 = new Int32Array(this.memory.buffer);
    const n = i32[this.ctl >> 2];
    if (n === 0) return;
    const bytes = new Uint8Array(this.memory.buffer);
    const spans = new Uint32Array(this.memory.buffer).slice(this.learnAt >> 2, (this.learnAt >> 2) + 2 * n);
    i32[this.ctl >> 2] = 0;
    for (let i = 0; i < spans.length; i += 2) {
      const start = spans[i];
      const kind = spans[i + 1] >>> 31;
      const end = spans[i + 1] & 0x7fffffff;
      const text = decoder.decode(bytes.subarray(start, end));
      const verdict = kind === ON_KEY ? this.accepts(text) : isPlaceholder(text);
      this.screen.remember(start, end, kind, verdict ? 1 : 0);
    }
  }
}
