// Reads an overlay's kustomizations from the snapshot before kubectl runs: every resource, component,
// patch and generator with the line of its entry. A reference that would leave the repository (a
// remote base, an absolute path, `../` past the root, a symlink leading outside), a file outside its
// kustomization's folder (kustomize's load restrictor) or a file that does not exist is an error at
// that entry's line. A file entry that is a symlink to a file of the repository is read from that
// file, as kubectl reads it on a checkout.
import { posix } from 'node:path';
import type { KubeObject, RenderError, Snapshot, SourceLocation } from '../core/types.js';
import { resolveLinks, type LinkResolution } from '../workspace/symlinks.js';
import { replacementsIn, type Replacement } from './kustomize-replacements.js';
import { isKubeObject, parseYamlFile, type ParseLimits, type ParseOptions, type ParsedDocument } from './yaml-source.js';

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** One YAML document of the repository (a resource or a patch), or of an inline patch inside a kustomization. */
export interface SourceDoc {
  file: string;
  data: unknown;
  /** Line where the document starts. */
  line: number;
  locate(path: (string | number)[]): SourceLocation | undefined;
}

export interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface Patch {
  type: 'strategic' | 'json6902';
  /** The kustomization entry that names the patch. */
  entry: SourceLocation;
  target?: Target;
  docs: SourceDoc[];
}

export interface Generator {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace?: string;
  entry: SourceLocation;
  /** `merge` and `replace` change the generator of the same name in a base instead of creating an object. */
  behavior: 'create' | 'merge' | 'replace';
  /** Where each data key is set: a literal, a file entry, or the line of an env file. */
  keys: Map<string, SourceLocation>;
}

export interface ImageOverride {
  name: string;
  newName?: string;
  entry: SourceLocation;
}

export interface ReplicaOverride {
  name: string;
  entry: SourceLocation;
}

export interface KustomizationNode {
  dir: string;
  file: string;
  namePrefix: string;
  nameSuffix: string;
  namespace?: string;
  /** The line of `namespace:`, which sets every object's namespace. */
  namespaceEntry?: SourceLocation;
  resources: SourceDoc[];
  children: KustomizationNode[];
  components: KustomizationNode[];
  /** In the order kustomize applies them: strategic-merge patches, `patches`, then JSON 6902 patches. */
  patches: Patch[];
  generators: Generator[];
  images: ImageOverride[];
  replicas: ReplicaOverride[];
  /** Keys of commonLabels/labels and commonAnnotations, with their lines. */
  labels: Map<string, SourceLocation>;
  annotations: Map<string, SourceLocation>;
  /** Applied last, after images. */
  replacements: Replacement[];
}

export interface KustomizationGraph {
  root?: KustomizationNode;
  errors: RenderError[];
  /** Every kustomization folder visited (what kubectl needs to read). */
  dirs: string[];
  /** Every entry naming a path, for placing kubectl's own errors. */
  entries: { ref: string; at: SourceLocation }[];
  /** Patches and plugin configurations by the object they name, for the same purpose. */
  namedObjects: { kind: string; name: string; at: SourceLocation }[];
  /**
   * Fields the build goes without: kustomize's chart inflation (helmCharts, helmChartInflationGenerator)
   * runs helm and may fetch; the overlay is built without them and each is reported (a partial render).
   */
  withheld: { file: string; field: string; chart?: string; at: SourceLocation }[];
}

