// AssemblyScript: where the lines of a text in WebAssembly memory start, 16 bytes at a time (SIMD),
// for a line index that costs no JavaScript loop over the text (src/secrets/source.ts).
// Built by scripts/build-wasm.ts into src/secrets/wasm/lines.wasm.ts; memory is imported.

/**
 * Writes, as u32 at `out`, the offset from `base` of the byte after each '\n' in [from, to);
 * returns how many. The caller makes room for one per byte of [from, to).
 */
export function lineStarts(base: usize, from: usize, to: usize, out: usize): u32 {
  let n: u32 = 0;
  const newline = i8x16.splat(10);
  let p = from;
  for (; p + 16 <= to; p += 16) {
    let mask = i8x16.bitmask(i8x16.eq(v128.load(p), newline));
    while (mask != 0) {
      store<u32>(out + (<usize>n << 2), <u32>(p + ctz(mask) + 1 - base));
      n++;
      mask &= mask - 1;
    }
  }
  for (; p < to; p++) {
    if (load<u8>(p) == 10) {
      store<u32>(out + (<usize>n << 2), <u32>(p + 1 - base));
      n++;
    }
  }
  return n;
}
