// Local git: files at a ref (without touching the working tree) and the change between two refs.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Parser as TarParser, type ReadEntry } from 'tar';
import { promisify } from 'node:util';
import type { SkippedFile, Snapshot } from '../core/types.js';
import type { ChangedFile } from '../engine/review-types.js';
import { parseGitDiff } from './diff-lines.js';
import { DEFAULT_SNAPSHOT_LIMITS, looksBinary, withinBudget, type SnapshotLimits } from './limits.js';

const run = promisify(execFile);
const MAX_BUFFER = 512 * 1024 * 1024;
/** PATH_MAX: a longer symlink target cannot exist on a checkout. */
const MAX_LINK_TARGET_BYTES = 4096;

async function git(repo: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', repo, ...args], { maxBuffer: MAX_BUFFER, encoding: 'utf8' });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`git ${args[0]} failed in ${repo}: ${(err.stderr || err.message).trim().split('\n')[0]}`);
  }
}

export async function resolveRef(repo: string, ref: string): Promise<string> {
  return (await git(repo, ['rev-parse', '--verify', `${ref}^{commit}`])).trim();
}

/** Files of a commit, read with one `git cat-file --batch` process; symlinks are recorded (never followed), submodules left out. */
export class GitSnapshot implements Snapshot {
  private dir?: Promise<string>;
  private constructor(readonly ref: string, private readonly repo: string, private readonly files: Map<string, string>, private readonly left: SkippedFile[], private readonly limits: SnapshotLimits, private readonly symlinks: Map<string, string>) {}

  /** Files over `maxFileBytes`, beyond `maxTotalBytes` (largest first) or binary are skipped and listed by skipped(). */
  static async load(repo: string, ref: string, limits: Partial<SnapshotLimits> | number = {}): Promise<GitSnapshot> {
    const lim: SnapshotLimits = { ...DEFAULT_SNAPSHOT_LIMITS, ...(typeof limits === 'number' ? { maxFileBytes: limits } : limits) };
    const sha = await resolveRef(repo, ref);
    const tree = await git(repo, ['ls-tree', '-r', '-z', '--long', sha]);
    const entries: { path: string; oid: string; bytes: number }[] = [];
    const linkEntries: { path: string; oid: string }[] = [];
    for (const rec of tree.split('\0')) {
      if (!rec) continue;
      const tab = rec.indexOf('\t');
      const [mode, type, oid, size] = rec.slice(0, tab).split(/\s+/);
      // 160000 = submodule (type commit): never read; 120000 = symlink: its blob is the target it names
      if (type !== 'blob') continue;
      if (mode === '120000') {
        if (Number(size) <= MAX_LINK_TARGET_BYTES) linkEntries.push({ path: rec.slice(tab + 1), oid });
      } else entries.push({ path: rec.slice(tab + 1), oid, bytes: Number(size) });
    }
    const { kept, skipped } = withinBudget(entries, lim);
    const files = new Map<string, string>();
    const links = new Map<string, string>();
    await catFileBatch(repo, [...kept, ...linkEntries].map((e) => e.oid), (i, blob) => {
      if (i >= kept.length) links.set(linkEntries[i - kept.length].path, blob.toString('utf8'));
      else if (looksBinary(blob)) skipped.push({ path: kept[i].path, reason: 'binary', bytes: blob.length });
      else files.set(kept[i].path, blob.toString('utf8'));
    });
    return new GitSnapshot(sha, repo, files, skipped, lim, links);
  }

  list(): string[] {
    return [...this.files.keys()];
  }

  read(path: string): string | undefined {
    return this.files.get(path);
  }

  skipped(): SkippedFile[] {
    return this.left;
  }

  links(): ReadonlyMap<string, string> {
    return this.symlinks;
  }

  /**
   * The commit's files on disk, for the renderers' private trees: regular files within the same
   * limits as the snapshot (a tree of compressible giants would otherwise fill the disk), symlinks
   * kept as links (the renderers copy in-repository links and refuse the others), nothing else.
   */
  materialize(): Promise<string> {
    this.dir ??= (async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gitops-guard-git-'));
      removeAtExit(dir);
      await extractArchive(this.repo, this.ref, dir, this.limits);
      return dir;
    })();
    return this.dir;
  }
}

const checkouts = new Set<string>();
/** Checkouts live as long as the process (renders reuse them); they are removed when it exits. */
function removeAtExit(dir: string): void {
  if (checkouts.size === 0) process.once('exit', () => checkouts.forEach((d) => rmSync(d, { recursive: true, force: true })));
  checkouts.add(dir);
}

