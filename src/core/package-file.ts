// Files shipped beside the code (package.json, schemas/…). The code runs from src/ (tsx), dist/src/
// (tsc), the CLI bundle (dist/bundle/cli) and a Lambda bundle (build/lambda), each at a different
// depth: the file is found by walking up from this module.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageFile(relative: string): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${relative} not found in ${start} or any folder above it`);
  }
}
