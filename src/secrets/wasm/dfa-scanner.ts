// The keyword automaton's inner loop as a WebAssembly module: walks UTF-8 bytes over a DFA
// transition table and appends (line, state) for every step into an accepting state.
//
// Memory (imported, laid out by the caller):
//   [0, CLASS_BASE)             control block: header words, then one record per lane
//   [CLASS_BASE, +256)          byte → character class (bytes that need the same transitions from
//                               every state share a class)
//   [TABLE_BASE, …)             transition table: per state a row of one i32 per class, holding the
//                               next state's row offset (row index × row bytes); accepting states
//                               have the highest rows, from the header's `accepting` offset on
//   hit regions, text           anywhere after the table, addresses given in the control block
//
// Classes keep the table small (about 40 columns instead of 256) so the rows visited often stay in
// the L1 cache. '\n' resets the state through the table like any byte outside the keywords: the
// per-byte loop has no newline branch. Hits record their byte address; `number` turns addresses
// into lines afterwards, counting '\n' between consecutive hits with SIMD.
//
// The DFA step is a chain of dependent loads, so `lanes` walks LANES independent stretches of the
// text at once — the caller cuts them after a '\n', where the state is the start state anyway —
// and lets the CPU overlap their loads.
import { Code, moduleBytes } from './encode.js';

export const LANES = 4;
/** Bytes each lane advances per iteration of `lanes`. */
export const UNROLL = 2;
export const CLASS_BASE = 512;
/** Bytes `newlines` may read past the end of the text. */
export const SLACK = 16;
export const TABLE_BASE = 1024;

/** Header words of the control block (byte addresses). */
export const HDR = {
  /** Row offset of the first accepting state. */
  accepting: 0,
  /** `lanes` stops once a lane holds more hits than this; its region must hold UNROLL more. */
  lanesHitLimit: 4,
  /** `lane` stops once its lane holds this many hits (the region's capacity). */
  laneHitLimit: 8,
} as const;

/** Lane record fields (byte offsets within the record at laneAt(k)). */
export const LANE = {
  /** Address of the next byte. */
  pos: 0,
  /** Address after the lane's last byte. */
  end: 4,
  /** Row offset of the current state. */
  state: 8,
  /** '\n' before `counted`, from the lane's start. */
  lines: 12,
  /** Address up to which '\n' are counted in `lines`. */
  counted: 16,
  /** Hits in the lane's region. */
  hits: 20,
  /** Address of the lane's hit region: pairs of i32 (the byte address after the hit, or once
   * numbered the '\n' before it from the lane's start; the state row offset). */
  region: 24,
} as const;

export const laneAt = (k: number): number => 16 + k * 32;
if (laneAt(LANES) > CLASS_BASE) throw new Error('control block overlaps the class map');

export interface DfaScanner {
  /** Runs every lane through n iterations (UNROLL bytes each), stopping early when a lane's hits pass lanesHitLimit. */
  lanes(n: number): void;
  /** Runs lane k to its end, stopping early when its hits reach laneHitLimit. */
  lane(k: number): void;
  /** Turns the byte addresses in lane k's hits into line numbers relative to the lane's start; once per hit. */
  number(k: number): void;
  /** The number of '\n' bytes in [from, to). */
  newlines(from: number, to: number): number;
}

let compiled: WebAssembly.Module | undefined;

/** Instantiates the scanner over a memory; the module is compiled once per process. */
export function instantiateDfaScanner(memory: WebAssembly.Memory): DfaScanner {
  compiled ??= new WebAssembly.Module(build());
  return new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as DfaScanner;
}

/** Function indexes, in the order moduleBytes receives them. */
const NEWLINES = 0;

