// Maps each object kubectl kustomize printed back to the resource document it came from (following
// namePrefix/nameSuffix/namespace through every level), and each field to the last file that set it:
// a strategic-merge patch, a JSON 6902 operation, an images/replicas/labels entry, a generator (merged
// into a base's one or not), the source of a replacement, or the resource.
import type { FieldPath, KubeObject, RenderedObject, SourceLocation } from '../core/types.js';
import { isObject, resourceShaper, strategicShaper, translate, type ListShaper, type Setter } from './kustomize-fields.js';
import { objectDocs, type Generator, type KustomizationNode, type Patch, type SourceDoc, type Target } from './kustomize-graph.js';
import { jsonOperations } from './kustomize-json6902.js';
import { namesField, resolveField, type Replacement } from './kustomize-replacements.js';
import { getIn } from './values-locate.js';
import { commentsAround } from './yaml-source.js';

interface Origin {
  kind: string;
  apiVersion: string;
  /** Current name and every earlier one (patches may target either). */
  name: string;
  names: Set<string>;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  source: SourceLocation;
  setters: Setter[];
  /** The sources that shape its lists, in the order applied. */
  listShapers: ListShaper[];
  generated?: Generator;
  /** The output object built from it, once kubectl ran (what a replacement copies from). */
  output?: KubeObject;
}

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'APIService', 'IngressClass', 'RuntimeClass', 'CSIDriver', 'ClusterIssuer', 'ClusterSecretStore']);

/** A patch's kind, apiVersion, name and namespace say what it patches, not what it sets. */
function identifies(path: FieldPath): boolean {
  return path.length === 1 ? path[0] === 'kind' || path[0] === 'apiVersion' || path[0] === 'metadata' : path.length === 2 && path[0] === 'metadata' && (path[1] === 'name' || path[1] === 'namespace');
}

function structural(doc: SourceDoc, isPatch: boolean): Setter {
  return (path, output) => {
    if (isPatch && identifies(path)) return undefined;
    const p = translate(output, path, doc.data);
    return p ? doc.locate(p) : undefined;
  };
}

function parseSelector(selector: string): ((labels: Record<string, string>) => boolean)[] {
  return selector
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((term) => {
      const neq = /^([^!=\s]+)\s*!=\s*(.*)$/.exec(term);
      if (neq) return (l) => l[neq[1]] !== neq[2];
      const eq = /^([^!=\s]+)\s*==?\s*(.*)$/.exec(term);
      if (eq) return (l) => l[eq[1]] === eq[2];
      const not = /^!\s*(\S+)$/.exec(term);
      if (not) return (l) => !(not[1] in l);
      return (l) => term in l;
    });
}

function regexMatch(pattern: string | undefined, value: string | undefined): boolean {
  if (pattern === undefined || pattern === '') return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value ?? '');
  } catch {
    return pattern === value;
  }
}

function targetMatches(t: Target, o: Origin): boolean {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  return (
    regexMatch(t.kind, o.kind) &&
    (t.group === undefined || t.group === group) &&
    (t.version === undefined || t.version === version) &&
    (t.name === undefined || [...o.names].some((n) => regexMatch(t.name, n))) &&
    (t.namespace === undefined || regexMatch(t.namespace, o.namespace ?? 'default')) &&
    (t.labelSelector === undefined || parseSelector(t.labelSelector).every((f) => f(o.labels))) &&
    (t.annotationSelector === undefined || parseSelector(t.annotationSelector).every((f) => f(o.annotations)))
  );
}

function patchTargets(patch: Patch, doc: SourceDoc, o: Origin): boolean {
  if (patch.target) return targetMatches(patch.target, o);
  const d = isObject(doc.data) ? doc.data : {};
  const meta = isObject(d.metadata) ? d.metadata : {};
  return d.kind === o.kind && typeof meta.name === 'string' && o.names.has(meta.name) && (meta.namespace === undefined || meta.namespace === o.namespace);
}

