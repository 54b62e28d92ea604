// Renders one Helm chart for one environment with `helm template` (never fetching dependencies, on a
// private copy of the chart's files) and maps every rendered object back to its template line or values key.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { RenderError, RenderResult, RenderedObject, Snapshot, SourceLocation, Unit } from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';
import { helmBinary } from './binaries.js';
import { helmEnvironments } from '../workspace/environments.js';
import { escapingFileDependencies } from './helm-dependencies.js';
import { dependencyLine, helmErrors } from './helm-errors.js';
import { splitHelmOutput, sourceRelativeToChart } from './helm-output.js';
import { renderedObjects } from './helm-source-map.js';
import { privateTree, refusedLinkErrors } from './private-tree.js';
import { vendoredChart, type VendoredChart } from './vendored-chart.js';
import { fileRepositoryDir, unloadedDependencies, type UnloadedDependency } from '../workspace/chart-dependencies.js';
import { renderLimits, runTool, stoppedRunError, type RunResult } from './sandbox.js';
import { externalSchemaRefs } from './schema-refs.js';
import { alignDocument, type DefineRegistry } from './template-align.js';
import { buildTemplateModel, type TemplateModel } from './template-model.js';
import { chartValues, loadValuesSource, type ChartValues, type ValuesSource } from './values-locate.js';
import { parseYamlFile } from './yaml-source.js';
import { yamlDepthExcess } from '../workspace/yaml-depth.js';

function joinRel(dir: string, rel: string): string {
  return dir ? `${dir}/${rel}` : rel;
}

/** Everything about a chart's files that the source maps need, read from the snapshot once per render. */
class ChartFiles {
  private readonly models = new Map<string, TemplateModel | null>();
  private readonly lineCache = new Map<string, string[]>();
  readonly registry: DefineRegistry;

  constructor(readonly snapshot: Snapshot, readonly chartDir: string) {
    const prefix = chartDir ? `${chartDir}/` : '';
    const templateFiles = snapshot.list().filter((f) => f.startsWith(prefix) && /(^|\/)templates\/.+\.(ya?ml|tpl|txt)$/.test(f.slice(prefix.length)));
    const defines = new Map<string, { block: TemplateModel['defines'][number]; model: TemplateModel }>();
    // Helm loads the parent's templates after its subcharts', so the parent's definitions win on a name clash.
    const byDepth = [...templateFiles].sort((a, b) => b.split('/charts/').length - a.split('/charts/').length);
    for (const f of byDepth) {
      const text = snapshot.read(f);
      if (text === undefined || !text.includes('define') && !text.includes('block')) continue;
      const model = this.model(f);
      for (const d of model?.defines ?? []) defines.set(d.name, { block: d, model: model! });
    }
    this.registry = { get: (name) => defines.get(name) };
  }

  model(file: string): TemplateModel | undefined {
    if (!this.models.has(file)) {
      const text = this.snapshot.read(file);
      this.models.set(file, text === undefined ? null : buildTemplateModel(file, text));
    }
    return this.models.get(file) ?? undefined;
  }

  linesOf(file: string): string[] {
    let lines = this.lineCache.get(file);
    if (!lines) this.lineCache.set(file, (lines = (this.snapshot.read(file) ?? '').split(/\r?\n/)));
    return lines;
  }

  private readonly definesGenerating = new Map<string, boolean>();

  /** Whether a template line makes up a value at render time: it calls a generator, or includes a named template that does. */
  generatesAtRender(file: string, line: number): boolean {
    return this.textGenerates(this.linesOf(file)[line - 1] ?? '');
  }

  private textGenerates(text: string): boolean {
    if (GENERATOR_CALL.test(text)) return true;
    for (const m of text.matchAll(INCLUDED_NAME)) if (this.defineGenerates(m[1])) return true;
    return false;
  }

  private defineGenerates(name: string): boolean {
    const known = this.definesGenerating.get(name);
    if (known !== undefined) return known;
    this.definesGenerating.set(name, false); // a define that includes itself
    const d = this.registry.get(name);
    const body = d ? this.linesOf(d.block.file).slice(d.block.start - 1, d.block.end).join('\n') : '';
    const generates = this.textGenerates(body);
    this.definesGenerating.set(name, generates);
    return generates;
  }
}

