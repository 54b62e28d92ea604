// Renderers never run on the materialised snapshot: helm and kubectl get a private directory holding
// only the files they need, written from the snapshot's own regular files. A symlink (to
// /proc/self/environ, ~/.ssh, another checkout) is not a file of the snapshot, so nothing it points
// at can be loaded, `.Files.Get` included.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Snapshot } from '../core/types.js';

export interface PrivateTree {
  /** Absolute directory standing for the repository root. */
  dir: string;
  dispose(): void;
}

function isInside(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !path.split('/').some((s) => s === '..' || s === '');
}

/** Repo-relative files below `dir` ('' or '.' is the whole repository). */
export function filesUnder(snapshot: Snapshot, dir: string): string[] {
  const clean = dir.replace(/\/+$/, '');
  if (clean === '' || clean === '.') return snapshot.list();
  const prefix = `${clean}/`;
  return snapshot.list().filter((f) => f.startsWith(prefix));
}

export function writePrivateTree(snapshot: Snapshot, files: Iterable<string>): PrivateTree {
  const dir = mkdtempSync(join(tmpdir(), 'gitops-guard-render-'));
  const made = new Set<string>();
  try {
    for (const file of new Set(files)) {
      if (!isInside(file)) continue;
      const text = snapshot.read(file);
      if (text === undefined) continue;
      const target = join(dir, file);
      const parent = dirname(target);
      if (!made.has(parent)) {
        mkdirSync(parent, { recursive: true });
        made.add(parent);
      }
      writeFileSync(target, text);
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
