// A chart as helm sees it once `helm dependency build` has vendored its in-repository file://
// dependencies into charts/ (workspace/chart-dependencies.ts): a read-only view of the snapshot in
// which each dependency's files also appear under the charts/ folder it takes, so helm's
// `# Source:` paths and the source maps line up, and the way back from a vendored path to the
// file of the repository a human edits.
import type { Snapshot } from '../core/types.js';
import { fileDependencyClosure, type FileDependency } from '../workspace/chart-dependencies.js';

export interface VendoredChart {
  /** The snapshot with the dependencies' files mirrored at their vendored folders. */
  view: Snapshot;
  dependencies: FileDependency[];
  /** The repository path of a path of the view. */
  toRepoPath(path: string): string;
}

const prefixOf = (dir: string): string => (dir ? `${dir}/` : '');

function viewOf(snapshot: Snapshot, deps: FileDependency[]): Snapshot {
  // Deepest vendored folder first: a nested dependency's files are its own, not its parent's.
  const byDepth = [...deps].sort((a, b) => b.at.length - a.at.length);
  const source = (path: string): string => {
    for (const d of byDepth) if (path.startsWith(`${d.at}/`)) return source(prefixOf(d.dir) + path.slice(d.at.length + 1));
    return path;
  };
  let listed: string[] | undefined;
  return {
    ref: snapshot.ref,
    list() {
      if (!listed) {
        const mirrored = deps.flatMap((d) => snapshot.list().filter((f) => f.startsWith(prefixOf(d.dir))).map((f) => `${d.at}/${f.slice(prefixOf(d.dir).length)}`));
        listed = [...new Set([...snapshot.list(), ...mirrored])].sort();
      }
      return listed;
    },
    read: (path) => snapshot.read(source(path)),
    skipped: () => snapshot.skipped?.() ?? [],
    links: () => snapshot.links?.() ?? new Map(),
    materialize: () => Promise.reject(new Error('a vendored chart view is not materialised: render from the snapshot and copy the dependencies')),
  };
}

const cache = new WeakMap<Snapshot, Map<string, VendoredChart>>();

export function vendoredChart(snapshot: Snapshot, chartDir: string): VendoredChart {
  let byDir = cache.get(snapshot);
  if (!byDir) cache.set(snapshot, (byDir = new Map()));
  let chart = byDir.get(chartDir);
  if (!chart) {
    const dependencies = fileDependencyClosure(snapshot, chartDir);
    const byDepth = [...dependencies].sort((a, b) => b.at.length - a.at.length);
    const toRepoPath = (path: string): string => {
      for (const d of byDepth) if (path.startsWith(`${d.at}/`)) return toRepoPath(prefixOf(d.dir) + path.slice(d.at.length + 1));
      return path;
    };
    chart = { view: dependencies.length ? viewOf(snapshot, dependencies) : snapshot, dependencies, toRepoPath };
    byDir.set(chartDir, chart);
  }
  return chart;
}
