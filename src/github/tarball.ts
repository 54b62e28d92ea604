// Extracts a repository tarball (GitHub's `GET /repos/{owner}/{repo}/tarball/{ref}`) into a directory.
// Only regular files are written. Symlinks are recorded with their target, never created (the
// snapshot resolves them on paper to files of the repository, as for a git checkout); hard links,
// devices and any path that is absolute or climbs out of the root are rejected (skipped and
// reported), so a hostile PR cannot make the renderers read outside the checkout. GitHub's single
// top-level folder (`owner-repo-sha/`) is stripped.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, posix, resolve, sep } from 'node:path';
import { Parser, type ReadEntry } from 'tar';

export interface ExtractLimits {
  /** Files above this size are skipped (the renderers would refuse them anyway). */
  maxFileBytes: number;
  /** The extraction fails once the written bytes exceed this. */
  maxTotalBytes: number;
  maxEntries: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxFileBytes: 5 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntries: 200_000,
};

export interface RejectedEntry {
  path: string;
  reason: 'symlink' | 'hardlink' | 'escapes-root' | 'special-file' | 'too-large' | 'write-error';
  /** Size of the entry (set for too-large). */
  bytes?: number;
}

export interface ExtractResult {
  files: number;
  bytes: number;
  rejected: RejectedEntry[];
  /** Symlinks of the tree, repo-relative, with the target each stores (not created on disk). */
  links: Map<string, string>;
}

/** Longest symlink target kept, as for a git checkout (src/workspace/git.ts); longer ones are rejected. */
const MAX_LINK_TARGET_BYTES = 4096;

export class TarballLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarballLimitError';
  }
}

export type ByteSource = Uint8Array | ArrayBuffer | AsyncIterable<Uint8Array>;

/** Repo-relative path of an entry after stripping the top folder, or undefined if it is unsafe. */
export function safeRelativePath(entryPath: string, strip: number): string | undefined {
  if (entryPath.includes('\0') || entryPath.includes('\\')) return undefined;
  if (entryPath.startsWith('/') || /^[A-Za-z]:/.test(entryPath)) return undefined;
  const parts = entryPath.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return undefined;
  const rest = parts.slice(strip);
  if (rest.length === 0) return '';
  const rel = posix.normalize(rest.join('/'));
  if (rel.startsWith('../') || rel === '..') return undefined;
  return rel;
}

function within(root: string, target: string): boolean {
  return target === root || target.startsWith(root.endsWith(sep) ? root : root + sep);
}

async function* chunksOf(source: ByteSource): AsyncIterable<Uint8Array> {
  if (source instanceof Uint8Array) yield source;
  else if (source instanceof ArrayBuffer) yield new Uint8Array(source);
  else yield* source;
}

/** Extracts a (gzipped or plain) tar stream into `dest`. `strip` is the number of leading folders to drop. */
export async function extractTarball(source: ByteSource, dest: string, limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS, strip = 1): Promise<ExtractResult> {
  const root = resolve(dest);
  mkdirSync(root, { recursive: true });
  const result: ExtractResult = { files: 0, bytes: 0, rejected: [], links: new Map() };
  let entries = 0;
  let failure: Error | undefined;

  const parser = new Parser({ strict: true });
  const done = new Promise<void>((resolveDone, reject) => {
    parser.on('error', reject);
    parser.on('abort', (e: Error) => reject(e));
    parser.on('end', () => resolveDone());
  });
  parser.on('entry', (entry: ReadEntry) => {
    if (failure) return entry.resume();
    entries++;
    if (entries > limits.maxEntries) {
      failure = new TarballLimitError(`tarball has more than ${limits.maxEntries} entries`);
      return entry.resume();
    }
    const rel = safeRelativePath(entry.path, strip);
    const shown = rel ?? entry.path;
    const reject = (reason: RejectedEntry['reason']): void => {
      result.rejected.push({ path: shown, reason });
      entry.resume();
    };
    if (entry.type === 'Directory') return entry.resume();
    if (rel === undefined) return reject('escapes-root');
    if (rel === '') return entry.resume();
    if (entry.type === 'SymbolicLink') {
      const target = entry.linkpath;
      if (!target || target.includes('\0') || Buffer.byteLength(target) > MAX_LINK_TARGET_BYTES || result.links.has(rel)) return reject('symlink');
      result.links.set(rel, target);
      return entry.resume();
    }
    if (entry.type === 'Link') return reject('hardlink');
    if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') return reject('special-file');
    if (entry.size > limits.maxFileBytes) {
      result.rejected.push({ path: rel, reason: 'too-large', bytes: entry.size });
      return entry.resume();
    }
    const target = resolve(root, ...rel.split('/'));
    if (!within(root, target) || target === root) return reject('escapes-root');
    if (result.bytes + entry.size > limits.maxTotalBytes) {
      failure = new TarballLimitError(`tarball expands beyond ${limits.maxTotalBytes} bytes`);
      return entry.resume();
    }
    const chunks: Buffer[] = [];
    entry.on('data', (c: Buffer) => chunks.push(c));
    entry.on('end', () => {
      const data = Buffer.concat(chunks);
      try {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, data, { flag: 'wx' });
        result.files++;
        result.bytes += data.length;
      } catch {
        // e.g. a file and a folder of the same name, or a duplicate entry: keep the first
        result.rejected.push({ path: rel, reason: 'write-error' });
      }
    });
  });

  for await (const chunk of chunksOf(source)) {
    if (failure) break;
    if (!parser.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) {
      await new Promise<void>((r) => parser.once('drain', () => r()));
    }
  }
  if (failure) throw failure;
  parser.end();
  await done;
  if (failure) throw failure;
  return result;
}

