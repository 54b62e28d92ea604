// Shared helpers of the parity rules (kube-linter / kube-score checks): which objects run pods,
// which pods a selector reaches, container ports and probes.
import type { FieldPath, Fix, RenderedObject, Snapshot, SourceLocation } from '../../src/core/types.js';
import { parseKeyLine, readLines, replaceLinesFix } from '../../src/engine/fixes.js';
import { WORKLOAD_KINDS, containersOf, getIn, selectorMatches, type ContainerRef, type Json, type PodSpecRef } from '../../src/k8s/workloads.js';
import { namespaceOf, sameNamespace } from '../seed/support.js';

export { containerLabel, namespaceOf, objectLabel, sameNamespace, workloadsOf } from '../seed/support.js';

/** Kinds whose pods are meant to keep running (probes, anti-affinity, services make sense). */
export const LONG_RUNNING_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig']);

/** Where each workload kind keeps its pod template's metadata (a Pod's labels are its own). */
const POD_METADATA_PATHS: Record<string, FieldPath> = {
  Pod: ['metadata'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
};

/**
 * Labels of the pods an object creates: its pod template's labels, or a Pod's own. Read from the
 * template metadata directly, so a template without a spec still counts for selectors.
 */
export function podLabelsOf(o: RenderedObject): Record<string, string> | undefined {
  if (!WORKLOAD_KINDS.includes(o.ref.kind)) return undefined;
  const labels = getIn(o.object, [...(POD_METADATA_PATHS[o.ref.kind] ?? ['spec', 'template', 'metadata']), 'labels']);
  return isPlainMap(labels) ? (labels as Record<string, string>) : {};
}

interface PodOwner {
  object: RenderedObject;
  namespace: string | undefined;
  labels: Record<string, string>;
}

interface PodOwners {
  all: PodOwner[];
  /** Owners by namespace; owners without one (left to the deploy context) are in `unplaced`. */
  byNamespace: Map<string, PodOwner[]>;
  unplaced: PodOwner[];
}

// Every Service and NetworkPolicy asks about the same object list: find its pod owners once per
// list, grouped by namespace so a selector only looks at its own namespace.
const podOwnersCache = new WeakMap<RenderedObject[], PodOwners>();

function podOwnersOf(all: RenderedObject[]): PodOwners {
  let owners = podOwnersCache.get(all);
  if (!owners) {
    owners = { all: [], byNamespace: new Map(), unplaced: [] };
    for (const o of all) {
      const labels = podLabelsOf(o);
      if (labels === undefined) continue;
      const owner = { object: o, namespace: namespaceOf(o), labels };
      owners.all.push(owner);
      if (owner.namespace === undefined) owners.unplaced.push(owner);
      else {
        const list = owners.byNamespace.get(owner.namespace) ?? [];
        list.push(owner);
        owners.byNamespace.set(owner.namespace, list);
      }
    }
    podOwnersCache.set(all, owners);
  }
  return owners;
}

/** Owners carrying the label pair `key=value`, indexed on first use. */
const byLabelCache = new WeakMap<PodOwners, Map<string, PodOwner[]>>();

function ownersWithLabel(owners: PodOwners, key: string, value: string): PodOwner[] {
  let index = byLabelCache.get(owners);
  if (!index) {
    index = new Map();
    for (const o of owners.all) {
      for (const [k, v] of Object.entries(o.labels)) {
        const id = `${k}\u0000${String(v)}`;
        const list = index.get(id) ?? [];
        list.push(o);
        index.set(id, list);
      }
    }
    byLabelCache.set(owners, index);
  }
  return index.get(`${key}\u0000${value}`) ?? [];
}

/**
 * Objects (anywhere in the index) whose pods land in `namespace` and carry labels matching
 * `matches`. `required`, when the selector demands a label pair, narrows the search to the pods
 * carrying it (a Service's selector, a matchLabels entry).
 */
export function podOwnersMatching(all: RenderedObject[], namespace: string | undefined, matches: (labels: Record<string, string>) => boolean, required?: [string, string]): RenderedObject[] {
  const owners = podOwnersOf(all);
  let candidates: PodOwner[];
  if (required) candidates = ownersWithLabel(owners, required[0], required[1]).filter((o) => sameNamespace(o.namespace, namespace));
  else candidates = namespace === undefined ? owners.all : [...(owners.byNamespace.get(namespace) ?? []), ...owners.unplaced];
  return candidates.filter((p) => matches(p.labels)).map((p) => p.object);
}

/** A label pair every pod a selector matches must carry (the first matchLabels entry), if any. */
export function requiredLabelOf(selector: unknown, structured: boolean): [string, string] | undefined {
  const labels = structured ? (isPlainMap(selector) ? selector.matchLabels : undefined) : selector;
  if (!isPlainMap(labels)) return undefined;
  const first = Object.entries(labels)[0];
  return first ? [first[0], String(first[1])] : undefined;
}

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A LabelSelector the API server would accept: matchLabels a map, matchExpressions a list of {key, operator}. */
export function isWellFormedSelector(selector: unknown): selector is Json {
  if (!isPlainMap(selector)) return false;
  if (selector.matchLabels !== undefined && selector.matchLabels !== null && !isPlainMap(selector.matchLabels)) return false;
  const exprs = selector.matchExpressions;
  if (exprs === undefined || exprs === null) return true;
  return Array.isArray(exprs) && exprs.every((e) => isPlainMap(e) && typeof e.key === 'string' && typeof e.operator === 'string' && (e.values === undefined || Array.isArray(e.values)));
}

/** selectorMatches for selectors written in the repository, which may be malformed: those match nothing. */
export function labelSelectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  return isWellFormedSelector(selector) && selectorMatches(selector, labels);
}