const REMOTE = [/^[a-z][a-z0-9+.-]*:\/\//i, /^git::/i, /^git@/i, /\?(ref|version|timeout|submodules)=/i, /^(github\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com)\//i];

/**
 * The snapshot's listed files: only those are read. (A path through a symlinked folder may still be
 * readable on disk, but it is never listed.)
 */
export class RepoFiles {
  private readonly listed: Set<string>;

  constructor(private readonly snapshot: Snapshot) {
    this.listed = new Set(snapshot.list());
  }

  /** Where a path with a symlink on the way leads (a listed file, or why it is not followed). */
  link(path: string): LinkResolution | undefined {
    return resolveLinks(this.snapshot, path);
  }

  has(path: string): boolean {
    return this.listed.has(path);
  }

  read(path: string): string | undefined {
    return this.listed.has(path) ? this.snapshot.read(path) : undefined;
  }

  hasFolder(dir: string): boolean {
    for (const f of this.listed) if (f.startsWith(`${dir}/`)) return true;
    return false;
  }
}

export function kustomizationFileIn(files: RepoFiles, dir: string): string | undefined {
  return KUSTOMIZATION_NAMES.map((n) => joinDir(dir, n)).find((f) => files.has(f));
}

function joinDir(dir: string, name: string): string {
  return dir === '' || dir === '.' ? name : `${dir}/${name}`;
}

function isWithin(path: string, dir: string): boolean {
  return dir === '' || dir === '.' || path === dir || path.startsWith(`${dir}/`);
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function docsOf(file: string, text: string, limits: ParseLimits, errors: RenderError[], shift?: { path: string; line: number }, options?: ParseOptions): SourceDoc[] {
  const parsed = parseYamlFile(text, file, limits, options);
  const move = (loc: SourceLocation | undefined): SourceLocation | undefined =>
    loc && shift ? { path: shift.path, line: loc.line + shift.line, endLine: loc.endLine === undefined ? undefined : loc.endLine + shift.line } : loc;
  for (const e of parsed.errors) errors.push({ ...e, ruleId: e.ruleId ?? 'render-error', path: shift?.path ?? e.path, line: e.line + (shift?.line ?? 0) });
  return parsed.documents
    .filter((d) => d.data !== undefined && d.data !== null)
    .map((d: ParsedDocument) => ({ file: shift?.path ?? file, data: d.data, line: d.line + (shift?.line ?? 0), locate: (p) => move(d.locate(p)) }));
}

/** kustomize reads a `kind: List` (any kind ending in List) as its items, nested lists included; without items it is empty. */
function expandLists(docs: SourceDoc[]): SourceDoc[] {
  return docs.flatMap((doc) => {
    const data = asObject(doc.data);
    if (!data || typeof data.kind !== 'string' || !data.kind.endsWith('List') || !(Array.isArray(data.items) || data.items == null)) return [doc];
    const items = asArray(data.items).map((item, i): SourceDoc => ({
      file: doc.file,
      data: item,
      line: doc.locate(['items', i])?.line ?? doc.line,
      locate: (p) => doc.locate(['items', i, ...p]),
    }));
    return expandLists(items);
  });
}

function linkRefusal(what: string, ref: string, link: Exclude<LinkResolution, { kind: 'file' }>): string {
  const why = link.kind === 'outside' ? 'it leads outside the repository' : link.kind === 'folder' ? 'it leads to a folder (name the folder itself)' : 'it leads to no file of the repository';
  return `${what} "${ref}": symlink ${link.link} to "${link.target}" not followed: ${why}`;
}

/** `K=V` lines of an env file → the line of each key. */
function envFileKeys(file: string, text: string): Map<string, SourceLocation> {
  const keys = new Map<string, SourceLocation>();
  text.split(/\r?\n/).forEach((l, i) => {
    const m = /^\s*([^#=\s][^=]*?)\s*=/.exec(l);
    if (m) keys.set(m[1], { path: file, line: i + 1 });
  });
  return keys;
}

class GraphReader {
  readonly errors: RenderError[] = [];
  readonly dirs: string[] = [];
  readonly entries: { ref: string; at: SourceLocation }[] = [];
  readonly namedObjects: { kind: string; name: string; at: SourceLocation }[] = [];
  readonly withheld: { file: string; field: string; chart?: string; at: SourceLocation }[] = [];
  private readonly visiting = new Set<string>();

  constructor(private readonly files: RepoFiles, private readonly limits: ParseLimits) {}

  private fail(at: SourceLocation, message: string, ruleId = 'render-error'): void {
    this.errors.push({ message, path: at.path, line: at.line, ruleId });
  }

  /**
   * Resolves a path entry of the kustomization in `dir`. Returns the repo-relative target, or
   * undefined after reporting why it is refused.
   */
  private resolve(ref: string, dir: string, at: SourceLocation, what: string): string | undefined {
    this.entries.push({ ref, at });
    if (REMOTE.some((r) => r.test(ref))) {
      this.fail(at, `remote ${what} "${ref}" refused: only files in the repository are rendered (no network)`, 'path-escape');
      return undefined;
    }
    if (ref.startsWith('/') || ref.startsWith('~') || /^[A-Za-z]:[\\/]/.test(ref) || ref.startsWith('\\')) {
      this.fail(at, `${what} "${ref}" is an absolute path: only files in the repository are rendered`, 'path-escape');
      return undefined;
    }
    const target = posix.normalize(joinDir(dir, ref)).replace(/\/+$/, '');
    if (target === '..' || target.startsWith('../')) {
      this.fail(at, `${what} "${ref}" leads outside the repository`, 'path-escape');
      return undefined;
    }
    return target === '.' ? '' : target;
  }

  /**
   * The file at `path`, or the listed file a symlink there leads to (whose lines findings then
   * name); undefined after reporting why there is none.
   */
  private found(path: string, ref: string, at: SourceLocation, what: string): { path: string; text: string } | undefined {
    const text = this.files.read(path);
    if (text !== undefined) return { path, text };
    const link = this.files.link(path);
    const linked = link?.kind === 'file' ? this.files.read(link.path) : undefined;
    if (link?.kind === 'file' && linked !== undefined) return { path: link.path, text: linked };
    if (link && link.kind !== 'file') this.fail(at, linkRefusal(what, ref, link), link.kind === 'outside' ? 'path-escape' : 'render-error');
    else this.fail(at, `${what} "${ref}" not found in the repository`);
    return undefined;
  }

  /**
   * A file entry: must exist and, as kustomize's load restrictor demands, sit below the
   * kustomization's folder (the entry itself: kustomize follows a symlinked file wherever it leads).
   */
  private file(ref: string, dir: string, at: SourceLocation, what: string): { path: string; text: string } | undefined {
    const path = this.resolve(ref, dir, at, what);
    if (path === undefined) return undefined;
    const got = this.found(path, ref, at, what);
    if (!got) return undefined;
    if (!isWithin(path, dir)) {
      this.fail(at, `${what} "${ref}" is outside the kustomization's folder ${dir || '.'} (kustomize's load restrictor refuses it)`);
      return undefined;
    }
    return got;
  }

  read(dir: string, includedFrom?: SourceLocation): KustomizationNode | undefined {
    const file = kustomizationFileIn(this.files, dir);
    if (!file) {
      if (includedFrom) this.fail(includedFrom, `no kustomization.yaml in ${dir || '.'}`);
      else this.fail({ path: joinDir(dir, 'kustomization.yaml'), line: 1 }, `no kustomization.yaml in ${dir || '.'}`);
      return undefined;
    }
    if (this.visiting.has(dir)) {
      this.fail(includedFrom ?? { path: file, line: 1 }, `kustomization cycle through ${dir || '.'}`);
      return undefined;
    }
    this.visiting.add(dir);
    if (!this.dirs.includes(dir)) this.dirs.push(dir);
    try {
      return this.node(dir, file);
    } finally {
      this.visiting.delete(dir);
    }
  }

  private node(dir: string, file: string): KustomizationNode | undefined {
    const docs = docsOf(file, this.files.read(file) ?? '', this.limits, this.errors);
    const doc = docs[0];
    const k = asObject(doc?.data);
    if (!doc || !k) {
      if (this.errors.every((e) => e.path !== file)) this.fail({ path: file, line: 1 }, `${file} is not a kustomization (expected a YAML mapping)`);
      return undefined;
    }
    const at = (...path: (string | number)[]): SourceLocation => doc.locate(path) ?? doc.locate(path.slice(0, 1)) ?? { path: file, line: 1 };
    const node: KustomizationNode = {
      dir,
      file,
      namePrefix: asString(k.namePrefix) ?? '',
      nameSuffix: asString(k.nameSuffix) ?? '',
      namespace: asString(k.namespace),
      namespaceEntry: k.namespace !== undefined ? at('namespace') : undefined,
      resources: [],
      children: [],
      components: [],
      patches: [],
      generators: [],
      images: [],
      replicas: [],
      labels: new Map(),
      annotations: new Map(),
      replacements: [],
    };

    for (const field of ['resources', 'bases'] as const) {
      asArray(k[field]).forEach((v, i) => {
        const ref = asString(v);
        if (ref === undefined) return;
        const where = at(field, i);
        const target = this.resolve(ref, dir, where, 'resource');
        if (target === undefined) return;
        if (kustomizationFileIn(this.files, target)) {
          const child = this.read(target, where);
          if (child) node.children.push(child);
          return;
        }
        if (!this.files.has(target) && this.files.hasFolder(target)) {
          this.fail(where, `resource "${ref}" is a folder without a kustomization.yaml`);
          return;
        }
        const got = this.found(target, ref, where, 'resource');
        if (!got) return;
        if (!isWithin(target, dir)) {
          this.fail(where, `resource "${ref}" is outside the kustomization's folder ${dir || '.'} (kustomize's load restrictor refuses it)`);
          return;
        }
        // kustomize refuses a resource with a duplicate key (patches and kustomizations it reads anyway)
        node.resources.push(...expandLists(docsOf(got.path, got.text, this.limits, this.errors, undefined, { uniqueKeys: true })));
      });
    }

    asArray(k.components).forEach((v, i) => {
      const ref = asString(v);
      if (ref === undefined) return;
      const where = at('components', i);
      const target = this.resolve(ref, dir, where, 'component');
      if (target === undefined) return;
      const comp = this.read(target, where);
      if (comp) node.components.push(comp);
    });

    asArray(k.crds).forEach((v, i) => {
      const ref = asString(v);
      if (ref !== undefined) this.file(ref, dir, at('crds', i), 'crd');
    });

    // Strategic-merge patches first, then `patches`, then JSON 6902 patches (kustomize's builtin order).
    asArray(k.patchesStrategicMerge).forEach((v, i) => {
      const text = asString(v);
      if (text === undefined) return;
      const where = at('patchesStrategicMerge', i);
      this.addPatch(node, text, undefined, where, dir, 'strategic');
    });
    asArray(k.patches).forEach((v, i) => {
      const p = asObject(v);
      if (!p) return;
      const target = asObject(p.target) as Target | undefined;
      const inline = asString(p.patch);
      if (inline !== undefined) this.addInlinePatch(node, inline, target, at('patches', i, 'patch'), undefined);
      else if (asString(p.path) !== undefined) this.addPatch(node, asString(p.path)!, target, at('patches', i, 'path'), dir, undefined);
    });
    asArray(k.patchesJson6902).forEach((v, i) => {
      const p = asObject(v);
      if (!p) return;
      const target = asObject(p.target) as Target | undefined;
      const inline = asString(p.patch);
      if (inline !== undefined) this.addInlinePatch(node, inline, target, at('patchesJson6902', i, 'patch'), 'json6902');
      else if (asString(p.path) !== undefined) this.addPatch(node, asString(p.path)!, target, at('patchesJson6902', i, 'path'), dir, 'json6902');
    });

    for (const field of ['configMapGenerator', 'secretGenerator'] as const) {
      asArray(k[field]).forEach((v, i) => {
        const g = asObject(v);
        const name = asString(g?.name);
        if (!g || name === undefined) return;
        const behavior = g.behavior === 'merge' || g.behavior === 'replace' ? g.behavior : 'create';
        const gen: Generator = { kind: field === 'configMapGenerator' ? 'ConfigMap' : 'Secret', name, namespace: asString(g.namespace), entry: at(field, i), behavior, keys: new Map() };
        asArray(g.literals).forEach((l, j) => {
          const lit = asString(l);
          if (lit?.includes('=')) gen.keys.set(lit.slice(0, lit.indexOf('=')).trim(), at(field, i, 'literals', j));
        });
        asArray(g.files).forEach((f, j) => {
          const spec = asString(f);
          if (spec === undefined) return;
          const eq = spec.indexOf('=');
          const ref = eq >= 0 ? spec.slice(eq + 1) : spec;
          const where = at(field, i, 'files', j);
          if (this.file(ref, dir, where, 'generator file')) gen.keys.set(eq >= 0 ? spec.slice(0, eq) : posix.basename(ref), where);
        });
        const envs = [...asArray(g.envs).map((e, j) => ({ e, where: at(field, i, 'envs', j) })), ...(g.env !== undefined ? [{ e: g.env, where: at(field, i, 'env') }] : [])];
        for (const { e, where } of envs) {
          const ref = asString(e);
          const got = ref === undefined ? undefined : this.file(ref, dir, where, 'generator env file');
          if (got) for (const [key, loc] of envFileKeys(got.path, got.text)) gen.keys.set(key, loc);
        }
        node.generators.push(gen);
      });
    }

    for (const field of ['generators', 'transformers', 'validators', 'configurations'] as const) {
      asArray(k[field]).forEach((v, i) => {
        const ref = asString(v);
        if (ref === undefined || ref.includes('\n')) return;
        const where = at(field, i);
        const target = this.resolve(ref, dir, where, field.replace(/s$/, ''));
        if (target === undefined) return;
        if (kustomizationFileIn(this.files, target)) {
          if (!this.dirs.includes(target)) this.read(target, where);
        } else {
          const got = this.file(ref, dir, where, field.replace(/s$/, ''));
          if (got) this.name(docsOf(got.path, got.text, this.limits, []), where);
        }
      });
    }
    const openapi = asString(asObject(k.openapi)?.path);
    if (openapi !== undefined) this.file(openapi, dir, at('openapi', 'path'), 'openapi schema');
    asArray(k.replacements).forEach((v, i) => {
      const ref = asString(asObject(v)?.path);
      if (ref === undefined) {
        node.replacements.push(...replacementsIn(v, (...p) => at('replacements', i, ...p)));
        return;
      }
      const got = this.file(ref, dir, at('replacements', i, 'path'), 'replacement');
      for (const d of got ? docsOf(got.path, got.text, this.limits, []) : []) node.replacements.push(...replacementsIn(d.data, (...p) => d.locate(p) ?? { path: d.file, line: d.line }));
    });
    for (const field of ['helmCharts', 'helmChartInflationGenerator'] as const) {
      asArray(k[field]).forEach((entry, i) => {
        const chart = asString(asObject(entry)?.name) ?? asString(asObject(entry)?.chartName);
        this.withheld.push({ file, field, chart, at: at(field, i) });
      });
    }

    asArray(k.images).forEach((v, i) => {
      const img = asObject(v);
      const name = asString(img?.name);
      if (!img || name === undefined) return;
      const line = img.digest !== undefined ? at('images', i, 'digest') : img.newTag !== undefined ? at('images', i, 'newTag') : at('images', i);
      node.images.push({ name, newName: asString(img.newName), entry: line });
    });
    asArray(k.replicas).forEach((v, i) => {
      const r = asObject(v);
      const name = asString(r?.name);
      if (r && name !== undefined) node.replicas.push({ name, entry: r.count !== undefined ? at('replicas', i, 'count') : at('replicas', i) });
    });
    for (const [key, loc] of Object.keys(asObject(k.commonLabels) ?? {}).map((key) => [key, at('commonLabels', key)] as const)) node.labels.set(key, loc);
    asArray(k.labels).forEach((v, i) => {
      for (const key of Object.keys(asObject(asObject(v)?.pairs) ?? {})) node.labels.set(key, at('labels', i, 'pairs', key));
    });
    for (const key of Object.keys(asObject(k.commonAnnotations) ?? {})) node.annotations.set(key, at('commonAnnotations', key));
    return node;
  }

  private addPatch(node: KustomizationNode, ref: string, target: Target | undefined, where: SourceLocation, dir: string, type: Patch['type'] | undefined): void {
    // A patchesStrategicMerge entry may be the patch itself rather than a path.
    if (ref.includes('\n') || /^\s*(apiVersion|kind)\s*:/.test(ref)) {
      this.addInlinePatch(node, ref, target, where, 'strategic');
      return;
    }
    const got = this.file(ref, dir, where, 'patch');
    if (!got) return;
    this.pushPatch(node, docsOf(got.path, got.text, this.limits, this.errors), target, where, type);
  }

  private addInlinePatch(node: KustomizationNode, text: string, target: Target | undefined, where: SourceLocation, type: Patch['type'] | undefined): void {
    // A block scalar's text starts on the line after its key; a one-line string sits on the key's line.
    const shift = { path: where.path, line: text.includes('\n') ? where.line : where.line - 1 };
    this.pushPatch(node, docsOf(where.path, text, this.limits, this.errors, shift), target, where, type);
  }

  private name(docs: SourceDoc[], at: SourceLocation): void {
    for (const d of objectDocs(docs)) this.namedObjects.push({ kind: String(d.data.kind), name: String(d.data.metadata?.name ?? ''), at });
  }

  private pushPatch(node: KustomizationNode, docs: SourceDoc[], target: Target | undefined, entry: SourceLocation, type: Patch['type'] | undefined): void {
    const isOps = docs.length === 1 && Array.isArray(docs[0].data);
    const patchDocs = isOps ? docs : expandLists(docs);
    this.name(patchDocs, entry);
    node.patches.push({ type: type ?? (isOps ? 'json6902' : 'strategic'), entry, target, docs: patchDocs });
  }
}

export function readKustomizationGraph(files: RepoFiles, root: string, limits: ParseLimits): KustomizationGraph {
  const reader = new GraphReader(files, limits);
  const dir = root === '.' ? '' : root.replace(/\/+$/, '');
  const node = reader.read(dir);
  return { root: node, errors: reader.errors, dirs: reader.dirs, entries: reader.entries, namedObjects: reader.namedObjects, withheld: reader.withheld };
}

/** Resource documents that are Kubernetes objects. */
export function objectDocs(docs: SourceDoc[]): (SourceDoc & { data: KubeObject })[] {
  return docs.filter((d): d is SourceDoc & { data: KubeObject } => isKubeObject(d.data));
}
