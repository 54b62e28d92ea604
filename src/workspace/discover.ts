// Finds the units of a snapshot (Helm charts, Kustomize roots, plain manifest files) and which of
// them a set of changed paths touches.
import { posix } from 'node:path';
import picomatch from 'picomatch';
import { parse } from 'yaml';
import type { Snapshot, Unit } from '../core/types.js';
import { CONFIG_PATHS } from '../config/defaults.js';
import { helmEnvironments } from './environments.js';
import { fileDependencyClosure, isLibraryChart } from './chart-dependencies.js';
import { resolveLinks } from './symlinks.js';
import { yamlDepthExcess } from './yaml-depth.js';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const YAML_RE = /\.ya?ml$/i;
const JSON_RE = /\.json$/i;

/**
 * Whether a file outside charts and kustomizations holds Kubernetes objects, as `kubectl apply -f`
 * reads them: YAML with top-level apiVersion and kind, or a JSON object (one, or a List) with both.
 * JSON that does not parse but names both keys is taken too, so that its error is reported.
 */
function looksLikeManifest(path: string, text: string): boolean {
  if (YAML_RE.test(path)) return /^\s*apiVersion:/m.test(text) && /^\s*kind:/m.test(text);
  if (!JSON_RE.test(path) || !/"apiVersion"\s*:/.test(text) || !/"kind"\s*:/.test(text)) return false;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return true;
  }
  const top = data as { apiVersion?: unknown; kind?: unknown } | null;
  return typeof top === 'object' && top !== null && typeof top.apiVersion === 'string' && typeof top.kind === 'string';
}

export interface Discovery {
  units: Unit[];
  /** Units whose render can change when `path` changes. */
  unitsTouchedBy(path: string): Unit[];
  /** Whether `dir` holds a kustomization (outside charts). */
  isKustomization(dir: string): boolean;
  /** Kustomization folders `dir` pulls in as resources (its bases), directly; not its components, which build only inside an overlay. */
  kustomizationBases(dir: string): string[];
  /** `dir` and every kustomization folder it pulls in, transitively. */
  kustomizationClosure(dir: string): string[];
  /** The kustomization folder a file belongs to: the deepest one holding it. */
  kustomizationOf(path: string): string | undefined;
}

const dirOf = (p: string): string => posix.dirname(p);
const under = (path: string, dir: string): boolean => dir === '.' || path.startsWith(dir + '/');

interface KustomizationNode {
  dir: string;
  file: string;
  /** Other kustomization directories it pulls in. */
  dirs: string[];
  /** Those of them pulled in as resources. */
  bases: string[];
  /** Files it references directly (resources, patches, generators). */
  files: string[];
}