function applyPatches(node: KustomizationNode, origins: Origin[]): void {
  for (const patch of node.patches) {
    for (const doc of patch.docs) {
      for (const o of origins) {
        if (o.generated || !patchTargets(patch, doc, o)) continue;
        if (patch.type === 'json6902') o.setters.push(...jsonOperations(doc, o.listShapers));
        else {
          o.setters.push(structural(doc, true));
          o.listShapers.push(strategicShaper(doc.data));
        }
      }
    }
  }
}

const LABEL_PATHS: FieldPath[] = [['metadata', 'labels'], ['spec', 'selector', 'matchLabels'], ['spec', 'template', 'metadata', 'labels'], ['spec', 'selector']];

function keyed(map: Map<string, SourceLocation>, bases: FieldPath[]): Setter {
  return (path) => {
    if (map.size === 0) return undefined;
    for (const base of bases) {
      if (path.length === base.length + 1 && base.every((s, i) => path[i] === s)) {
        const loc = map.get(String(path[base.length]));
        if (loc) return loc;
      }
    }
    return undefined;
  };
}

function imageSetter(node: KustomizationNode): Setter {
  return (path, output) => {
    const n = path.length;
    if (n < 3 || path[n - 1] !== 'image' || !['containers', 'initContainers', 'ephemeralContainers'].includes(String(path[n - 3]))) return undefined;
    const image = getIn(output, path).value;
    if (typeof image !== 'string') return undefined;
    const repo = image.replace(/@.*$/, '').replace(/:[^:/]*$/, '');
    return [...node.images].reverse().find((i) => (i.newName ?? i.name) === repo || i.name === repo)?.entry;
  };
}

function applyTransforms(node: KustomizationNode, origins: Origin[]): void {
  applyPatches(node, origins);
  for (const o of origins) {
    o.setters.push(keyed(node.labels, LABEL_PATHS), keyed(node.annotations, [['metadata', 'annotations'], ['spec', 'template', 'metadata', 'annotations']]));
    const replicas = node.replicas.find((r) => o.names.has(r.name));
    if (replicas) o.setters.push((path) => (path.length === 2 && path[0] === 'spec' && path[1] === 'replicas' ? replicas.entry : undefined));
    if (node.images.length) o.setters.push(imageSetter(node));
    if (node.namespace && !CLUSTER_SCOPED.has(o.kind)) {
      o.namespace = node.namespace;
      const line = node.namespaceEntry;
      if (line) o.setters.push((path) => (path.length === 2 && path[0] === 'metadata' && path[1] === 'namespace' ? line : undefined));
    }
    if (node.namePrefix || node.nameSuffix) {
      o.name = `${node.namePrefix}${o.name}${node.nameSuffix}`;
      o.names.add(o.name);
    }
  }
  for (const r of node.replacements) applyReplacement(r, origins);
}

/**
 * A field a replacement fills is edited where its value comes from: the source object's field, as
 * the sources applied so far set it; the replacement's `source:` entry when that object is unknown.
 */
function applyReplacement(r: Replacement, origins: Origin[]): void {
  const from = origins.find((o) => targetMatches(r.source, o));
  const fromSetters = from ? [...from.setters] : [];
  const valueAt = (): SourceLocation => {
    const path = from?.output ? resolveField(r.source.fieldPath, from.output) : undefined;
    return from?.output && path ? locateIn(fromSetters, from.output, path, from.source) : r.entry;
  };
  for (const o of origins) {
    const fieldPaths = r.targets.filter((t) => targetMatches(t.select, o) && !t.reject.some((x) => targetMatches(x, o))).flatMap((t) => t.fieldPaths);
    if (fieldPaths.length > 0) o.setters.push((path, output) => (fieldPaths.some((f) => namesField(f, path, output)) ? valueAt() : undefined));
  }
}

function resourceOrigin(doc: SourceDoc & { data: KubeObject }): Origin {
  const meta = doc.data.metadata ?? {};
  const name = String(meta.name ?? '');
  return {
    kind: String(doc.data.kind),
    apiVersion: String(doc.data.apiVersion ?? ''),
    name,
    names: new Set([name]),
    namespace: meta.namespace ? String(meta.namespace) : undefined,
    labels: { ...(meta.labels ?? {}) },
    annotations: { ...(meta.annotations ?? {}) },
    source: { path: doc.file, line: doc.line },
    setters: [structural(doc, false)],
    listShapers: [resourceShaper(doc.data)],
  };
}

