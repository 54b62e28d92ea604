// Pod Security Standards namespace labels: levels and label-insertion fixes shared by GAP-1 and REQ-426.
import type { Fix, RenderedObject, Snapshot } from '../../src/core/types.js';
import { insertEntriesFix, setFieldFix } from '../../src/engine/fixes.js';
import { getIn } from '../../src/k8s/workloads.js';

export const PSS_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PssLevel = (typeof PSS_LEVELS)[number];
export const PSS_LABEL = (mode: 'enforce' | 'audit' | 'warn') => `pod-security.kubernetes.io/${mode}`;

export function pssRank(level: unknown): number {
  return PSS_LEVELS.indexOf(String(level) as PssLevel);
}

export function isPssLevel(v: unknown): v is PssLevel {
  return pssRank(v) >= 0;
}

/** Inserts (or, for one existing label, replaces) namespace labels on a Namespace manifest. */
export function namespaceLabelsFix(snapshot: Snapshot, ns: RenderedObject, labels: Record<string, string>, description: string): Fix | undefined {
  const keys = Object.keys(labels);
  const existing = getIn(ns.object, ['metadata', 'labels']);
  if (keys.length === 1) return setFieldFix(snapshot, ns, ['metadata', 'labels', keys[0]], labels[keys[0]], description);
  if (existing && typeof existing === 'object') {
    if (keys.some((k) => k in existing)) return undefined;
    return insertEntriesFix(snapshot, ns.locate(['metadata', 'labels']), 'key', labels, { expectKey: 'labels', description });
  }
  return setFieldFix(snapshot, ns, ['metadata', 'labels'], labels, description);
}
