// Field paths of a kustomize output object against the sources that built it: list items are paired
// with a source's items by merge key, and a list's order at any point of the build is replayed from
// the sources applied so far (kustomize's merge puts a patch's items first, JSON 6902 operations
// insert and remove by index), so an index an earlier operation used can be found in the output.
import type { FieldPath, KubeObject, SourceLocation } from '../core/types.js';
import { getIn } from './values-locate.js';

/** Says where `path` of the output object is set by one source; undefined when it does not set that exact path. */
export type Setter = (path: FieldPath, output: KubeObject) => SourceLocation | undefined;

/** What a list item is called across sources (its merge key and value); undefined when it has no such name. */
export type Identity = string | undefined;

/** The items of the list at `listPath` (an output path) after one source, given the items before it. */
export type ListShaper = (listPath: FieldPath, output: KubeObject, before: Identity[]) => Identity[];

/** Keys kustomize's strategic merge uses to pair list items. */
const MERGE_KEYS = ['name', 'mountPath', 'containerPort', 'port', 'devicePath', 'ip', 'topologyKey'];

export function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function mergeKeyOf(item: Record<string, unknown>): string | undefined {
  return MERGE_KEYS.find((k) => item[k] !== undefined && typeof item[k] !== 'object');
}

export function identityOf(item: unknown): Identity {
  if (!isObject(item)) return undefined;
  const key = mergeKeyOf(item);
  return key === undefined ? undefined : `${key}=${JSON.stringify(item[key])}`;
}

/** The index in `source` of the list item that became `item` in the output (by merge key, value, or position). */
function pairedIndex(item: unknown, index: number, output: unknown[], source: unknown[]): number {
  if (isObject(item)) {
    const key = mergeKeyOf(item);
    if (key) return source.findIndex((s) => isObject(s) && s[key] === item[key]);
    return output.length === source.length ? index : -1;
  }
  return source.indexOf(item);
}

/** Rewrites an output path into the same field's path inside a source document (list items paired by merge key). */
export function translate(output: unknown, path: FieldPath, source: unknown): FieldPath | undefined {
  const out: FieldPath = [];
  let o = output;
  let s = source;
  for (const seg of path) {
    if (Array.isArray(o)) {
      if (!Array.isArray(s)) return undefined;
      const i = Number(seg);
      const j = pairedIndex(o[i], i, o, s);
      if (j < 0) return undefined;
      out.push(j);
      o = o[i];
      s = s[j];
    } else {
      if (!isObject(s) || !Object.prototype.hasOwnProperty.call(s, String(seg))) return undefined;
      out.push(String(seg));
      o = isObject(o) ? o[String(seg)] : undefined;
      s = s[String(seg)];
    }
  }
  return out;
}

/** The same list inside a source document, when the document has it. */
function listIn(doc: unknown, listPath: FieldPath, output: KubeObject): unknown[] | undefined {
  const p = translate(output, listPath, doc);
  const list = p ? getIn(doc, p).value : undefined;
  return Array.isArray(list) ? list : undefined;
}

/** A resource document defines the list as written. */
export function resourceShaper(doc: unknown): ListShaper {
  return (listPath, output, before) => listIn(doc, listPath, output)?.map(identityOf) ?? before;
}

const directive = (item: unknown): unknown => (isObject(item) ? item.$patch : undefined);

/**
 * A strategic-merge patch replaces a list without merge keys; a list with them comes out as the
 * patch's items in the patch's order, then the earlier items it does not name (minus `$patch: delete`).
 */
export function strategicShaper(doc: unknown): ListShaper {
  return (listPath, output, before) => {
    const items = listIn(doc, listPath, output);
    if (!items) return before;
    const named = items.filter((i) => identityOf(i) !== undefined);
    if (named.length === 0 || items.some((i) => directive(i) === 'replace')) return items.filter((i) => directive(i) === undefined).map(identityOf);
    const ids = named.map(identityOf);
    return [...named.filter((i) => directive(i) !== 'delete').map(identityOf), ...before.filter((id) => id === undefined || !ids.includes(id))];
  };
}

/** The list's items, by identity, once every shaper so far has run. */
export function listAfter(shapers: ListShaper[], listPath: FieldPath, output: KubeObject): Identity[] {
  return shapers.reduce<Identity[]>((ids, shape) => shape(listPath, output, ids), []);
}
