// A throwaway git repository with branch `main` (base) and branch `pr` (head = main + changes).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type Tree = Record<string, string | Buffer | { symlink: string }>;

function write(dir: string, tree: Tree): void {
  for (const [path, content] of Object.entries(tree)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    rmSync(abs, { force: true });
    if (typeof content === 'object' && !Buffer.isBuffer(content)) symlinkSync(content.symlink, abs);
    else writeFileSync(abs, content);
  }
}

const made: string[] = [];
const removeMade = (): void => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
};
if (process.env.VITEST) {
  // registered while the importing test file is collected: runs after its tests
  const { afterAll } = await import('vitest');
  afterAll(removeMade);
} else {
  // outside vitest (bench/hostile.ts): clean up when the process ends
  process.on('exit', removeMade);
}

/** A fresh directory, removed after the test file's tests (some hold 100 MB). */
export function tempDir(prefix = 'gg-hostile-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes a tree into a new directory (for `scan`). */
export function treeDir(tree: Tree): string {
  const dir = tempDir();
  write(dir, tree);
  return dir;
}

export function gitRepo(base: Tree, head: Tree): string {
  const dir = tempDir();
  const git = (...args: string[]): void => {
    execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'core.autocrlf=false', ...args], { stdio: 'ignore' });
  };
  git('init', '-q', '-b', 'main');
  write(dir, { 'README.md': 'base\n', ...base });
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  git('checkout', '-q', '-b', 'pr');
  write(dir, head);
  git('add', '-A');
  git('commit', '-q', '-m', 'head');
  return dir;
}
