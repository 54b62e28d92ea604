// A minimal WebAssembly binary encoder: only the sections and instructions the keyword scanner
// needs, written from the spec (https://webassembly.github.io/spec/core/binary/). All values are i32.

/** Value type i32. */
const I32 = 0x7f;
/** Block type of a block/loop/if that yields nothing. */
const EMPTY = 0x40;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of an i32. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  n |= 0;
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** A name: its UTF-8 length, then its bytes. */
const name = (s: string): number[] => {
  const b = [...new TextEncoder().encode(s)];
  return [...uleb(b.length), ...b];
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/**
 * Instruction writer for one function body. Branch targets are named: br/br_if take the label of an
 * enclosing block/loop and the relative depth is computed from the nesting.
 */
export class Code {
  readonly bytes: number[] = [];
  private readonly labels: (string | undefined)[] = [];

  private emit(...b: number[]): this {
    this.bytes.push(...b);
    return this;
  }

  private nest(opcode: number, label: string | undefined, body: () => void): this {
    this.emit(opcode, EMPTY);
    this.labels.push(label);
    body();
    this.labels.pop();
    return this.emit(0x0b); // end
  }

  private depth(label: string): number {
    const i = this.labels.lastIndexOf(label);
    if (i < 0) throw new Error(`no enclosing label ${label}`);
    return this.labels.length - 1 - i;
  }

  /** block: a branch to its label jumps past its end. */
  block(label: string, body: () => void): this {
    return this.nest(0x02, label, body);
  }

  /** loop: a branch to its label jumps back to its start. */
  loop(label: string, body: () => void): this {
    return this.nest(0x03, label, body);
  }

  /** if (pops the condition) … end, with an optional else. */
  if(then: () => void, otherwise?: () => void): this {
    this.emit(0x04, EMPTY);
    this.labels.push(undefined);
    then();
    if (otherwise) {
      this.emit(0x05); // else
      otherwise();
    }
    this.labels.pop();
    return this.emit(0x0b); // end
  }

  br(label: string): this {
    return this.emit(0x0c, ...uleb(this.depth(label)));
  }

  brIf(label: string): this {
    return this.emit(0x0d, ...uleb(this.depth(label)));
  }

  get(local: number): this {
    return this.emit(0x20, ...uleb(local)); // local.get
  }

  set(local: number): this {
    return this.emit(0x21, ...uleb(local)); // local.set
  }

  tee(local: number): this {
    return this.emit(0x22, ...uleb(local)); // local.tee
  }

  /** i32.load [address + offset], 4-byte aligned. */
  load(offset = 0): this {
    return this.emit(0x28, 2, ...uleb(offset));
  }

  /** i32.load8_u [address + offset]. */
  load8u(offset = 0): this {
    return this.emit(0x2d, 0, ...uleb(offset));
  }

  /** i32.store [address + offset] ← value (pops value, then address). */
  store(offset = 0): this {
    return this.emit(0x36, 2, ...uleb(offset));
  }

  const(n: number): this {
    return this.emit(0x41, ...sleb(n)); // i32.const
  }

  ltU(): this {
    return this.emit(0x49); // i32.lt_u
  }

  geU(): this {
    return this.emit(0x4f); // i32.ge_u
  }

  gtU(): this {
    return this.emit(0x4b); // i32.gt_u
  }

  add(): this {
    return this.emit(0x6a); // i32.add
  }

  and(): this {
    return this.emit(0x71); // i32.and
  }

  sub(): this {
    return this.emit(0x6b); // i32.sub
  }

  popcnt(): this {
    return this.emit(0x69); // i32.popcnt
  }

  call(func: number): this {
    return this.emit(0x10, ...uleb(func));
  }

  /** v128.load [address + offset], no alignment assumed. */
  v128Load(offset = 0): this {
    return this.emit(0xfd, ...uleb(0x00), 0, ...uleb(offset));
  }

  /** i8x16.splat: 16 copies of the low byte of an i32. */
  i8x16Splat(): this {
    return this.emit(0xfd, ...uleb(0x0f));
  }

  /** i8x16.eq: lanes equal → 0xff, else 0. */
  i8x16Eq(): this {
    return this.emit(0xfd, ...uleb(0x23));
  }

  /** i8x16.bitmask: the top bit of each lane, as the low 16 bits of an i32. */
  i8x16Bitmask(): this {
    return this.emit(0xfd, ...uleb(0x64));
  }

  mul(): this {
    return this.emit(0x6c); // i32.mul
  }

  shl(): this {
    return this.emit(0x74); // i32.shl
  }
}

export interface WasmFunction {
  name: string;
  /** Number of i32 parameters. */
  params: number;
  /** Number of i32 results (0 or 1). */
  results: number;
  /** Number of i32 locals after the parameters. */
  locals: number;
  code: Code;
}

/** A module importing one memory as env.memory and exporting the given functions (indexes in order). */
export function moduleBytes(functions: WasmFunction[]): Uint8Array<ArrayBuffer> {
  const signature = (f: WasmFunction) => `${f.params}:${f.results}`;
  const types = [...new Map(functions.map((f) => [signature(f), f])).values()];
  const typeOf = (f: WasmFunction) => types.findIndex((t) => signature(t) === signature(f));
  const i32s = (n: number) => vec(Array.from({ length: n }, () => [I32]));
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, // magic "\0asm"
    0x01, 0x00, 0x00, 0x00, // version 1
    // type section: one function type (0x60, params, results) per signature used
    ...section(1, vec(types.map((t) => [0x60, ...i32s(t.params), ...i32s(t.results)]))),
    // import section: env.memory, a memory (0x02) with a minimum and no maximum (0x00)
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]])),
    // function section: the type index of each function
    ...section(3, vec(functions.map((f) => uleb(typeOf(f))))),
    // export section: each function (kind 0x00) by name
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    // code section: per function, its size, its locals (one run of i32) and its body ending in `end`
    ...section(10, vec(functions.map((f) => {
      const body = [...(f.locals ? [...uleb(1), ...uleb(f.locals), I32] : uleb(0)), ...f.code.bytes, 0x0b];
      return [...uleb(body.length), ...body];
    }))),
  ];
  return Uint8Array.from(bytes);
}
