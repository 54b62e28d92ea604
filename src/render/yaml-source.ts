// Plain YAML → objects with line-accurate source maps (the `yaml` package's node ranges).
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document, type Node as YamlNode } from 'yaml';
import type { FieldPath, KubeObject, RenderError, RenderedObject, SourceLocation } from '../core/types.js';
import { objectRefOf } from '../core/types.js';
import { depthMessage, yamlDepthExcess } from '../workspace/yaml-depth.js';

export interface ParseLimits {
  maxAliasCount: number;
  maxDocuments: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxAliasCount: 100, maxDocuments: 5_000 };

export interface ParseOptions {
  /**
   * Kubernetes objects: a mapping key written twice is an error at the second one, as kubectl's
   * strict decoding (and kustomize reading a resource) refuses the file. The document is still
   * read, the last value winning, so the rest of it is reviewed. Off for values files and
   * kustomizations, which helm and kustomize read with the last (or first) value and no error.
   */
  uniqueKeys?: boolean;
}

export interface ParsedDocument {
  /** The document's data (undefined for empty documents). */
  data: unknown;
  /** Line (1-based) where the document's content starts. */
  line: number;
  /** Locates a field path inside this document; undefined when the path does not exist. */
  locate(path: FieldPath): SourceLocation | undefined;
}

export interface ParsedYaml {
  documents: ParsedDocument[];
  errors: RenderError[];
  lines: string[];
}

/** A YAML node range resolved to lines. Key line for map entries, item start for sequence items. */
function nodeLines(lc: LineCounter, start: number, end: number): { line: number; endLine: number } {
  const line = lc.linePos(start).line;
  const endLine = Math.max(line, lc.linePos(Math.max(start, end - 1)).line);
  return { line, endLine };
}

/** The last of duplicate keys: the one whose value the document holds. */
function lastPairOf<P extends { key: unknown }>(items: P[], key: string): P | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const k = items[i].key;
    if ((isScalar(k) ? String(k.value) : String(k)) === key) return items[i];
  }
  return undefined;
}

export function locateInDocument(doc: Document, lc: LineCounter, path: FieldPath, file: string): SourceLocation | undefined {
  let node: unknown = doc.contents;
  let loc: SourceLocation | undefined;
  if (path.length === 0) {
    const r = (node as YamlNode | null)?.range;
    return r ? { path: file, ...nodeLines(lc, r[0], r[1]) } : undefined;
  }
  for (const seg of path) {
    if (isMap(node)) {
      const pair = lastPairOf(node.items, String(seg));
      if (!pair) return undefined;
      const keyRange = (pair.key as YamlNode | null)?.range;
      const valRange = (pair.value as YamlNode | null)?.range;
      const start = keyRange?.[0] ?? valRange?.[0];
      if (start === undefined) return undefined;
      const end = valRange?.[1] ?? keyRange?.[1] ?? start;
      loc = { path: file, ...nodeLines(lc, start, end) };
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as YamlNode | undefined;
      if (!item?.range) return undefined;
      loc = { path: file, ...nodeLines(lc, item.range[0], item.range[1]) };
      node = item;
    } else {
      return undefined;
    }
  }
  return loc;
}

/** Every key of a mapping that an earlier key of the same mapping already wrote, at its line. */
function duplicateKeyErrors(doc: Document, lc: LineCounter, file: string): RenderError[] {
  const errors: RenderError[] = [];
  visit(doc, {
    Map(_, map) {
      const firstLine = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) continue;
        const key = String(pair.key.value);
        if (key === '<<') continue; // merge keys, resolved by `merge: true`
        const line = lc.linePos(pair.key.range[0]).line;
        const first = firstLine.get(key);
        if (first === undefined) firstLine.set(key, line);
        else errors.push({ message: `mapping key "${key.length > 100 ? `${key.slice(0, 100)}…` : key}" already defined at line ${first} (kubectl refuses duplicate keys)`, path: file, line, ruleId: 'render-error' });
      }
    },
  });
  return errors;
}

