// A snapshot held in memory (tests, GitHub blobs). Materialises to a private temp dir on demand.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type { Snapshot } from '../core/types.js';

export class MemorySnapshot implements Snapshot {
  private dir?: string;
  constructor(readonly ref: string, private readonly files: Map<string, string>) {}

  static from(ref: string, files: Record<string, string>): MemorySnapshot {
    return new MemorySnapshot(ref, new Map(Object.entries(files)));
  }

  list(): string[] {
    return [...this.files.keys()].sort();
  }

  read(path: string): string | undefined {
    return this.files.get(path);
  }

  async materialize(): Promise<string> {
    if (this.dir) return this.dir;
    const dir = mkdtempSync(join(tmpdir(), 'gitops-guard-snap-'));
    for (const [path, text] of this.files) {
      const target = join(dir, path);
      // Paths come from untrusted trees: never write outside the snapshot's own folder.
      if (isAbsolute(path) || relative(dir, target).startsWith('..')) continue;
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    this.dir = dir;
    return dir;
  }
}
