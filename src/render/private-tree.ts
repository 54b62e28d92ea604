// Renderers never run on the materialised snapshot itself: helm and kubectl get a private directory
// holding a copy of the folders they need, made of regular files only. A symlink to a file inside
// the repository is copied as that file; one leading outside (to /proc/self/environ, ~/.ssh, another
// checkout) or to a folder is not copied and is reported, so nothing it points at can be loaded,
// `.Files.Get` included. Files over the size limit are left out as the snapshot leaves them out.
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { RenderError, Snapshot } from '../core/types.js';

export interface PrivateTree {
  /** Absolute directory standing for the repository root. */
  dir: string;
  /** Symlinks not followed, repo-relative, with the target they name. */
  refused: { path: string; target: string }[];
  /** Deletes the copy (asynchronously: deleting files is slow on some disks and must not block other renders). */
  dispose(): Promise<void>;
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

class TreeCopy {
  readonly refused: { path: string; target: string }[] = [];
  private readonly realRoot: string;

  constructor(private readonly root: string, private readonly maxFileBytes: number) {
    this.realRoot = realpathSync(root);
  }

  /** The real file a symlink leads to, when it is a regular file inside the repository. */
  private linkedFile(link: string): string | undefined {
    try {
      const real = realpathSync(link);
      return real.startsWith(this.realRoot + sep) && statSync(real).isFile() ? real : undefined;
    } catch {
      return undefined;
    }
  }

  copy(from: string, to: string): void {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const src = join(from, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) this.copy(src, join(to, entry.name));
      } else if (entry.isFile()) {
        if (lstatSync(src).size <= this.maxFileBytes) copyFileSync(src, join(to, entry.name));
      } else if (entry.isSymbolicLink()) {
        const real = this.linkedFile(src);
        if (real && statSync(real).size <= this.maxFileBytes) copyFileSync(real, join(to, entry.name));
        else this.refused.push({ path: relative(this.root, src).split(sep).join('/'), target: readlinkSync(src) });
      }
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
  const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true }).catch(() => undefined);
  try {
    const wanted = [...new Set(dirs.map((d) => (d === '.' ? '' : d.replace(/\/+$/, ''))))].sort();
    // A folder inside another one already copied adds nothing.
    const tops = wanted.filter((d) => !wanted.some((o) => o !== d && (o === '' || d.startsWith(`${o}/`))));
    const copy = new TreeCopy(root, maxFileBytes);
    for (const rel of tops) if (isRealDirectory(root, rel)) copy.copy(join(root, rel), join(dir, rel));
    return { dir, refused: copy.refused, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}

/** Errors for the symlinks a private tree did not follow. */
export function refusedLinkErrors(tree: PrivateTree): RenderError[] {
  return tree.refused.map((r) => ({ path: r.path, line: 1, ruleId: 'path-escape', message: `symlink to "${r.target}" not followed: it leads outside the repository or to a folder` }));
}
