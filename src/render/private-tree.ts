// Renderers never run on the materialised snapshot itself: helm and kubectl get a private directory
// holding a copy of the folders they need, made of regular files only. A symlink (to
// /proc/self/environ, ~/.ssh, another checkout) is not copied, so nothing it points at can be
// loaded, `.Files.Get` included; files over the size limit are left out as the snapshot leaves them out.
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Snapshot } from '../core/types.js';

export interface PrivateTree {
  /** Absolute directory standing for the repository root. */
  dir: string;
  dispose(): void;
}

const SKIP_DIRS = new Set(['.git', 'node_modules']);

/** Whether every component of `rel` below `root` is a real directory (no symlink on the way). */
function isRealDirectory(root: string, rel: string): boolean {
  let cur = root;
  for (const part of rel.split('/').filter(Boolean)) {
    if (part === '..') return false;
    cur = join(cur, part);
    try {
      if (!lstatSync(cur).isDirectory()) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function copyTree(from: string, to: string, maxFileBytes: number): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) copyTree(src, join(to, entry.name), maxFileBytes);
    } else if (entry.isFile() && lstatSync(src).size <= maxFileBytes) {
      copyFileSync(src, join(to, entry.name));
    }
  }
}

/**
 * Copies the regular files below each of `dirs` (repo-relative; '' is the whole repository) of the
 * materialised snapshot into a fresh temporary directory.
 */
export async function privateTree(snapshot: Snapshot, dirs: string[], maxFileBytes: number): Promise<PrivateTree> {
  const root = await snapshot.materialize();
  const dir = mkdtempSync(join(tmpdir(), 'gitops-guard-render-'));
  const dispose = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const wanted = [...new Set(dirs.map((d) => (d === '.' ? '' : d.replace(/\/+$/, ''))))].sort();
    // A folder inside another one already copied adds nothing.
    const tops = wanted.filter((d) => !wanted.some((o) => o !== d && (o === '' || d.startsWith(`${o}/`))));
    for (const rel of tops) if (isRealDirectory(root, rel)) copyTree(join(root, rel), join(dir, rel), maxFileBytes);
  } catch (e) {
    dispose();
    throw e;
  }
  return { dir, dispose };
}