function build(): Uint8Array<ArrayBuffer> {
  /** Pushes the column offset of the byte at address `pos` + u: its class × 4. */
  const column = (c: Code, pos: number, u: number): void => void c.get(pos).load8u(u).load8u(CLASS_BASE).const(2).shl();

  /** Appends (at(), s) to the hit region of the lane whose record is at base() + rec. */
  const hit = (c: Code, base: () => void, rec: number, at: () => void, s: number, tmp: number): void => {
    // region[hits] = (at, s); hits += 1
    base();
    c.load(rec + LANE.region);
    base();
    c.load(rec + LANE.hits).const(3).shl().add().tee(tmp);
    at();
    c.store(0);
    c.get(tmp).get(s).store(4);
    base();
    base();
    c.load(rec + LANE.hits).const(1).add().store(rec + LANE.hits);
  };

  // newlines(from, to) → i32: 16 bytes at a time (compare with '\n', count the matching lanes);
  // the last block is loaded whole and its bits past `to` masked off, so memory must extend
  // SLACK bytes past any `to`.
  const nl = new Code();
  {
    const [FROM, TO, N] = [0, 1, 2];
    /** Pushes the bitmask of the '\n' bytes among the 16 at FROM. */
    const matches = () => void nl.get(FROM).v128Load().const(10).i8x16Splat().i8x16Eq().i8x16Bitmask();
    nl.block('last', () => {
      nl.loop('blocks', () => {
        nl.get(TO).get(FROM).sub().const(16).ltU().brIf('last');
        nl.get(N);
        matches();
        nl.popcnt().add().set(N);
        nl.get(FROM).const(16).add().set(FROM);
        nl.br('blocks');
      });
    });
    // n += popcnt(matches & ((1 << (to - from)) - 1))
    nl.get(N);
    matches();
    nl.const(1).get(TO).get(FROM).sub().shl().const(1).sub().and().popcnt().add();
  }

  // lanes(n): locals 0 = n, then per lane its position and state, then shared ones. The header
  // and lane records sit at constant addresses here: address 0 plus the field's offset.
  const lanes = new Code();
  let lanesLocals: number;
  {
    const N = 0;
    const pos = (k: number) => 1 + k;
    const st = (k: number) => 1 + LANES + k;
    const accepting = 1 + 2 * LANES;
    const limit = accepting + 1; // address of lane 0 where the loop ends; 0 once a region is full
    const hitLimit = limit + 1;
    const tmp = hitLimit + 1;
    lanesLocals = tmp;
    const zero = () => void lanes.const(0);

    lanes.const(0).load(HDR.accepting).set(accepting);
    lanes.const(0).load(HDR.lanesHitLimit).set(hitLimit);
    for (let k = 0; k < LANES; k++) {
      lanes.const(0).load(laneAt(k) + LANE.pos).set(pos(k));
      lanes.const(0).load(laneAt(k) + LANE.state).set(st(k));
    }
    // limit = pos0 + n × UNROLL
    lanes.get(pos(0)).get(N).const(UNROLL).mul().add().set(limit);
    lanes.block('done', () => {
      lanes.get(pos(0)).get(limit).geU().brIf('done');
      lanes.loop('next', () => {
        for (let u = 0; u < UNROLL; u++) {
          for (let k = 0; k < LANES; k++) {
            // state = table[state + column]
            lanes.get(st(k));
            column(lanes, pos(k), u);
            lanes.add().load(TABLE_BASE).tee(st(k));
            lanes.get(accepting).geU();
            lanes.if(() => {
              hit(lanes, zero, laneAt(k), () => void lanes.get(pos(k)).const(u).add(), st(k), tmp);
              // A full region ends the loop after this iteration.
              lanes.const(0).load(laneAt(k) + LANE.hits).get(hitLimit).gtU();
              lanes.if(() => lanes.const(0).set(limit));
            });
          }
        }
        for (let k = 0; k < LANES; k++) lanes.get(pos(k)).const(UNROLL).add().set(pos(k));
        lanes.get(pos(0)).get(limit).ltU().brIf('next');
      });
    });
    for (let k = 0; k < LANES; k++) {
      lanes.const(0).get(pos(k)).store(laneAt(k) + LANE.pos);
      lanes.const(0).get(st(k)).store(laneAt(k) + LANE.state);
    }
  }

  // lane(k): one lane, a byte at a time.
  const one = new Code();
  {
    const [K, REC, POS, END, S, LIMIT, ACCEPTING, TMP] = [0, 1, 2, 3, 4, 5, 6, 7];
    const rec = () => void one.get(REC);
    one.get(K).const(32).mul().const(laneAt(0)).add().set(REC);
    one.get(REC).load(LANE.pos).set(POS);
    one.get(REC).load(LANE.end).set(END);
    one.get(REC).load(LANE.state).set(S);
    one.const(0).load(HDR.laneHitLimit).set(LIMIT);
    one.const(0).load(HDR.accepting).set(ACCEPTING);
    one.block('done', () => {
      one.get(POS).get(END).geU().brIf('done');
      one.get(REC).load(LANE.hits).get(LIMIT).geU().brIf('done');
      one.loop('next', () => {
        // state = table[state + column]; pos += 1
        one.get(S);
        column(one, POS, 0);
        one.add().load(TABLE_BASE).tee(S);
        one.get(POS).const(1).add().set(POS);
        one.get(ACCEPTING).geU();
        one.if(() => {
          hit(one, rec, 0, () => void one.get(POS), S, TMP);
          one.get(REC).load(LANE.hits).get(LIMIT).geU().brIf('done');
        });
        one.get(POS).get(END).ltU().brIf('next');
      });
    });
    one.get(REC).get(POS).store(LANE.pos);
    one.get(REC).get(S).store(LANE.state);
  }

  // number(k): replaces the address in each of lane k's hits with the count of '\n' between the
  // lane's start and that address, carrying the count in the lane record.
  const num = new Code();
  {
    const [K, REC, AT, END, LINES, COUNTED, P] = [0, 1, 2, 3, 4, 5, 6];
    num.get(K).const(32).mul().const(laneAt(0)).add().set(REC);
    num.get(REC).load(LANE.region).tee(AT);
    num.get(REC).load(LANE.hits).const(3).shl().add().set(END);
    num.get(REC).load(LANE.lines).set(LINES);
    num.get(REC).load(LANE.counted).set(COUNTED);
    num.block('done', () => {
      num.loop('next', () => {
        num.get(AT).get(END).geU().brIf('done');
        // lines += newlines(counted, p); counted = p; region.at = lines
        num.get(AT).load().set(P);
        num.get(LINES).get(COUNTED).get(P).call(NEWLINES).add().set(LINES);
        num.get(P).set(COUNTED);
        num.get(AT).get(LINES).store();
        num.get(AT).const(8).add().set(AT);
        num.br('next');
      });
    });
    num.get(REC).get(LINES).store(LANE.lines);
    num.get(REC).get(COUNTED).store(LANE.counted);
  }

  return moduleBytes([
    { name: 'newlines', params: 2, results: 1, locals: 1, code: nl },
    { name: 'lanes', params: 1, results: 0, locals: lanesLocals, code: lanes },
    { name: 'lane', params: 1, results: 0, locals: 7, code: one },
    { name: 'number', params: 1, results: 0, locals: 6, code: num },
  ]);
}