function generatedKeys(g: Generator): Setter {
  return (path) => (path.length === 2 && (path[0] === 'data' || path[0] === 'binaryData' || path[0] === 'stringData') ? g.keys.get(String(path[1])) : undefined);
}

function generatorOrigin(g: Generator): Origin {
  return {
    kind: g.kind,
    apiVersion: 'v1',
    name: g.name,
    names: new Set([g.name]),
    namespace: g.namespace,
    labels: {},
    annotations: {},
    source: g.entry,
    setters: [generatedKeys(g)],
    listShapers: [],
    generated: g,
  };
}

/** The object an earlier generator of the same kind and name built, which a `merge`/`replace` generator changes. */
function generatedEarlier(origins: Origin[], g: Generator): Origin | undefined {
  return [...origins].reverse().find((o) => o.generated && o.kind === g.kind && o.names.has(g.name) && (g.namespace === undefined || o.generated.namespace === g.namespace || o.namespace === g.namespace));
}

/** A `create` generator adds an object; `merge` sets its keys over the earlier one's, `replace` swaps its data (metadata stays). */
function applyGenerator(origins: Origin[], g: Generator): void {
  const earlier = g.behavior === 'create' ? undefined : generatedEarlier(origins, g);
  if (!earlier) {
    origins.push(generatorOrigin(g));
    return;
  }
  earlier.setters.push(generatedKeys(g));
  if (g.behavior === 'replace') earlier.source = g.entry;
}

/** Every object a kustomization builds, in kustomize's order: resources, components, generators, then its transformers. */
function collect(node: KustomizationNode, inherited: Origin[] = []): Origin[] {
  let origins = [...inherited, ...objectDocs(node.resources).map(resourceOrigin), ...node.children.flatMap((c) => collect(c))];
  for (const comp of node.components) origins = collect(comp, origins);
  for (const g of node.generators) applyGenerator(origins, g);
  applyTransforms(node, origins);
  return origins;
}

function findOrigin(origins: Origin[], obj: RenderedObject): Origin | undefined {
  const { kind, name, namespace } = obj.ref;
  const sameKind = origins.filter((o) => o.kind === kind);
  return (
    sameKind.find((o) => o.name === name && (o.namespace ?? '') === (namespace ?? '')) ??
    sameKind.find((o) => o.name === name) ??
    // generated names carry a content hash: <name>-<hash>
    sameKind.find((o) => o.generated && name.startsWith(`${o.name}-`)) ??
    sameKind.find((o) => o.names.has(name))
  );
}

export interface FileLines {
  (path: string): string[];
}

/**
 * Source maps for kustomize output objects. `fallback` is where an object nothing explains points
 * (the overlay's kustomization file).
 */
/** The deepest part of the path any of the setters sets; among them, the last applied wins. */
function locateIn(setters: Setter[], output: KubeObject, path: FieldPath, fallback: SourceLocation): SourceLocation {
  for (let n = path.length; n > 0; n--) {
    const prefix = path.slice(0, n);
    for (let i = setters.length - 1; i >= 0; i--) {
      const loc = setters[i](prefix, output);
      if (loc) return loc;
    }
  }
  return fallback;
}

export function mapKustomizeObjects(objects: RenderedObject[], root: KustomizationNode, fallback: SourceLocation, linesOf: FileLines): RenderedObject[] {
  const origins = collect(root);
  const matched = objects.map((o) => ({ o, origin: findOrigin(origins, o) }));
  for (const { o, origin } of matched) if (origin) origin.output = o.object;
  return matched.map(({ o, origin }) => {
    const source = origin?.source ?? fallback;
    const locate = (path: FieldPath): SourceLocation => locateIn(origin?.setters ?? [], o.object, path, source);
    return { ...o, source, locate, commentsAt: (path: FieldPath) => { const loc = locate(path); return commentsAround(linesOf(loc.path), loc.line); } };
  });
}