/** Sprig/Helm functions whose result is made at render time, not read from the repository. */
const GENERATOR_CALL = /\b(?:randAlphaNum|randAlpha|randNumeric|randAscii|randBytes|randInt|uuidv4|genPrivateKey|genCA|genCAWithKey|genSelfSignedCert|genSelfSignedCertWithKey|genSignedCert|genSignedCertWithKey)\b/;
const INCLUDED_NAME = /\b(?:include|template)\s+"([^"]+)"/g;

/** A chart's template models depend only on the snapshot: every environment's render shares them (and their alignment caches). */
const chartFilesCache = new WeakMap<Snapshot, Map<string, ChartFiles>>();

function chartFilesOf(snapshot: Snapshot, chartDir: string): ChartFiles {
  let byDir = chartFilesCache.get(snapshot);
  if (!byDir) chartFilesCache.set(snapshot, (byDir = new Map()));
  let files = byDir.get(chartDir);
  if (!files) byDir.set(chartDir, (files = new ChartFiles(snapshot, chartDir)));
  return files;
}

/** Values of the chart at `subPath` (e.g. 'charts/cache' or '' for the top chart): parent sections first, then its own values.yaml. */
function valuesFor(snapshot: Snapshot, chartDir: string, envFile: string | undefined, subPath: string, errors: RenderError[], maxAliasCount: number, cache: Map<string, ChartValues>): ChartValues {
  const cached = cache.get(subPath);
  if (cached) return cached;
  const chain = subPath ? subPath.split('/').filter((_, i) => i % 2 === 1) : [];
  const sources: ValuesSource[] = [];
  const topFiles = [envFile, 'values.yaml'].filter((f, i, a): f is string => !!f && a.indexOf(f) === i);
  const report = subPath === '' ? errors : [];
  for (const f of topFiles) {
    const path = joinRel(chartDir, f);
    const s = loadValuesSource(path, snapshot.read(path), chain, report, maxAliasCount);
    if (s) sources.push(s);
  }
  // Intermediate subcharts' own values.yaml, deepest last in priority.
  for (let depth = 1; depth <= chain.length; depth++) {
    const dir = joinRel(chartDir, subPath.split('/').slice(0, depth * 2).join('/'));
    const path = `${dir}/values.yaml`;
    const s = loadValuesSource(path, snapshot.read(path), chain.slice(depth), [], maxAliasCount);
    if (s) sources.push(s);
  }
  const view = chartValues(joinRel(chartDir, topFiles[0] ?? 'values.yaml'), sources);
  cache.set(subPath, view);
  return view;
}

/** The chart's name from its Chart.yaml, else its folder's name made a DNS label. */
export function chartNameOf(snapshot: Snapshot, chartDir: string): string {
  try {
    const text = snapshot.read(joinRel(chartDir, 'Chart.yaml')) ?? '';
    const data = (yamlDepthExcess(text) ? null : parseYaml(text)) as { name?: unknown } | null;
    if (data && typeof data.name === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(data.name)) return data.name;
  } catch {
    // fall through to the folder name
  }
  const base = chartDir.split('/').pop() || 'release';
  return base.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'release';
}

const DEFAULT_RELEASE_NAMESPACE = 'default';

/** The namespace a chart renders into: its own name when the config lists it as a platform namespace, else `default`. */
export function namespaceFor(chartName: string, config: ResolvedConfig): string {
  return config.namespaces.platform.includes(chartName) ? chartName : DEFAULT_RELEASE_NAMESPACE;
}

/**
 * `namespace: {{ .Release.Namespace }}` (or a helper returning it) renders as the namespace helm was
 * given, and `default` is only this tool's stand-in for the namespace the chart gets deployed to:
 * such an object is left unplaced, like one that writes no namespace, instead of being reported as
 * put in `default`. A namespace written literally, or taken from values, stays.
 */
