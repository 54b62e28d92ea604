// The generated WebAssembly modules are committed (src/secrets/wasm/*.wasm.ts): each must be what
// compiling its AssemblyScript source gives today, so that a change to the source cannot ship
// without the module it describes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WASM_MODULES, compileWasm, generatedModule } from '../../scripts/build-wasm.js';

const root = join(import.meta.dirname, '../..');

describe('generated WebAssembly modules', () => {
  for (const m of WASM_MODULES) {
    it(`${m.generated} is the compiled ${m.source} (npm run build:wasm)`, async () => {
      const fresh = generatedModule(m.source, m.constant, await compileWasm(m.source));
      expect(readFileSync(join(root, m.generated), 'utf8')).toBe(fresh);
    }, 60_000);
  }
});
