// Units a change affects without touching them: cross-object rules judge a workload against the
// namespace it lands in (its labels, quota, default-deny policy, PDBs, the producers of its Secrets).
// When a plain manifest changes one of those shared objects, the units deploying into that
// namespace are reviewed too, at both refs, so e.g. weakening a Namespace's Pod Security label is
// reported against the chart whose values promise it (GAP-1).
import type { Snapshot, Unit } from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';
import { manifestObjects } from '../render/yaml-source.js';
import type { Discovery } from '../workspace/discover.js';
import type { ChangedFile } from './review-types.js';

const SHARED_KINDS = new Set([
  'Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'CiliumNetworkPolicy', 'PodDisruptionBudget', 'ServiceAccount',
  'Secret', 'ExternalSecret', 'InfisicalSecret', 'InfisicalDynamicSecret', 'SealedSecret', 'VaultStaticSecret', 'VaultDynamicSecret', 'VaultPKISecret', 'Certificate',
]);
const YAML_RE = /\.ya?ml$/i;

/** kind/namespace/name → the object's content, for the shared objects of one file at one ref. */
function sharedObjects(snapshot: Snapshot, path: string, config: ResolvedConfig): Map<string, { namespace: string | undefined; content: string }> {
  const out = new Map<string, { namespace: string | undefined; content: string }>();
  const text = snapshot.read(path);
  if (text === undefined || !YAML_RE.test(path)) return out;
  for (const o of manifestObjects(text, path, path, 'default', config.limits).objects) {
    if (!SHARED_KINDS.has(o.ref.kind)) continue;
    const namespace = o.ref.kind === 'Namespace' ? o.ref.name : o.ref.namespace;
    out.set(`${o.ref.kind}/${namespace ?? ''}/${o.ref.name}`, { namespace, content: JSON.stringify(o.object) });
  }
  return out;
}

/** Namespaces whose shared objects the change adds, removes or edits in plain YAML files. */
export function changedNamespaces(changed: ChangedFile[], base: Snapshot, head: Snapshot, config: ResolvedConfig): Set<string> {
  const out = new Set<string>();
  for (const f of changed) {
    const before = sharedObjects(base, f.previousPath ?? f.path, config);
    const after = sharedObjects(head, f.path, config);
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const a = before.get(key);
      const b = after.get(key);
      if (a?.content === b?.content) continue;
      const ns = (b ?? a)!.namespace;
      if (ns) out.add(ns);
    }
  }
  return out;
}

/**
 * Units whose files name one of the namespaces. Where a unit deploys is only known once rendered,
 * so this reads the text: a unit that merely mentions the name costs one extra render, never a
 * missed finding for a unit that sets it.
 */
export function unitsMentioning(namespaces: Set<string>, snapshot: Snapshot, discovery: Discovery): Unit[] {
  if (namespaces.size === 0) return [];
  const names = [...namespaces].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const word = new RegExp(`(^|[^A-Za-z0-9-])(${names.join('|')})($|[^A-Za-z0-9-])`, 'm');
  return snapshot.list()
    .filter((p) => word.test(snapshot.read(p) ?? ''))
    .flatMap((p) => discovery.unitsTouchedBy(p));
}
