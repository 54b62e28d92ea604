// A snapshot backed by a directory on disk (a checkout, an extracted tarball). Never follows
// symlinks: the walk only records them (links()), and read() serves only files the walk found, so a
// path through a symlinked folder (`evil/passwd` with `evil -> /etc`) reads nothing.
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { SkippedFile, Snapshot } from '../core/types.js';
import { DEFAULT_SNAPSHOT_LIMITS, looksBinary, withinBudget, type SnapshotLimits } from './limits.js';

const SKIP_DIRS = new Set(['.git', 'node_modules']);

function headBytes(abs: string): Uint8Array {
  const fd = openSync(abs, 'r');
  try {
    const buf = Buffer.alloc(8000);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}

export class DirSnapshot implements Snapshot {
  private index?: { files: Set<string>; sorted: string[]; skipped: SkippedFile[]; links: Map<string, string> };
  private readonly limits: SnapshotLimits;

  /**
   * `alsoSkipped`: files of the repository the directory never received (e.g. left out of a tarball
   * for their size); `alsoLinked`: its symlinks that were recorded instead of created (a tarball's).
   */
  constructor(readonly ref: string, readonly dir: string, limits: Partial<SnapshotLimits> | number = {}, private readonly alsoSkipped: SkippedFile[] = [], private readonly alsoLinked: ReadonlyMap<string, string> = new Map()) {
    this.limits = { ...DEFAULT_SNAPSHOT_LIMITS, ...(typeof limits === 'number' ? { maxFileBytes: limits } : limits) };
  }

  private walk(): NonNullable<DirSnapshot['index']> {
    if (this.index) return this.index;
    const found: { path: string; bytes: number }[] = [];
    const binary: SkippedFile[] = [];
    const links = new Map<string, string>(this.alsoLinked);
    const visit = (d: string, rel: string): void => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const abs = join(d, entry.name);
        const path = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!SKIP_DIRS.has(entry.name)) visit(abs, path);
        } else if (entry.isFile()) {
          const bytes = lstatSync(abs).size;
          if (bytes <= this.limits.maxFileBytes && looksBinary(headBytes(abs))) binary.push({ path, reason: 'binary', bytes });
          else found.push({ path, bytes });
        } else if (entry.isSymbolicLink()) {
          links.set(path, readlinkSync(abs));
        }
      }
    };
    visit(this.dir, '');
    const { kept, skipped } = withinBudget(found, this.limits);
    const sorted = kept.map((e) => e.path).sort();
    this.index = { files: new Set(sorted), sorted, skipped: [...skipped, ...binary, ...this.alsoSkipped], links };
    return this.index;
  }

  list(): string[] {
    return this.walk().sorted;
  }

  skipped(): SkippedFile[] {
    return this.walk().skipped;
  }

  links(): ReadonlyMap<string, string> {
    return this.walk().links;
  }

  // A snapshot is read many times per file (rules, fixes, suppressions): keep what was read.
  private readonly contents = new Map<string, string | undefined>();

  read(path: string): string | undefined {
    if (this.contents.has(path)) return this.contents.get(path);
    const text = this.readFromDisk(path);
    this.contents.set(path, text);
    return text;
  }

  private readFromDisk(path: string): string | undefined {
    if (!this.walk().files.has(path)) return undefined;
    const abs = join(this.dir, path);
    try {
      // the file may have been replaced since the walk: still no symlinks, no growth past the limit
      const st = lstatSync(abs);
      if (!st.isFile() || st.size > this.limits.maxFileBytes) return undefined;
      return readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
  }

  async materialize(): Promise<string> {
    return this.dir;
  }
}