/** Parses every document of a YAML file with source ranges. Never throws: problems become errors with lines. */
export function parseYamlFile(text: string, file: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS, options: ParseOptions = {}): ParsedYaml {
  const lc = new LineCounter();
  const errors: RenderError[] = [];
  const documents: ParsedDocument[] = [];
  let docs: Document.Parsed[];
  const tooDeep = yamlDepthExcess(text);
  if (tooDeep) return { documents, errors: [{ message: depthMessage(tooDeep), path: file, line: tooDeep.line, ruleId: 'limit-exceeded' }], lines: text.split(/\r?\n/) };
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false, logLevel: 'error', merge: true }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  } catch (e) {
    return { documents, errors: [{ message: `cannot parse YAML: ${(e as Error).message}`, path: file, line: 1 }], lines: text.split(/\r?\n/) };
  }
  if (docs.length > limits.maxDocuments) {
    errors.push({ message: `${docs.length} YAML documents exceed the limit of ${limits.maxDocuments}; only the first ${limits.maxDocuments} are reviewed`, path: file, line: 1, ruleId: 'limit-exceeded' });
    docs = docs.slice(0, limits.maxDocuments);
  }
  for (const doc of docs) {
    const startOffset = (doc.contents as YamlNode | null)?.range?.[0] ?? doc.range?.[0] ?? 0;
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      errors.push({ message: `invalid YAML: ${err.message.split('\n')[0]}`, path: file, line: err.linePos?.[0]?.line ?? lc.linePos(err.pos?.[0] ?? startOffset).line });
      continue;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (e) {
      errors.push({ message: `invalid YAML: ${(e as Error).message.split('\n')[0]}`, path: file, line: lc.linePos(startOffset).line, ruleId: 'limit-exceeded' });
      continue;
    }
    if (options.uniqueKeys) errors.push(...duplicateKeyErrors(doc, lc, file));
    documents.push({
      data,
      line: lc.linePos(startOffset).line,
      locate: (path) => locateInDocument(doc, lc, path, file),
    });
  }
  return { documents, errors, lines: text.split(/\r?\n/) };
}

/** Comment lines directly above `line` plus a trailing comment on the line itself. */
export function commentsAround(lines: string[], line: number): string[] {
  const out: string[] = [];
  const own = lines[line - 1];
  if (own !== undefined) {
    const m = /\s#\s?(.*)$/.exec(own);
    if (m && !/["']/.test(own.slice(own.indexOf(m[0]) + m[0].length))) out.push(m[1].trim());
  }
  for (let i = line - 2; i >= 0; i--) {
    const t = lines[i].trim();
    if (t.startsWith('#')) out.unshift(t.replace(/^#+\s?/, ''));
    else if (/^\{\{-?\s*\/\*.*\*\/\s*-?\}\}$/.test(t)) out.unshift(t.replace(/^\{\{-?\s*\/\*\s?|\s?\*\/\s*-?\}\}$/g, ''));
    else break;
  }
  return out;
}

export function isKubeObject(data: unknown): data is KubeObject {
  return !!data && typeof data === 'object' && !Array.isArray(data) && typeof (data as KubeObject).kind === 'string';
}

/** Expands `kind: List` / `*List` documents into their items, keeping item paths for location. */
function expandLists(data: KubeObject, base: FieldPath): { object: KubeObject; path: FieldPath }[] {
  if (/List$/.test(String(data.kind)) && Array.isArray((data as { items?: unknown }).items)) {
    return ((data as { items: unknown[] }).items)
      .map((item, i) => ({ object: item as KubeObject, path: [...base, 'items', i] }))
      .filter((x) => isKubeObject(x.object));
  }
  return [{ object: data, path: base }];
}

/** A plain manifest file → rendered objects whose fields point at the file's own lines. */
export function manifestObjects(text: string, file: string, unitId: string, environment = 'default', limits?: ParseLimits): { objects: RenderedObject[]; errors: RenderError[] } {
  const parsed = parseYamlFile(text, file, limits, { uniqueKeys: true });
  const objects: RenderedObject[] = [];
  for (const doc of parsed.documents) {
    if (!isKubeObject(doc.data)) continue;
    for (const { object, path: prefix } of expandLists(doc.data, [])) {
      const source: SourceLocation = doc.locate(prefix) ?? { path: file, line: doc.line };
      const locate = (path: FieldPath): SourceLocation => {
        for (let n = path.length; n >= 0; n--) {
          const loc = doc.locate([...prefix, ...path.slice(0, n)]);
          if (loc) return loc;
        }
        return source;
      };
      objects.push({
        object,
        ref: objectRefOf(object),
        unitId,
        environment,
        source: { path: file, line: source.line, endLine: source.endLine },
        locate,
        commentsAt: (path) => commentsAround(parsed.lines, locate(path).line),
      });
    }
  }
  return { objects, errors: parsed.errors };
}
