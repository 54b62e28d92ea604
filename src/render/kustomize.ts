// Renders a Kustomize overlay with `kubectl kustomize` in the sandbox: the kustomization graph is read
// and checked first (nothing remote, absolute or outside the repository; every referenced file
// present), kubectl then builds a private copy of the folders involved with the load restrictor on
// and no plugins, and every output object is mapped back to its resource and patch lines.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { RenderError, RenderResult, Snapshot, SourceLocation, Unit } from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';
import { kubectlBinary } from './binaries.js';
import { kustomizationFileIn, readKustomizationGraph, RepoFiles, type KustomizationGraph } from './kustomize-graph.js';
import { mapKustomizeObjects } from './kustomize-source-map.js';
import { privateTree, refusedLinkErrors } from './private-tree.js';
import { renderLimits, runTool, stoppedRunError, type RunResult } from './sandbox.js';
import { manifestObjects } from './yaml-source.js';
import { redactRenderMessage, secretValuesIn } from './render-secrets.js';

/** Explicit even where they are kubectl's defaults: files only below each kustomization, no plugins, no helm. */
const KUSTOMIZE_FLAGS = ['--load-restrictor=LoadRestrictionsRootOnly', '--enable-alpha-plugins=false', '--enable-helm=false', '--network=false'];

export async function renderKustomize(unit: Unit, snapshot: Snapshot, config: ResolvedConfig): Promise<RenderResult> {
  const result: RenderResult = { unit, environment: 'default', objects: [], errors: [] };
  const dir = unit.root === '.' ? '' : unit.root.replace(/\/+$/, '');
  const files = new RepoFiles(snapshot);
  const kfile = kustomizationFileIn(files, dir) ?? (dir ? `${dir}/kustomization.yaml` : 'kustomization.yaml');
  const graph = readKustomizationGraph(files, dir, config.limits);
  if (graph.errors.length > 0 || !graph.root) {
    result.errors.push(...graph.errors);
    return result;
  }

  const limits = renderLimits(config.limits);
  const tree = await privateTree(snapshot, graph.dirs, config.limits.maxFileBytes);
  let run: RunResult;
  try {
    result.errors.push(...buildWithoutChartInflation(graph, snapshot, tree.dir));
    run = await runTool(await kubectlBinary(), ['kustomize', dir || '.', ...KUSTOMIZE_FLAGS], { cwd: tree.dir, ...limits });
  } finally {
    await tree.dispose();
  }
  result.errors.push(...refusedLinkErrors(tree));
  const at = { path: kfile, line: 1 };
  const stopped = stoppedRunError(run, at, limits);
  if (stopped) {
    result.errors.push(stopped);
    return result;
  }
  if (run.code !== 0) {
    const error = kustomizeError(run.stderr, graph, at);
    result.errors.push({ ...error, message: redactRenderMessage(error.message, secretValuesIn(snapshot, graph.dirs, config.limits.maxFileBytes), error.path) });
    return result;
  }

  const rendered = manifestObjects(run.stdout, kfile, unit.id, 'default', config.limits);
  result.errors.push(...rendered.errors.map((e) => ({ ...e, ...at, ruleId: e.ruleId ?? 'render-error', message: `${e.message} (in the output of kustomize build)` })));
  const lines = new Map<string, string[]>();
  const linesOf = (path: string): string[] => {
    let l = lines.get(path);
    if (!l) lines.set(path, (l = (snapshot.read(path) ?? '').split(/\r?\n/)));
    return l;
  };
  result.objects = mapKustomizeObjects(rendered.objects, graph.root, at, linesOf);
  return result;
}

/**
 * kustomize's chart inflation runs helm and may fetch the chart: the overlay is built from a private
 * copy of its kustomizations without those fields — what else it holds is still reviewed — and each
 * one left out is reported at its entry, saying the chart's objects are not reviewed.
 */
function buildWithoutChartInflation(graph: KustomizationGraph, snapshot: Snapshot, treeDir: string): RenderError[] {
  for (const file of new Set(graph.withheld.map((w) => w.file))) {
    const doc = parseDocument(snapshot.read(file) ?? '');
    doc.delete('helmCharts');
    doc.delete('helmChartInflationGenerator');
    // kustomize refuses a kustomization left with nothing to build ("kustomization.yaml is empty")
    if (!doc.has('resources')) doc.set('resources', []);
    writeFileSync(join(treeDir, file), doc.toString());
  }
  return graph.withheld.map((w) => ({
    path: w.at.path,
    line: w.at.line,
    ruleId: 'helm-chart-not-inflated',
    severity: 'medium' as const,
    partial: true,
    message: `${w.field} entry${w.chart ? ` "${w.chart}"` : ''} is not inflated (kustomize would run helm and may fetch the chart): the overlay is built and reviewed without it, so the chart's objects are not reviewed; render the chart as a unit of its own (a folder with Chart.yaml and values files) to have them reviewed`,
  }));
}

/** kubectl's reason on one line, placed at the kustomization entry it names (the longest match), else at the overlay's kustomization file. */
function kustomizeError(stderr: string, graph: KustomizationGraph, fallback: SourceLocation): RenderError {
  const reason = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^# Warning:/.test(l))
    .join(' ')
    .replace(/^error:\s*/i, '');
  const message = reason.length > 600 ? `${reason.slice(0, 600)}…` : reason || 'kubectl kustomize failed';
  // kustomize names objects as Kind.version.group/name.[namespace]
  const id = /\b([A-Z][A-Za-z0-9]*)\.[^\s/"']*\/([^\s/"'\[]+?)\.\[/.exec(reason);
  const plugin = /external plugin '([^']+)'/.exec(reason);
  const object = id ? graph.namedObjects.find((o) => o.kind === id[1] && o.name === id[2]) : plugin ? graph.namedObjects.find((o) => o.kind === plugin[1]) : undefined;
  if (object) return { message, path: object.at.path, line: object.at.line, ruleId: 'render-error' };
  const named = graph.entries.filter((e) => e.ref.length > 0 && reason.includes(e.ref)).sort((a, b) => b.ref.length - a.ref.length)[0];
  const at = named?.at ?? fallback;
  return { message, path: at.path, line: at.line, ruleId: 'render-error' };
}