function leaveReleaseNamespaceOpen(o: RenderedObject, files: ChartFiles): void {
  if (o.ref.namespace !== DEFAULT_RELEASE_NAMESPACE) return;
  const at = o.locate(['metadata', 'namespace']);
  if (!/(^|\/)templates\//.test(at.path)) return;
  if ((files.linesOf(at.path)[at.line - 1] ?? '').includes('{{')) o.ref = { ...o.ref, namespace: undefined };
}

export async function renderHelm(unit: Unit, environment: string, snapshot: Snapshot, config: ResolvedConfig): Promise<RenderResult> {
  const chartDir = unit.root === '.' ? '' : unit.root.replace(/\/+$/, '');
  const chartYaml = joinRel(chartDir, 'Chart.yaml');
  const result: RenderResult = { unit, environment, objects: [], errors: [] };
  const prefix = chartDir ? `${chartDir}/` : '';
  const valuesNames = snapshot.list().filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/')).map((f) => f.slice(prefix.length));
  const env = helmEnvironments(valuesNames).find((e) => e.environment === environment);
  if (!env && environment !== 'default') {
    result.errors.push({ message: `no values file for environment "${environment}" in ${chartDir || '.'}`, path: chartYaml, line: 1, ruleId: 'render-error' });
    return result;
  }
  const envFile = env?.file;
  const chartName = chartNameOf(snapshot, chartDir);
  result.errors.push(...escapingFileDependencies(chartYaml, snapshot.read(chartYaml), chartDir, config.limits));
  // Explicit even where they are helm's defaults: no DNS lookups from templates, no dependency fetching.
  const renderNamespace = namespaceFor(chartName, config);
  const args = ['template', chartName, '.', '--kube-version', config.kubeVersion, '--namespace', renderNamespace, '--enable-dns=false', '--dependency-update=false'];
  if (envFile && envFile !== 'values.yaml') args.push('-f', envFile);

  const valueErrors: RenderError[] = [];
  const valuesCache = new Map<string, ChartValues>();
  // In-repository file:// dependencies are vendored into charts/ as `helm dependency build` would: helm
  // renders them, and the view lets the source maps read them at their vendored paths.
  const vendored = vendoredChart(snapshot, chartDir);
  const view = vendored.view;
  const topValues = valuesFor(view, chartDir, envFile, '', valueErrors, config.limits.maxAliasCount, valuesCache);
  result.values = topValues;

  const limits = renderLimits(config.limits);
  const tree = await privateTree(snapshot, [chartDir, ...vendored.dependencies.map((d) => d.dir)], config.limits.maxFileBytes);
  let run: RunResult;
  try {
    for (const d of vendored.dependencies) cpSync(join(tree.dir, d.dir), join(tree.dir, d.at), { recursive: true });
    result.errors.push(...renderWithoutUnloadedDependencies(snapshot, chartDir, join(tree.dir, chartYaml)));
    const schemaRefs = externalSchemaRefs(tree.dir, chartDir);
    if (schemaRefs.length > 0) args.push('--skip-schema-validation');
    result.errors.push(...schemaRefs.map((r) => ({ path: r.file, line: r.line, ruleId: 'path-escape', message: `values.schema.json reference "${r.ref}" refused: helm would fetch or read it outside the chart, so values were not validated against the schema` })));
    run = await runTool(await helmBinary(), args, { cwd: join(tree.dir, chartDir), ...limits });
  } finally {
    await tree.dispose();
  }
  result.errors.push(...refusedLinkErrors(tree));
  const stopped = stoppedRunError(run, { path: chartYaml, line: 1 }, limits);
  if (stopped) {
    result.errors.push(stopped);
    return result;
  }
  if (run.code !== 0) {
    const [helmErr] = helmErrors(run.stderr, { chartDir, chartName, read: (p) => view.read(p), locateValue: (p) => topValues.locate(p) });
    // helm named no line: our own parse of the values files may know which one is broken, and where.
    const ours = helmErr.path === chartYaml && helmErr.line === 1 ? valueErrors[0] : undefined;
    result.errors.push(ours ? { ...ours, message: helmErr.message } : helmErr);
    return inRepository(result, vendored);
  }

  const files = chartFilesOf(view, chartDir);
  const sections = splitHelmOutput(run.stdout);
  let documents = 0;
  for (const section of sections) {
    if (documents >= config.limits.maxDocuments) {
      result.errors.push({ message: `helm output has more than ${config.limits.maxDocuments} documents; the rest is not reviewed`, path: chartYaml, line: 1, ruleId: 'limit-exceeded' });
      break;
    }
    documents++;
    const objects = mapSection(section.source, section.text, files, view, chartDir, envFile, unit.id, environment, config, valueErrors, valuesCache, result.errors);
    if (renderNamespace === DEFAULT_RELEASE_NAMESPACE) for (const o of objects) leaveReleaseNamespaceOpen(o, files);
    result.objects.push(...objects);
  }
  return inRepository(result, vendored);
}

/**
 * Dependencies that are neither vendored nor in the repository cannot be loaded (nothing is
 * fetched): helm would refuse the whole chart. The chart is rendered without them instead — its own
 * templates are still reviewed — and each one left out is reported at its Chart.yaml entry.
 */
function renderWithoutUnloadedDependencies(snapshot: Snapshot, chartDir: string, treeChartYaml: string): RenderError[] {
  const unloaded = unloadedDependencies(snapshot, chartDir);
  if (unloaded.length === 0) return [];
  const chartYaml = joinRel(chartDir, 'Chart.yaml');
  const text = snapshot.read(chartYaml) ?? '';
  const doc = parseYaml(text) as { dependencies: unknown[] };
  const dropped = new Set(unloaded.map((d) => d.index));
  doc.dependencies = doc.dependencies.filter((_, i) => !dropped.has(i));
  writeFileSync(treeChartYaml, stringifyYaml(doc));
  const local = (d: UnloadedDependency): boolean => d.repository.startsWith('file://');
  return unloaded
    .filter((d) => !local(d) || fileRepositoryDir(chartDir, d.repository) !== undefined) // escapingFileDependencies reports the others
    .map((d) => ({
      path: chartYaml,
      line: dependencyLine(text, d.name) ?? 1,
      ruleId: 'dependency-not-vendored',
      severity: 'medium' as const,
      partial: true,
      message: local(d)
        ? `dependency "${d.name}" (${d.repository}) names no chart of the repository (no Chart.yaml in ${fileRepositoryDir(chartDir, d.repository) || '.'}) and is not vendored in charts/: the chart is rendered and reviewed without it`
        : `dependency "${d.name}"${d.repository ? ` (${d.repository})` : ''} is not vendored in charts/ and is not fetched: the chart is rendered and reviewed without it, so its objects are not reviewed (vendor it with helm dependency build and commit charts/)`,
    }));
}

/** The render with every path of a vendored dependency turned back into the repository path a human edits. */
function inRepository(result: RenderResult, vendored: VendoredChart): RenderResult {
  if (vendored.dependencies.length === 0) return result;
  const at = (loc: SourceLocation): SourceLocation => ({ ...loc, path: vendored.toRepoPath(loc.path) });
  return {
    ...result,
    errors: result.errors.map((e) => ({ ...e, path: vendored.toRepoPath(e.path) })),
    objects: result.objects.map((o) => ({ ...o, source: at(o.source), locate: (path, part) => at(o.locate(path, part)) })),
  };
}

/** A template we cannot read comes from a subchart archive (charts/*.tgz): its dependency entry in Chart.yaml is what a human edits. */
function archivedChartEntry(snapshot: Snapshot, chartDir: string, subPath: string): SourceLocation {
  const chartYaml = joinRel(chartDir, 'Chart.yaml');
  const dependency = subPath.split('/')[1];
  return { path: chartYaml, line: (dependency && dependencyLine(snapshot.read(chartYaml), dependency)) || 1 };
}

function mapSection(source: string, text: string, files: ChartFiles, snapshot: Snapshot, chartDir: string, envFile: string | undefined, unitId: string, environment: string, config: ResolvedConfig, valueErrors: RenderError[], valuesCache: Map<string, ChartValues>, errors: RenderError[]): RenderedObject[] {
  const rel = sourceRelativeToChart(source);
  const file = joinRel(chartDir, rel);
  const model = files.model(file);
  const templatesAt = rel.lastIndexOf('templates/');
  const subPath = templatesAt > 0 ? rel.slice(0, templatesAt - 1) : '';
  const fallback: SourceLocation = model ? { path: file, line: 1 } : archivedChartEntry(snapshot, chartDir, subPath);
  // helm prints a duplicate key as written; kubectl would refuse the document, so it is an error here
  const parsed = parseYamlFile(text, file, { maxAliasCount: config.limits.maxAliasCount, maxDocuments: config.limits.maxDocuments }, { uniqueKeys: true });
  const renderedLines = parsed.lines;
  const origins = model ? alignDocument(renderedLines, model, files.registry) : renderedLines.map(() => undefined);
  for (const e of parsed.errors) {
    const o = origins[e.line - 1];
    errors.push({ ...e, path: o?.file ?? fallback.path, line: o?.line ?? fallback.line, ruleId: e.ruleId ?? 'render-error', message: `${e.message} (in the output of ${rel})` });
  }
  const values = valuesFor(snapshot, chartDir, envFile, subPath, valueErrors, config.limits.maxAliasCount, valuesCache);
  return parsed.documents.flatMap((doc) =>
    renderedObjects({ doc, renderedLines, origins, values, fallback, unitId, environment, linesOf: (f) => files.linesOf(f), generatesAtRender: (f, l) => files.generatesAtRender(f, l) }),
  );
}
