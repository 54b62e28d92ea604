// A chart's `file://` dependencies on other charts of the same repository (a monorepo's shared
// library chart, `repository: file://../common`), as `helm dependency build` would vendor them into
// charts/: which folders a render reads, and where in charts/ each one goes. Only folders inside
// the repository that hold a Chart.yaml count; one leading outside is reported by the renderer
// (render/helm-dependencies.ts) and never read. Dependencies vendored already (charts/<name>/ or
// charts/<name>-<version>.tgz) are left as they are.
import { posix } from 'node:path';
import { parse } from 'yaml';
import type { Snapshot } from '../core/types.js';
import { yamlDepthExcess } from './yaml-depth.js';

export interface FileDependency {
  /** The dependency's chart name (its Chart.yaml entry). */
  name: string;
  /** Repo-relative folder of the dependency chart. */
  dir: string;
  /** Repo-relative folder it takes inside the depending chart's charts/ once vendored. */
  at: string;
}

/** Charts nested deeper than this through file:// dependencies are not vendored (and a cycle stops here). */
const MAX_DEPTH = 5;

const joinRel = (dir: string, rel: string): string => (dir ? `${dir}/${rel}` : rel);

interface ChartYaml {
  type?: unknown;
  dependencies?: unknown;
}

// Discovery, every environment's render and the dependency checks all ask for the same Chart.yaml.
const parsedCharts = new WeakMap<Snapshot, Map<string, ChartYaml | undefined>>();

function chartYamlOf(snapshot: Snapshot, chartDir: string): ChartYaml | undefined {
  let byDir = parsedCharts.get(snapshot);
  if (!byDir) parsedCharts.set(snapshot, (byDir = new Map()));
  if (!byDir.has(chartDir)) byDir.set(chartDir, parseChartYaml(snapshot.read(joinRel(chartDir, 'Chart.yaml'))));
  return byDir.get(chartDir);
}

function parseChartYaml(text: string | undefined): ChartYaml | undefined {
  if (text === undefined || yamlDepthExcess(text)) return undefined;
  try {
    const data = parse(text, { maxAliasCount: 50, logLevel: 'error' }) as unknown;
    return data && typeof data === 'object' ? (data as ChartYaml) : undefined;
  } catch {
    return undefined; // the render reports a broken Chart.yaml with its line
  }
}

/** Whether the chart is a library chart: only named templates for others, never installed on its own. */
export function isLibraryChart(snapshot: Snapshot, chartDir: string): boolean {
  return chartYamlOf(snapshot, chartDir)?.type === 'library';
}

function vendored(snapshot: Snapshot, chartDir: string, name: string): boolean {
  const charts = joinRel(chartDir, 'charts/');
  const holds = (f: string): boolean => f.startsWith(charts) && (f.startsWith(`${charts}${name}/`) || (f.startsWith(`${charts}${name}-`) && f.endsWith('.tgz')));
  // an archive is binary: the snapshot lists it among the files it skips
  return snapshot.list().some(holds) || (snapshot.skipped?.() ?? []).some((s) => holds(s.path));
}

/** Where a file:// repository leads from the chart, or undefined when it leaves the repository. */
export function fileRepositoryDir(chartDir: string, repository: string): string | undefined {
  const rel = repository.slice('file://'.length);
  if (rel.startsWith('/') || /^[A-Za-z]:/.test(rel)) return undefined;
  const dir = posix.normalize(posix.join(chartDir || '.', rel)).replace(/\/+$/, '');
  return dir === '..' || dir.startsWith('../') ? undefined : dir === '.' ? '' : dir;
}

export interface UnloadedDependency {
  name: string;
  repository: string;
  /** Index of the entry in Chart.yaml's dependencies. */
  index: number;
}

/**
 * Dependencies a render cannot have: neither vendored in charts/ nor a chart of the repository —
 * a chart repository or OCI registry (nothing is fetched), or a file:// path leading out.
 */
export function unloadedDependencies(snapshot: Snapshot, chartDir: string): UnloadedDependency[] {
  const deps = chartYamlOf(snapshot, chartDir)?.dependencies;
  if (!Array.isArray(deps)) return [];
  const inRepo = new Set(directFileDependencies(snapshot, chartDir).map((d) => d.name));
  const out: UnloadedDependency[] = [];
  (deps as { name?: unknown; repository?: unknown }[]).forEach((dep, index) => {
    if (!dep || typeof dep.name !== 'string' || inRepo.has(dep.name) || vendored(snapshot, chartDir, dep.name)) return;
    out.push({ name: dep.name, repository: typeof dep.repository === 'string' ? dep.repository : '', index });
  });
  return out;
}

function directFileDependencies(snapshot: Snapshot, chartDir: string): { name: string; dir: string }[] {
  const deps = chartYamlOf(snapshot, chartDir)?.dependencies;
  if (!Array.isArray(deps)) return [];
  const out: { name: string; dir: string }[] = [];
  for (const dep of deps as { name?: unknown; repository?: unknown }[]) {
    if (!dep || typeof dep.name !== 'string' || typeof dep.repository !== 'string' || !dep.repository.startsWith('file://')) continue;
    const dir = fileRepositoryDir(chartDir, dep.repository);
    if (dir === undefined || !/^[\w.-]+$/.test(dep.name) || snapshot.read(joinRel(dir, 'Chart.yaml')) === undefined) continue;
    if (vendored(snapshot, chartDir, dep.name)) continue;
    out.push({ name: dep.name, dir });
  }
  return out;
}

/**
 * Every in-repository file:// dependency a render of the chart needs vendored, its own file://
 * dependencies included (vendored inside it), outermost first.
 */
export function fileDependencyClosure(snapshot: Snapshot, chartDir: string): FileDependency[] {
  const out: FileDependency[] = [];
  const visit = (dir: string, at: string, path: string[]): void => {
    if (path.length > MAX_DEPTH) return;
    for (const dep of directFileDependencies(snapshot, dir)) {
      if (path.some((p) => p === dep.dir || p.startsWith(dep.dir ? `${dep.dir}/` : ''))) continue; // a cycle, or a chart holding one on the way
      const vendoredAt = joinRel(at, `charts/${dep.name}`);
      out.push({ name: dep.name, dir: dep.dir, at: vendoredAt });
      visit(dep.dir, vendoredAt, [...path, dep.dir]);
    }
  };
  visit(chartDir, chartDir, [chartDir]);
  return out;
}