function isPlainRelative(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !path.split('/').some((s) => s === '..' || s === '');
}

/** `git archive REF` streamed into `dir` with per-file and total byte limits. */
async function extractArchive(repo: string, ref: string, dir: string, limits: SnapshotLimits): Promise<void> {
  const archive = spawn('git', ['-C', repo, 'archive', '--format=tar', ref], { stdio: ['ignore', 'pipe', 'pipe'] });
  const parser = new TarParser();
  let written = 0;
  let stderr = '';
  let failed: Error | undefined;
  const attempt = (write: () => void): void => {
    try {
      write();
    } catch (e) {
      failed ??= e as Error;
    }
  };
  parser.on('entry', (entry: ReadEntry) => {
    const path = entry.path.replace(/\/+$/, '');
    const target = join(dir, path);
    if (!isPlainRelative(path)) return entry.resume();
    if (entry.type === 'File' && entry.size <= limits.maxFileBytes && written + entry.size <= limits.maxTotalBytes) {
      written += entry.size;
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => attempt(() => {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, Buffer.concat(chunks), { flag: 'wx' });
      }));
      return;
    }
    if (entry.type === 'Directory') attempt(() => mkdirSync(target, { recursive: true }));
    else if (entry.type === 'SymbolicLink' && entry.linkpath) attempt(() => {
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(entry.linkpath!, target);
    });
    entry.resume();
  });
  archive.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve, reject) => {
    archive.on('close', resolve);
    archive.on('error', reject);
  });
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('end', () => resolve());
    parser.on('error', reject);
  });
  archive.stdout.pipe(parser as unknown as NodeJS.WritableStream);
  const [code] = await Promise.all([exited, parsed]);
  if (failed) throw failed;
  if (code !== 0) throw new Error(`cannot extract ${ref}: ${stderr.trim()}`);
}

/**
 * Streams `git cat-file --batch` output, handing each blob to `onBlob` as soon as it is complete,
 * so memory holds one blob plus the decoded files rather than the whole batch twice.
 */
function catFileBatch(repo: string, oids: string[], onBlob: (index: number, blob: Buffer) => void): Promise<void> {
  if (oids.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const proc = spawn('git', ['-C', repo, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let have = 0;
    /** Bytes the object being read needs in all (header, blob, newline), once its header is known. */
    let need = 0;
    let index = 0;
    let failed: Error | undefined;
    const take = (): Buffer => {
      const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      chunks.length = 0;
      chunks.push(all);
      return all;
    };
    proc.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      have += chunk.length;
      while (index < oids.length && !failed && have > 0 && have >= need) {
        const pending = take();
        const nl = pending.indexOf(10);
        if (nl === -1) return;
        const header = pending.subarray(0, nl).toString();
        const [, type, sizeText] = header.split(' ');
        if (type === 'missing' || sizeText === undefined) {
          failed = new Error(`git cat-file: ${header} in ${repo}`);
          proc.kill();
          return;
        }
        need = nl + 1 + Number(sizeText) + 1;
        if (have < need) return;
        onBlob(index++, Buffer.from(pending.subarray(nl + 1, need - 1)));
        chunks[0] = pending.subarray(need);
        have -= need;
        need = 0;
      }
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (failed) return reject(failed);
      if (code !== 0 || index < oids.length) return reject(new Error(`git cat-file failed in ${repo}`));
      resolve();
    });
    proc.stdin.end(oids.join('\n') + '\n');
  });
}

/** Files and lines changed from the merge base of base and head to head (what a PR shows). */
export async function changedFiles(repo: string, base: string, head: string): Promise<ChangedFile[]> {
  const diff = await git(repo, ['diff', '--no-color', '--no-ext-diff', '-M', '--unified=3', `${base}...${head}`]);
  return parseGitDiff(diff);
}

/**
 * Regular files among `paths` at `ref` (a symlink or a submodule there counts as absent), read
 * without loading the tree: e.g. the config of a branch's tip.
 */
export async function filesAtRef(repo: string, ref: string, paths: string[]): Promise<Map<string, string>> {
  const sha = await resolveRef(repo, ref);
  const listing = await git(repo, ['ls-tree', '-z', sha, '--', ...paths]);
  const out = new Map<string, string>();
  for (const rec of listing.split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid] = rec.slice(0, tab).split(/\s+/);
    if (type === 'blob' && mode !== '120000') out.set(rec.slice(tab + 1), await git(repo, ['cat-file', 'blob', oid]));
  }
  return out;
}

export async function mergeBase(repo: string, base: string, head: string): Promise<string> {
  return (await git(repo, ['merge-base', base, head])).trim();
}
