// A snapshot backed by a directory on disk (a checkout, an extracted tarball). Never follows symlinks.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Snapshot } from '../core/types.js';

const SKIP_DIRS = new Set(['.git', 'node_modules']);

export class DirSnapshot implements Snapshot {
  private files?: string[];
  constructor(readonly ref: string, readonly dir: string, private readonly maxFileBytes = 5 * 1024 * 1024) {}

  list(): string[] {
    if (this.files) return this.files;
    const out: string[] = [];
    const walk = (d: string): void => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const abs = join(d, entry.name);
        if (entry.isDirectory()) {
          if (!SKIP_DIRS.has(entry.name)) walk(abs);
        } else if (entry.isFile()) {
          out.push(relative(this.dir, abs).split(sep).join('/'));
        }
      }
    };
    walk(this.dir);
    this.files = out.sort();
    return this.files;
  }

  read(path: string): string | undefined {
    if (path.startsWith('/') || path.split('/').includes('..')) return undefined;
    const abs = join(this.dir, path);
    try {
      const st = lstatSync(abs);
      if (!st.isFile() || st.size > this.maxFileBytes) return undefined;
      return readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
  }

  async materialize(): Promise<string> {
    return this.dir;
  }
}
