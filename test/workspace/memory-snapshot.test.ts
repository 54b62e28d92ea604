// A tree from a pull request may name paths that climb out of it; materialising must not follow them.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

describe('MemorySnapshot.materialize', () => {
  it('writes every file inside its own folder and nothing outside it', async () => {
    const escapee = `gg-escape-${process.pid}-${Date.now()}.txt`;
    const snap = new MemorySnapshot('t', new Map([['ok/a.yaml', 'a: 1\n'], [`../${escapee}`, 'x'], [`ok/../../${escapee}`, 'y']]));
    const dir = await snap.materialize();
    expect(readdirSync(join(dir, 'ok'))).toEqual(['a.yaml']);
    expect(existsSync(join(dirname(dir), escapee))).toBe(false);
  });
});
