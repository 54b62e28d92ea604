// Local git: files at a ref (without touching the working tree) and the change between two refs.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Snapshot } from '../core/types.js';
import type { ChangedFile } from '../engine/review-types.js';
import { parseGitDiff } from './diff-lines.js';

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
  private constructor(readonly ref: string, private readonly repo: string, private readonly files: Map<string, string>) {}

  static async load(repo: string, ref: string, maxFileBytes = 5 * 1024 * 1024): Promise<GitSnapshot> {
    const sha = await resolveRef(repo, ref);
    const tree = await git(repo, ['ls-tree', '-r', '-z', '--long', sha]);
    const entries: { path: string; oid: string }[] = [];
    for (const rec of tree.split('\0')) {
      if (!rec) continue;
      const tab = rec.indexOf('\t');
      const [mode, type, oid, size] = rec.slice(0, tab).split(/\s+/);
      // 120000 = symlink, 160000 = submodule: never read through them
      if (type !== 'blob' || mode === '120000' || Number(size) > maxFileBytes) continue;
      entries.push({ path: rec.slice(tab + 1), oid });
    }
    const contents = await catFileBatch(repo, entries.map((e) => e.oid));
    const files = new Map<string, string>();
    entries.forEach((e, i) => {
      const buf = contents[i];
      if (buf && !buf.subarray(0, 8000).includes(0)) files.set(e.path, buf.toString('utf8'));
    });
    return new GitSnapshot(sha, repo, files);
  }

  list(): string[] {
    return [...this.files.keys()];
  }

  read(path: string): string | undefined {
    return this.files.get(path);
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

function catFileBatch(repo: string, oids: string[]): Promise<Buffer[]> {
  if (oids.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const proc = spawn('git', ['-C', repo, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    proc.stdout.on('data', (c: Buffer) => chunks.push(c));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file failed in ${repo}`));
      const all = Buffer.concat(chunks);
      const out: Buffer[] = [];
      let pos = 0;
      for (let i = 0; i < oids.length; i++) {
        const nl = all.indexOf(10, pos);
        const header = all.subarray(pos, nl).toString();
        const size = Number(header.split(' ')[2]);
        out.push(all.subarray(nl + 1, nl + 1 + size));
        pos = nl + 1 + size + 1;
      }
      resolve(out);
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