/** A plain `key: value` map selector (Service.spec.selector) matches when every pair is present. */
export function mapSelects(selector: Record<string, unknown>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === String(v));
}

export function selectorText(selector: Json | undefined): string {
  if (!selector || typeof selector !== 'object') return '{}';
  const parts: string[] = [];
  const structured = 'matchLabels' in selector || 'matchExpressions' in selector;
  const labels = structured ? selector.matchLabels : selector;
  for (const [k, v] of Object.entries(isPlainMap(labels) ? labels : {})) parts.push(`${k}=${String(v)}`);
  const exprs = structured && Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of exprs) if (isPlainMap(e)) parts.push(`${String(e.key)} ${String(e.operator)}${Array.isArray(e.values) ? ` (${e.values.join(',')})` : ''}`);
  return parts.length ? parts.join(', ') : '{}';
}

export interface PortRef {
  name?: string;
  containerPort?: number;
  protocol: string;
}

export function containerPorts(c: ContainerRef): PortRef[] {
  const ports = Array.isArray(c.container.ports) ? c.container.ports : [];
  return ports.filter((p: unknown) => p && typeof p === 'object').map((p: Json) => ({
    name: typeof p.name === 'string' ? p.name : undefined,
    containerPort: typeof p.containerPort === 'number' ? p.containerPort : undefined,
    protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
  }));
}

export const PROBE_KINDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

/** The probe's port handler: which field (httpGet/tcpSocket/grpc) names which port. */
export function probePort(probe: Json | undefined): { handler: 'httpGet' | 'tcpSocket' | 'grpc'; port: string | number } | undefined {
  if (!probe || typeof probe !== 'object') return undefined;
  for (const handler of ['httpGet', 'tcpSocket', 'grpc'] as const) {
    const port = getIn(probe, [handler, 'port']);
    if (typeof port === 'number' || (typeof port === 'string' && port !== '')) return { handler, port };
  }
  return undefined;
}

/** Is this object the HPA-style scale target `ref` ({apiVersion?, kind, name}) in `namespace`? */
export function isScaleTarget(o: RenderedObject, ref: Json | undefined, namespace: string | undefined): boolean {
  if (!ref || typeof ref !== 'object') return false;
  if (o.ref.kind !== ref.kind || o.ref.name !== ref.name || !sameNamespace(namespaceOf(o), namespace)) return false;
  if (typeof ref.apiVersion !== 'string' || !ref.apiVersion.includes('/')) return true;
  const group = (v: string) => (v.includes('/') ? v.split('/')[0] : '');
  return group(ref.apiVersion) === group(o.ref.apiVersion);
}

/**
 * Deletes lines start..end of `path`. A Fix always replaces lines with lines, so the deletion is
 * written as "these lines plus their neighbour become the neighbour alone".
 */
export function deleteLinesFix(snapshot: Snapshot, loc: SourceLocation, description: string, expectKey?: string): Fix | undefined {
  const file = readLines(snapshot, loc.path);
  if (!file) return undefined;
  if (expectKey !== undefined && parseKeyLine(file.lines[loc.line - 1] ?? '')?.key !== expectKey) return undefined;
  const end = loc.endLine ?? loc.line;
  if (end < file.lines.length && file.lines[end] !== undefined && !(end === file.lines.length - 1 && file.lines[end] === '')) {
    return replaceLinesFix(snapshot, loc.path, loc.line, end + 1, [file.lines[end]], { description });
  }
  if (loc.line > 1) return replaceLinesFix(snapshot, loc.path, loc.line - 1, end, [file.lines[loc.line - 2]], { description });
  return undefined;
}

export interface HostPathMount {
  container: ContainerRef;
  mountIndex: number;
  mount: Json;
  hostPath: string;
}

/** Every volumeMount of every container that mounts a hostPath volume. */
export function hostPathMounts(pod: PodSpecRef): HostPathMount[] {
  const volumes = new Map<string, string>();
  for (const v of Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []) {
    if (typeof v?.name === 'string' && typeof v?.hostPath?.path === 'string') volumes.set(v.name, v.hostPath.path);
  }
  const out: HostPathMount[] = [];
  for (const c of containersOf(pod)) {
    (Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : []).forEach((mount: Json, mountIndex: number) => {
      const hostPath = volumes.get(mount?.name);
      if (hostPath !== undefined) out.push({ container: c, mountIndex, mount, hostPath });
    });
  }
  return out;
}
