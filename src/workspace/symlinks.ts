// Symlinks of a snapshot, resolved without touching the disk: a path with a symlink on the way leads
// to a listed file of the repository (what kubectl would read on a checkout), or is refused with the
// reason. Links are followed component by component as the kernel does (`..` after a link climbs
// from where the link points), so `a/current.yaml -> versions/v2.yaml` is `a/versions/v2.yaml`. A
// target that is absolute or climbs above the root leads outside the repository: PR content is
// untrusted, and nothing outside the checkout is ever read. Only listed files are ever served.
import type { Snapshot } from '../core/types.js';

export type LinkResolution =
  | { kind: 'file'; path: string }
  /** `link` is the first symlink on the way (the one the repository holds), `target` what it stores. */
  | { kind: 'outside' | 'folder' | 'missing'; link: string; target: string };

/** Enough for any sane chain; a loop stops here. */
const MAX_HOPS = 40;

interface Tree {
  files: Set<string>;
  folders: Set<string>;
  links: ReadonlyMap<string, string>;
}

const trees = new WeakMap<Snapshot, Tree>();

function treeOf(snapshot: Snapshot): Tree {
  let tree = trees.get(snapshot);
  if (!tree) {
    const files = new Set(snapshot.list());
    const folders = new Set<string>();
    for (const f of files) for (let i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) folders.add(f.slice(0, i));
    trees.set(snapshot, (tree = { files, folders, links: snapshot.links?.() ?? new Map() }));
  }
  return tree;
}

const isAbsolute = (target: string): boolean => target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target);

/**
 * Where `path` (repo-relative, normalised) leads when a symlink lies on the way; undefined when
 * none does (the path is a listed file, or simply absent).
 */
export function resolveLinks(snapshot: Snapshot, path: string): LinkResolution | undefined {
  const { files, folders, links } = treeOf(snapshot);
  if (links.size === 0 || files.has(path)) return undefined;
  const pending = path.split('/');
  const done: string[] = [];
  let via: { link: string; target: string } | undefined;
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (done.length === 0) return via ? { kind: 'outside', ...via } : undefined;
      done.pop();
      continue;
    }
    done.push(part);
    const here = done.join('/');
    const target = links.get(here);
    if (target === undefined) continue;
    via ??= { link: here, target };
    if (isAbsolute(target)) return { kind: 'outside', ...via };
    if (++hops > MAX_HOPS) return { kind: 'missing', ...via };
    done.pop();
    pending.unshift(...target.split('/'));
  }
  if (!via) return undefined;
  const reached = done.join('/');
  if (files.has(reached)) return { kind: 'file', path: reached };
  return { kind: reached === '' || folders.has(reached) ? 'folder' : 'missing', ...via };
}