function isRemote(ref: string): boolean {
  return /^(https?:|git@|ssh:|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/.test(ref) || /\?ref=|\.git(\/|$)/.test(ref);
}

function stringsOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function basePaths(k: Record<string, unknown>): string[] {
  return [...stringsOf(k.resources), ...stringsOf(k.bases)].filter((r) => !isRemote(r));
}

function referencedPaths(k: Record<string, unknown>): string[] {
  const refs: string[] = [];
  const strings = (v: unknown): void => {
    refs.push(...stringsOf(v));
  };
  strings(k.resources);
  strings(k.bases);
  strings(k.components);
  strings(k.crds);
  strings(k.patchesStrategicMerge);
  for (const key of ['patches', 'patchesJson6902']) {
    const list = k[key];
    if (Array.isArray(list)) for (const p of list) if (p && typeof p === 'object' && typeof (p as { path?: unknown }).path === 'string') refs.push((p as { path: string }).path);
  }
  for (const key of ['configMapGenerator', 'secretGenerator']) {
    const list = k[key];
    if (!Array.isArray(list)) continue;
    for (const g of list as Record<string, unknown>[]) {
      for (const f of [...((g?.files as unknown[]) ?? []), ...((g?.envs as unknown[]) ?? []), g?.env]) {
        if (typeof f === 'string') refs.push(f.includes('=') ? f.slice(f.indexOf('=') + 1) : f);
      }
    }
  }
  return refs.filter((r) => !isRemote(r));
}

function kustomizationNodes(snapshot: Snapshot, files: string[]): Map<string, KustomizationNode> {
  const nodes = new Map<string, KustomizationNode>();
  const kdirs = new Set(files.filter((f) => KUSTOMIZATION_NAMES.includes(posix.basename(f))).map(dirOf));
  for (const f of files) {
    if (!KUSTOMIZATION_NAMES.includes(posix.basename(f))) continue;
    const dir = dirOf(f);
    if (nodes.has(dir)) continue;
    let data: Record<string, unknown> = {};
    try {
      const text = snapshot.read(f) ?? '';
      // too deep to parse safely: still a unit, whose renderer reports the error with its line
      const parsed = yamlDepthExcess(text) ? undefined : parse(text, { maxAliasCount: 50, logLevel: 'error' });
      if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
    } catch {
      // an unparseable kustomization still is a unit: the renderer reports its error with a line
    }
    const node: KustomizationNode = { dir, file: f, dirs: [], bases: [], files: [] };
    const targetOf = (ref: string): string | undefined => {
      const target = posix.normalize(posix.join(dir, ref)).replace(/\/+$/, '');
      return target.startsWith('..') || posix.isAbsolute(ref) ? undefined : target;
    };
    for (const ref of referencedPaths(data)) {
      const target = targetOf(ref);
      if (target === undefined) continue;
      if (kdirs.has(target)) node.dirs.push(target);
      else node.files.push(target);
      // a symlinked file entry renders the file it leads to: that file belongs to the overlay too
      const link = kdirs.has(target) ? undefined : resolveLinks(snapshot, target);
      if (link?.kind === 'file') node.files.push(link.path);
    }
    node.bases = basePaths(data).map(targetOf).filter((t): t is string => t !== undefined && kdirs.has(t));
    nodes.set(dir, node);
  }
  return nodes;
}

export function discover(snapshot: Snapshot, ignorePaths: string[] = []): Discovery {
  const ignored = ignorePaths.length ? picomatch(ignorePaths, { dot: true }) : () => false;
  const files = snapshot.list().filter((f) => !ignored(f));
  const units: Unit[] = [];

  // Helm charts: folders with Chart.yaml that are not a subchart inside another chart's charts/.
  const chartDirs = files.filter((f) => posix.basename(f) === 'Chart.yaml').map(dirOf).sort();
  const topCharts = chartDirs.filter((d) => !chartDirs.some((o) => o !== d && under(d, o) && d.slice(o === '.' ? 0 : o.length + 1).startsWith('charts/')));
  // A library chart is never installed on its own (helm refuses to): it is reviewed through the
  // charts that depend on it, whose renders read it (file:// dependencies, vendored on paper).
  const chartReads = new Map<string, string[]>();
  for (const dir of topCharts) {
    if (isLibraryChart(snapshot, dir === '.' ? '' : dir)) continue;
    const valuesNames = files.filter((f) => dirOf(f) === dir).map((f) => posix.basename(f));
    const envs = helmEnvironments(valuesNames).map((e) => e.environment);
    units.push({ id: dir, kind: 'helm', root: dir, environments: envs.length ? envs : ['default'] });
    chartReads.set(dir, fileDependencyClosure(snapshot, dir === '.' ? '' : dir).map((d) => d.dir || '.'));
  }
  const inChart = (f: string): boolean => chartDirs.some((d) => under(f, d));

  // Kustomize: every kustomization not pulled in by another is a root (an overlay) and a unit.
  const knodes = kustomizationNodes(snapshot, files.filter((f) => !inChart(f)));
  const pulledIn = new Set([...knodes.values()].flatMap((n) => n.dirs));
  const closure = (dir: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(dir)) return seen;
    seen.add(dir);
    for (const d of knodes.get(dir)?.dirs ?? []) closure(d, seen);
    return seen;
  };
  const kustomizeOwned = new Set<string>();
  const kustomizeRoots = new Map<string, { dirs: Set<string>; files: Set<string> }>();
  for (const node of knodes.values()) {
    node.files.forEach((f) => kustomizeOwned.add(f));
    if (pulledIn.has(node.dir)) continue;
    const dirs = closure(node.dir);
    const ownFiles = new Set([...dirs].flatMap((d) => knodes.get(d)?.files ?? []));
    kustomizeRoots.set(node.dir, { dirs, files: ownFiles });
    units.push({ id: node.dir, kind: 'kustomize', root: node.dir, environments: ['default'] });
  }
  const inKustomization = (f: string): boolean => kustomizeOwned.has(f) || [...knodes.keys()].some((d) => dirOf(f) === d);

  // Plain manifests: YAML and JSON files outside charts and kustomizations that look like Kubernetes objects.
  for (const f of files) {
    if (!(YAML_RE.test(f) || JSON_RE.test(f)) || inChart(f) || inKustomization(f) || CONFIG_PATHS.includes(f) || f.startsWith('.github/')) continue;
    const text = snapshot.read(f);
    if (text && looksLikeManifest(f, text)) {
      units.push({ id: f, kind: 'manifest', root: f, environments: ['default'] });
    }
  }

  const unitsTouchedBy = (path: string): Unit[] =>
    units.filter((u) => {
      if (u.kind === 'manifest') return u.root === path;
      if (u.kind === 'helm') return under(path, u.root) || (chartReads.get(u.root) ?? []).some((d) => under(path, d));
      const root = kustomizeRoots.get(u.root)!;
      return root.files.has(path) || [...root.dirs].some((d) => dirOf(path) === d || (KUSTOMIZATION_NAMES.includes(posix.basename(path)) && dirOf(path) === d));
    });
  const depth = (d: string): number => (d === '.' ? 0 : d.split('/').length);
  const kustomizationDirs = [...knodes.keys()].sort((a, b) => depth(b) - depth(a));
  return {
    units,
    unitsTouchedBy,
    isKustomization: (dir) => knodes.has(dir),
    kustomizationBases: (dir) => knodes.get(dir)?.bases ?? [],
    kustomizationClosure: (dir) => [...closure(dir)],
    kustomizationOf: (path) => kustomizationDirs.find((d) => under(path, d)),
  };
}
