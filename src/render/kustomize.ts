// Renders a Kustomize overlay with `kubectl kustomize` in the sandbox and maps every output object
// back to the resource document it came from, and fields a patch sets to the patch's lines.
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import type { FieldPath, RenderError, RenderResult, RenderedObject, Snapshot, SourceLocation, Unit } from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';
import { kubectlBinary } from './binaries.js';
import { runTool } from './sandbox.js';
import { commentsAround, manifestObjects, parseYamlFile, type ParsedDocument } from './yaml-source.js';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

interface SourceDocument {
  file: string;
  doc: ParsedDocument;
  lines: string[];
  kind: string;
  name: string;
}

interface Graph {
  resources: SourceDocument[];
  patches: SourceDocument[];
  kustomizationFile: string;
}

function kustomizationFileIn(snapshot: Snapshot, dir: string): string | undefined {
  return KUSTOMIZATION_NAMES.map((n) => (dir === '.' || dir === '' ? n : `${dir}/${n}`)).find((f) => snapshot.read(f) !== undefined);
}

function documentsOf(snapshot: Snapshot, file: string, config: ResolvedConfig): SourceDocument[] {
  const text = snapshot.read(file);
  if (text === undefined) return [];
  const parsed = parseYamlFile(text, file, config.limits);
  return parsed.documents.flatMap((doc) => {
    const d = doc.data as { kind?: unknown; metadata?: { name?: unknown } } | null;
    if (!d || typeof d !== 'object' || typeof d.kind !== 'string') return [];
    return [{ file, doc, lines: parsed.lines, kind: d.kind, name: String(d.metadata?.name ?? '') }];
  });
}

/** Walks the overlay's kustomizations inside the snapshot: resource documents and patch documents. */
function walk(snapshot: Snapshot, dir: string, config: ResolvedConfig, graph: Graph, seen: Set<string>): void {
  if (seen.has(dir)) return;
  seen.add(dir);
  const file = kustomizationFileIn(snapshot, dir);
  if (!file) return;
  let k: Record<string, unknown> = {};
  try {
    k = (parse(snapshot.read(file) ?? '', { maxAliasCount: config.limits.maxAliasCount }) as Record<string, unknown>) ?? {};
  } catch {
    return;
  }
  const rel = (p: string): string => posix.normalize(posix.join(dir, p));
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  for (const ref of [...strings(k.resources), ...strings(k.bases), ...strings(k.components)]) {
    const target = rel(ref);
    if (kustomizationFileIn(snapshot, target)) walk(snapshot, target, config, graph, seen);
    else graph.resources.push(...documentsOf(snapshot, target, config));
  }
  const patchFiles = [
    ...strings(k.patchesStrategicMerge),
    ...[...(Array.isArray(k.patches) ? k.patches : []), ...(Array.isArray(k.patchesJson6902) ? k.patchesJson6902 : [])]
      .map((p) => (p && typeof p === 'object' ? (p as { path?: unknown }).path : undefined))
      .filter((p): p is string => typeof p === 'string'),
  ];
  for (const p of patchFiles) graph.patches.push(...documentsOf(snapshot, rel(p), config));
}

function matches(source: SourceDocument, kind: string, name: string): boolean {
  return source.kind === kind && (source.name === name || (source.name !== '' && name.includes(source.name)));
}

function locateIn(source: SourceDocument | undefined, path: FieldPath): SourceLocation | undefined {
  return source?.doc.locate(path);
}

export async function renderKustomize(unit: Unit, snapshot: Snapshot, config: ResolvedConfig): Promise<RenderResult> {
  const result: RenderResult = { unit, environment: 'default', objects: [], errors: [] };
  const kfile = kustomizationFileIn(snapshot, unit.root) ?? `${unit.root}/kustomization.yaml`;
  const root = await snapshot.materialize();
  const run = await runTool(await kubectlBinary(), ['kustomize', '.'], {
    cwd: join(root, unit.root),
    timeoutMs: config.limits.renderTimeoutMs,
    maxOutputBytes: config.limits.maxRenderOutputBytes,
  });
  if (run.timedOut || run.truncated) {
    const why = run.timedOut ? `timed out after ${config.limits.renderTimeoutMs} ms` : `output exceeds the limit of ${config.limits.maxRenderOutputBytes} bytes`;
    result.errors.push({ message: `kustomize build ${why}`, path: kfile, line: 1, ruleId: 'limit-exceeded' });
    return result;
  }
  if (run.code !== 0) {
    result.errors.push(kustomizeError(run.stderr, kfile));
    return result;
  }
  const graph: Graph = { resources: [], patches: [], kustomizationFile: kfile };
  walk(snapshot, unit.root, config, graph, new Set());
  const rendered = manifestObjects(run.stdout, kfile, unit.id, 'default', config.limits);
  result.errors.push(...rendered.errors.map((e) => ({ ...e, message: `${e.message} (in the output of kustomize build)` })));
  result.objects = rendered.objects.map((o) => mapObject(o, graph, kfile));
  return result;
}

function mapObject(o: RenderedObject, graph: Graph, kfile: string): RenderedObject {
  const resource = graph.resources.find((s) => matches(s, o.ref.kind, o.ref.name));
  const patches = graph.patches.filter((s) => matches(s, o.ref.kind, o.ref.name));
  const source: SourceLocation = resource ? { path: resource.file, line: resource.doc.line } : { path: kfile, line: 1 };
  const locate = (path: FieldPath): SourceLocation => {
    for (let n = path.length; n >= 0; n--) {
      const prefix = path.slice(0, n);
      // The last patch that sets a field wins, as in kustomize.
      for (const p of [...patches].reverse()) {
        const loc = n > 0 ? locateIn(p, prefix) : undefined;
        if (loc) return loc;
      }
      const loc = locateIn(resource, prefix);
      if (loc) return loc;
    }
    return source;
  };
  const linesOf = (file: string): string[] => [...graph.resources, ...graph.patches].find((s) => s.file === file)?.lines ?? [];
  return { ...o, source, locate, commentsAt: (path) => { const loc = locate(path); return commentsAround(linesOf(loc.path), loc.line); } };
}

/** kubectl's error, placed at the kustomization file (the line of the entry it names when found). */
function kustomizeError(stderr: string, kfile: string): RenderError {
  const message = stderr.trim().split('\n').filter(Boolean).pop()?.replace(/^error:\s*/i, '') ?? 'kustomize build failed';
  return { message, path: kfile, line: 1, ruleId: 'render-error' };
}
