// The files `gitops-guard secrets PATH...` scans: files as named, folders walked recursively
// honouring every .gitignore from the repository top down, without oversized files; binaries are
// told apart when a file is read (readTarget), so listing costs no reads and reading happens once.
import { closeSync, existsSync, fstatSync, lstatSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { looksBinary } from './source.js';

export interface FileTarget {
  kind: 'file';
  /** Absolute path, to read. */
  abs: string;
  /** Path as reported. */
  path: string;
  bytes: number;
}
export type ScanTarget = FileTarget | { kind: 'skipped'; path: string; reason: string };

interface IgnoreScope {
  dir: string;
  rules: Ignore;
}

const ALWAYS_SKIPPED = new Set(['.git']);

/** A read buffer kept between reads: one allocation for a whole run instead of one per file. */
let scratch = Buffer.allocUnsafe(1 << 16);

/**
 * The file's bytes, or why it is not scanned: binary (a NUL byte near the start, as git tells),
 * grown past the limit since it was listed, or unreadable. `bytes` is a view of a buffer the next
 * read reuses: done with it before reading another file.
 */
export function readTarget(t: FileTarget, maxFileBytes: number): { bytes: Buffer } | { skipped: string } {
  let length = 0;
  let fd: number | undefined;
  try {
    fd = openSync(t.abs, 'r');
    const size = fstatSync(fd).size;
    if (size > maxFileBytes) return { skipped: `${size} bytes, over the ${maxFileBytes}-byte limit` };
    // One byte more than the size shows a file that grew since it was measured.
    if (scratch.length < size + 1) scratch = Buffer.allocUnsafe(Math.max(size + 1, scratch.length * 2));
    for (let n; (n = readSync(fd, scratch, length, scratch.length - length, null)) > 0; ) {
      length += n;
      if (length > maxFileBytes) return { skipped: `more than ${maxFileBytes} bytes, over the limit` };
      if (length === scratch.length) scratch = Buffer.concat([scratch, Buffer.allocUnsafe(scratch.length)]);
    }
  } catch (e) {
    return { skipped: `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const bytes = scratch.subarray(0, length);
  if (looksBinary(bytes)) return { skipped: 'binary' };
  return { bytes };
}

/**
 * A repository's own file (config, .gitleaks.toml) under dir, read only when it and every folder on
 * the way are real (no symlinks): undefined otherwise.
 */
export function readOwnFile(dir: string, relative: string): string | undefined {
  let at = dir;
  for (const part of relative.split('/')) {
    at = join(at, part);
    const st = lstatSync(at, { throwIfNoEntry: false });
    if (!st || st.isSymbolicLink()) return undefined;
  }
  return statSync(at).isFile() ? readFileSync(at, 'utf8') : undefined;
}

function scopeOf(dir: string): IgnoreScope | undefined {
  const file = join(dir, '.gitignore');
  if (!existsSync(file)) return undefined;
  return { dir, rules: ignore().add(readFileSync(file, 'utf8')) };
}

/** .gitignore scopes from the enclosing repository's top folder down to (and including) dir. */
function ancestorScopes(dir: string): IgnoreScope[] {
  const chain: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    chain.unshift(d);
    if (existsSync(join(d, '.git')) || dirname(d) === d) break;
  }
  if (!existsSync(join(chain[0], '.git'))) chain.splice(0, chain.length - 1);
  return chain.map(scopeOf).filter((s): s is IgnoreScope => s !== undefined);
}

function ignored(scopes: IgnoreScope[], abs: string, isDir: boolean): boolean {
  return scopes.some((s) => {
    const rel = relative(s.dir, abs).split(sep).join('/');
    return rel !== '' && !rel.startsWith('..') && s.rules.ignores(isDir ? `${rel}/` : rel);
  });
}

export function* scanTargets(paths: string[], opts: { maxFileBytes: number; display: (abs: string) => string }): Generator<ScanTarget> {
  const file = function* (abs: string, size: number): Generator<ScanTarget> {
    const path = opts.display(abs);
    if (size > opts.maxFileBytes) yield { kind: 'skipped', path, reason: `${size} bytes, over the ${opts.maxFileBytes}-byte limit` };
    else yield { kind: 'file', abs, path, bytes: size };
  };
  const walk = function* (dir: string, scopes: IgnoreScope[]): Generator<ScanTarget> {
    const own = scopeOf(dir);
    const here = own && !scopes.some((s) => s.dir === dir) ? [...scopes, own] : scopes;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const abs = join(dir, entry.name);
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      if (entry.isDirectory()) {
        if (!ignored(here, abs, true)) yield* walk(abs, here);
      } else if (entry.isFile()) {
        if (!ignored(here, abs, false)) yield* file(abs, statSync(abs).size);
      }
    }
  };
  for (const p of paths) {
    const abs = resolve(p);
    const st = statSync(abs, { throwIfNoEntry: false });
    if (!st) throw new Error(`${p}: no such file or directory`);
    if (st.isDirectory()) yield* walk(abs, ancestorScopes(abs));
    else yield* file(abs, st.size);
  }
}
