// kustomize `replacements`: each copies one field of a source object into fields of the objects its
// targets select. Read from a kustomization entry (or a replacement file), and matched against
// output paths: `spec.template.spec.containers.[name=app].image`, `*`, indexes.
import type { FieldPath, KubeObject, SourceLocation } from '../core/types.js';
import { isObject } from './kustomize-fields.js';
import type { Target } from './kustomize-graph.js';

export interface Replacement {
  source: Target & { fieldPath: string };
  /** The `source:` entry: where the value is set when its source object is not known. */
  entry: SourceLocation;
  targets: { select: Target; reject: Target[]; fieldPaths: string[] }[];
}

const SELECTOR_FIELDS = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const;

function selectorOf(v: unknown): Target {
  const out: Target = {};
  if (isObject(v)) for (const f of SELECTOR_FIELDS) if (typeof v[f] === 'string') out[f] = v[f] as string;
  return out;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/**
 * The replacements in one entry or replacement-file document (a replacement or a list of them).
 * `at` locates a path inside `data`.
 */
export function replacementsIn(data: unknown, at: (...path: (string | number)[]) => SourceLocation): Replacement[] {
  if (Array.isArray(data)) return data.flatMap((r, i) => replacementsIn(r, (...p) => at(i, ...p)));
  if (!isObject(data) || !isObject(data.source)) return [];
  const fieldPath = typeof data.source.fieldPath === 'string' ? data.source.fieldPath : 'metadata.name';
  const targets = (Array.isArray(data.targets) ? data.targets : []).filter(isObject).map((t) => ({
    select: selectorOf(t.select),
    reject: (Array.isArray(t.reject) ? t.reject : []).map(selectorOf),
    fieldPaths: strings(t.fieldPaths),
  }));
  return [{ source: { ...selectorOf(data.source), fieldPath }, entry: at('source'), targets }];
}

/** Splits a kustomize field path on dots outside brackets: `a.[b.c=d].e` → a, [b.c=d], e. */
function segmentsOf(fieldPath: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of fieldPath) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === '.' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** `[key=value]` → the list item's key and value. */
function itemSelector(seg: string): { key: string; value: string } | undefined {
  const m = /^\[([^=\]]+)=(.*)\]$/.exec(seg);
  return m ? { key: m[1], value: m[2] } : undefined;
}

function segmentMatches(seg: string, key: string | number, container: unknown): boolean {
  if (seg === '*') return true;
  if (!Array.isArray(container)) return seg === String(key);
  const sel = itemSelector(seg);
  const item = container[Number(key)];
  return sel ? isObject(item) && String(item[sel.key]) === sel.value : seg === String(key);
}

/** Whether `path` of the output object is the field a target's field path names. */
export function namesField(fieldPath: string, path: FieldPath, output: KubeObject): boolean {
  const segs = segmentsOf(fieldPath);
  if (segs.length !== path.length) return false;
  let cur: unknown = output;
  for (let k = 0; k < segs.length; k++) {
    if (!segmentMatches(segs[k], path[k], cur)) return false;
    cur = Array.isArray(cur) ? cur[Number(path[k])] : isObject(cur) ? cur[String(path[k])] : undefined;
  }
  return true;
}

/** The output path a source field path names in `output`, if the field is there. */
export function resolveField(fieldPath: string, output: KubeObject): FieldPath | undefined {
  const path: FieldPath = [];
  let cur: unknown = output;
  for (const seg of segmentsOf(fieldPath)) {
    if (Array.isArray(cur)) {
      const sel = itemSelector(seg);
      const i = sel ? cur.findIndex((item) => isObject(item) && String(item[sel.key]) === sel.value) : /^\d+$/.test(seg) ? Number(seg) : -1;
      if (i < 0 || i >= cur.length) return undefined;
      path.push(i);
      cur = cur[i];
    } else if (isObject(cur) && Object.prototype.hasOwnProperty.call(cur, seg)) {
      path.push(seg);
      cur = cur[seg];
    } else return undefined;
  }
  return path;
}
