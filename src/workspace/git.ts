// Local git: files at a ref (without touching the working tree) and the change between two refs.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SkippedFile, Snapshot } from '../core/types.js';
import type { ChangedFile } from '../engine/review-types.js';
import { parseGitDiff } from './diff-lines.js';
import { DEFAULT_SNAPSHOT_LIMITS, looksBinary, withinBudget, type SnapshotLimits } from './limits.js';

const run = promisify(execFile);
const MAX_BUFFER = 512 * 1024 * 1024;

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

/** Files of a commit, read with one `git cat-file --batch` process; symlinks and submodules are left out. */
export class GitSnapshot implements Snapshot {
  private dir?: Promise<string>;
  private constructor(readonly ref: string, private readonly repo: string, private readonly files: Map<string, string>, private readonly left: SkippedFile[]) {}

  /** Files over `maxFileBytes`, beyond `maxTotalBytes` (largest first) or binary are skipped and listed by skipped(). */
  static async load(repo: string, ref: string, limits: Partial<SnapshotLimits> | number = {}): Promise<GitSnapshot> {
    const lim: SnapshotLimits = { ...DEFAULT_SNAPSHOT_LIMITS, ...(typeof limits === 'number' ? { maxFileBytes: limits } : limits) };
    const sha = await resolveRef(repo, ref);
    const tree = await git(repo, ['ls-tree', '-r', '-z', '--long', sha]);
    const entries: { path: string; oid: string; bytes: number }[] = [];
    for (const rec of tree.split('\0')) {
      if (!rec) continue;
      const tab = rec.indexOf('\t');
      const [mode, type, oid, size] = rec.slice(0, tab).split(/\s+/);
      // 120000 = symlink, 160000 = submodule: never read through them
      if (type !== 'blob' || mode === '120000') continue;
      entries.push({ path: rec.slice(tab + 1), oid, bytes: Number(size) });
    }
    const { kept, skipped } = withinBudget(entries, lim);
    const files = new Map<string, string>();
    await catFileBatch(repo, kept.map((e) => e.oid), (i, blob) => {
      if (looksBinary(blob)) skipped.push({ path: kept[i].path, reason: 'binary', bytes: blob.length });
      else files.set(kept[i].path, blob.toString('utf8'));
    });
    return new GitSnapshot(sha, repo, files, skipped);
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

  materialize(): Promise<string> {
    this.dir ??= (async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gitops-guard-git-'));
      await new Promise<void>((resolve, reject) => {
        const archive = spawn('git', ['-C', this.repo, 'archive', '--format=tar', this.ref], { stdio: ['ignore', 'pipe', 'pipe'] });
        // -h is not passed: tar keeps symlinks as links; renderers refuse paths leaving the root
        const tar = spawn('tar', ['-x', '--no-same-owner', '-C', dir], { stdio: ['pipe', 'ignore', 'pipe'] });
        archive.stdout.pipe(tar.stdin);
        let stderr = '';
        archive.stderr.on('data', (d) => (stderr += d));
        tar.stderr.on('data', (d) => (stderr += d));
        tar.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`cannot extract ${this.ref}: ${stderr.trim()}`))));
        archive.on('error', reject);
        tar.on('error', reject);
      });
      return dir;
    })();
    return this.dir;
  }
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

export async function mergeBase(repo: string, base: string, head: string): Promise<string> {
  return (await git(repo, ['merge-base', base, head])).trim();
}
