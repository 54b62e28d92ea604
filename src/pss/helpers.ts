// Small helpers shared by the checks, with the semantics of upstream's policy/helpers.go and
// visitor.go (container visiting order: initContainers, containers, ephemeralContainers).
import type { FieldPath } from '../core/types.js';
import type { Json } from './types.js';

export function joinQuote(items: string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `containers "a", "b"` / `container "a"`. */
export function containersPhrase(names: string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Sorted, de-duplicated (Go's sets.NewString(...).List()). */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function asString(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export interface VisitedContainer {
  container: Json;
  name: string;
  /** Path relative to the pod spec: ['containers', 0]. */
  path: FieldPath;
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

export function containersOf(spec: Json): VisitedContainer[] {
  const out: VisitedContainer[] = [];
  for (const list of CONTAINER_LISTS) {
    asArray(spec[list]).forEach((container, i) => {
      if (isObject(container)) out.push({ container, name: asString(container.name), path: [list, i] });
    });
  }
  return out;
}

/** The container's securityContext when it is an object. */
export function securityContextOf(c: Json): Json | undefined {
  return isObject(c.securityContext) ? c.securityContext : undefined;
}

export function podSecurityContextOf(spec: Json): Json | undefined {
  return isObject(spec.securityContext) ? spec.securityContext : undefined;
}

/** The deepest existing prefix of `path` inside `root` (where a missing field should be added). */
export function existingPrefix(root: Json, path: FieldPath): FieldPath {
  let cur: any = root;
  const out: FieldPath = [];
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !(seg in cur)) break;
    cur = cur[seg as any];
    out.push(seg);
  }
  return out;
}

/** spec.os.name == "windows" (upstream exempts such pods from some restricted checks from 1.25). */
export function isWindowsPod(spec: Json): boolean {
  return isObject(spec.os) && spec.os.name === 'windows';
}

/** spec.hostUsers == false: the pod runs in a user namespace (KEP-127 relaxations from 1.35). */
export function isUserNamespacePod(spec: Json): boolean {
  return spec.hostUsers === false;
}
