// A chart's effective values for one environment and the file line of every key: the environment's
// values file wins over values.yaml; a subchart reads `<sub>.*` from its parent's files, then its own values.yaml.
import type { FieldPath, RenderError, SourceLocation, ValuesView } from '../core/types.js';
import { commentsAround, parseYamlFile, type ParsedDocument } from './yaml-source.js';

export interface ValuesSource {
  file: string;
  /** Where the chart's values sit inside this file (['cache'] for a parent's section of subchart `cache`). */
  root: string[];
  doc?: ParsedDocument;
  lines: string[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Helm's coalescing: maps merge key by key, anything else replaces, null deletes. */
export function mergeValues(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) {
    if (v === null) delete out[k];
    else out[k] = mergeValues(base[k], v);
  }
  return out;
}

export function getIn(value: unknown, path: FieldPath): { found: boolean; value: unknown } {
  let cur: unknown = value;
  for (const seg of path) {
    if (Array.isArray(cur) && /^\d+$/.test(String(seg)) && Number(seg) < cur.length) cur = cur[Number(seg)];
    else if (isPlainObject(cur) && Object.prototype.hasOwnProperty.call(cur, String(seg))) cur = cur[String(seg)];
    else return { found: false, value: undefined };
  }
  return { found: true, value: cur };
}

export function loadValuesSource(file: string, text: string | undefined, root: string[], errors: RenderError[], maxAliasCount: number): ValuesSource | undefined {
  if (text === undefined) return undefined;
  const parsed = parseYamlFile(text, file, { maxAliasCount, maxDocuments: 1 });
  errors.push(...parsed.errors.filter((e) => e.ruleId !== 'limit-exceeded' || !/documents exceed/.test(e.message)).map((e) => ({ ...e, ruleId: e.ruleId ?? 'render-error' })));
  return { file, root, doc: parsed.documents[0], lines: parsed.lines };
}

export class ChartValues implements ValuesView {
  constructor(
    readonly file: string,
    readonly values: Record<string, unknown>,
    /** Highest priority first. */
    readonly sources: ValuesSource[],
  ) {}

  /** The source that sets `path`, with the key's location there. */
  private find(path: FieldPath): { source: ValuesSource; loc: SourceLocation } | undefined {
    for (const source of this.sources) {
      if (!source.doc) continue;
      // `global` is shared: a subchart's global.x is the parent's global.x.
      const inFile = path[0] === 'global' ? path : [...source.root, ...path];
      if (inFile.length === 0) continue;
      const loc = source.doc.locate(inFile);
      if (loc) return { source, loc };
    }
    return undefined;
  }

  locate(path: FieldPath): SourceLocation | undefined {
    return this.find(path)?.loc;
  }

  /** Comments on/above the key's line in the file that sets it. */
  commentsAt(path: FieldPath): string[] {
    const hit = this.find(path);
    return hit ? commentsAround(hit.source.lines, hit.loc.line) : [];
  }

  /** Whether the environment's own file (not values.yaml) sets the key. */
  setByEnvironment(path: FieldPath): boolean {
    const hit = this.find(path);
    return !!hit && hit.source === this.sources[0] && this.sources[0].file === this.file && this.sources.length > 1;
  }

  get(path: FieldPath): { found: boolean; value: unknown } {
    return getIn(this.values, path);
  }
}

/** Builds the values view of a chart: sources highest priority first; effective values merged lowest first. */
export function chartValues(file: string, sources: ValuesSource[]): ChartValues {
  let values: unknown = {};
  for (const s of [...sources].reverse()) {
    if (!s.doc) continue;
    const own = getIn(s.doc.data, s.root);
    if (own.found && isPlainObject(own.value)) values = mergeValues(values, own.value);
    if (s.root.length > 0 && isPlainObject(s.doc.data) && isPlainObject(s.doc.data.global)) values = mergeValues(values, { global: s.doc.data.global });
  }
  return new ChartValues(file, isPlainObject(values) ? values : {}, sources);
}
