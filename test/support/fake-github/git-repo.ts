// A real local git repository backing the fake GitHub: commits, diffs, archives, files at a SHA.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export class GitRepo {
  constructor(readonly dir: string) {}

  static init(): GitRepo {
    const dir = mkdtempSync(join(tmpdir(), 'fake-gh-repo-'));
    const repo = new GitRepo(dir);
    repo.git('init', '-q', '-b', 'main');
    repo.git('config', 'user.email', 'dev@example.com');
    repo.git('config', 'user.name', 'Dev');
    repo.git('config', 'commit.gpgsign', 'false');
    return repo;
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  }

  gitBuffer(...args: string[]): Buffer {
    return execFileSync('git', args, { cwd: this.dir, maxBuffer: 512 * 1024 * 1024 });
  }

  /** Writes (or with `null`, deletes) files, commits on the current branch, returns the SHA. */
  commit(files: Record<string, string | null>, message = 'change'): string {
    for (const [path, text] of Object.entries(files)) {
      const abs = join(this.dir, path);
      if (text === null) rmSync(abs, { force: true });
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, text);
      }
    }
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  checkoutNew(branch: string, from: string): void {
    this.git('checkout', '-q', '-b', branch, from);
  }

  checkout(branch: string): void {
    this.git('checkout', '-q', branch);
  }

  resolve(ref: string): string | undefined {
    const r = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: this.dir, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : undefined;
  }

  mergeBase(a: string, b: string): string {
    return this.git('merge-base', a, b).trim();
  }

  /** Commits reachable from `to` and not from `from` (`git rev-list from..to`), oldest first. */
  commitsBetween(from: string, to: string): string[] {
    return this.git('rev-list', '--reverse', `${from}..${to}`).split('\n').filter(Boolean);
  }

  commitInfo(sha: string): CommitInfo {
    const [tree, parents, authorName, authorEmail, authorDate, committerName, committerEmail, committerDate, ...message] =
      this.git('show', '-s', '--format=%T%n%P%n%an%n%ae%n%aI%n%cn%n%ce%n%cI%n%B', sha).split('\n');
    return {
      sha, tree, parents: parents.split(' ').filter(Boolean), message: message.join('\n').trimEnd(),
      author: { name: authorName, email: authorEmail, date: authorDate }, committer: { name: committerName, email: committerEmail, date: committerDate },
    };
  }

  isAncestor(a: string, b: string): boolean {
    return spawnSync('git', ['merge-base', '--is-ancestor', a, b], { cwd: this.dir }).status === 0;
  }

  readFile(sha: string, path: string): Buffer | undefined {
    const r = spawnSync('git', ['cat-file', 'blob', `${sha}:${path}`], { cwd: this.dir, maxBuffer: 256 * 1024 * 1024 });
    return r.status === 0 ? r.stdout : undefined;
  }

  objectType(sha: string, path: string): string | undefined {
    const r = spawnSync('git', ['cat-file', '-t', `${sha}:${path}`], { cwd: this.dir, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : undefined;
  }

  /** GitHub's tarball: gzipped tar with a single `owner-repo-sha7/` top folder. */
  tarball(sha: string, prefix: string): Buffer {
    return this.gitBuffer('archive', '--format=tar.gz', `--prefix=${prefix}/`, sha);
  }

  /** `git ls-tree -r -l` as GitHub tree entries. */
  tree(sha: string, recursive: boolean): { path: string; mode: string; type: string; sha: string; size?: number }[] {
    const out = this.git('ls-tree', ...(recursive ? ['-r', '-t'] : []), '-l', '-z', sha);
    return out.split('\0').filter(Boolean).map((line) => {
      const [meta, path] = line.split('\t');
      const [mode, type, objSha, size] = meta.split(/\s+/);
      const entry: { path: string; mode: string; type: string; sha: string; size?: number } = { path, mode, type, sha: objSha };
      if (type === 'blob') entry.size = Number(size);
      return entry;
    });
  }

  blob(sha: string): Buffer | undefined {
    const r = spawnSync('git', ['cat-file', 'blob', sha], { cwd: this.dir, maxBuffer: 256 * 1024 * 1024 });
    return r.status === 0 ? r.stdout : undefined;
  }

  /** The files of a PR as GitHub lists them: three-dot diff, renames detected, `patch` = the hunks. */
  pullFiles(base: string, head: string): PullFileEntry[] {
    const mb = this.mergeBase(base, head);
    const raw = this.git('diff', '--no-color', '-M', '--unified=3', '--no-ext-diff', mb, head);
    const files: PullFileEntry[] = [];
    const blobShas = new Map(this.tree(head, true).filter((e) => e.type === 'blob').map((e) => [e.path, e.sha]));
    for (const section of raw.split(/^(?=diff --git )/m).filter((s) => s.startsWith('diff --git '))) {
      const hunkAt = section.search(/^@@/m);
      const header = hunkAt === -1 ? section : section.slice(0, hunkAt);
      const patchText = hunkAt === -1 ? undefined : section.slice(hunkAt).replace(/\n$/, '');
      const m = /^diff --git a\/(.+) b\/(.+)$/m.exec(header)!;
      let filename = m[2];
      let status: PullFileEntry['status'] = 'modified';
      let previous: string | undefined;
      if (/^new file mode/m.test(header)) status = 'added';
      if (/^deleted file mode/m.test(header)) { status = 'removed'; filename = m[1]; }
      const rf = /^rename from (.+)$/m.exec(header);
      if (rf) { status = 'renamed'; previous = rf[1]; filename = /^rename to (.+)$/m.exec(header)![1]; }
      let additions = 0;
      let deletions = 0;
      for (const l of (patchText ?? '').split('\n')) {
        if (l.startsWith('+')) additions++;
        else if (l.startsWith('-')) deletions++;
      }
      const blobSha = status === 'removed' ? '0000000000000000000000000000000000000000' : blobShas.get(filename) ?? '0000000000000000000000000000000000000000';
      const entry: PullFileEntry = { sha: blobSha, filename, status, additions, deletions, changes: additions + deletions, blob_url: '', raw_url: '', contents_url: '' };
      if (patchText !== undefined) entry.patch = patchText;
      if (previous) entry.previous_filename = previous;
      files.push(entry);
    }
    return files;
  }
}

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
}

export interface PullFileEntry {
  sha: string;
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  blob_url: string;
  raw_url: string;
  contents_url: string;
  patch?: string;
  previous_filename?: string;
}
