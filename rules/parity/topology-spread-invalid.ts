// kube-score pod-topology-spread-constraints: constraints the API server rejects or that select nothing.
import type { FieldPath } from '../../src/core/types.js';
import { occurrenceKeys } from '../../src/engine/occurrence-keys.js';
import { defineRule } from '../../src/engine/rule.js';
import type { Json } from '../../src/k8s/workloads.js';
import { objectLabel, workloadsOf } from './support.js';

/** What is wrong with one topologySpreadConstraint, or undefined. */
export function constraintProblem(c: Json): string | undefined {
  if (!c || typeof c !== 'object') return 'is not a mapping';
  if (typeof c.topologyKey !== 'string' || c.topologyKey === '') return 'has no topologyKey';
  if (!Number.isInteger(c.maxSkew) || c.maxSkew < 1) return `has maxSkew ${String(c.maxSkew)}; it must be an integer >= 1`;
  if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') return `has whenUnsatisfiable ${String(c.whenUnsatisfiable)}; use DoNotSchedule or ScheduleAnyway`;
  if (c.minDomains !== undefined) {
    if (!Number.isInteger(c.minDomains) || c.minDomains < 1) return `has minDomains ${String(c.minDomains)}; it must be an integer >= 1`;
    if (c.whenUnsatisfiable !== 'DoNotSchedule') return 'sets minDomains, which is only allowed with whenUnsatisfiable: DoNotSchedule';
  }
  if (!c.labelSelector) return 'has no labelSelector, so it spreads nothing';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'topology-spread-invalid',
    title: 'Invalid or empty topology spread constraint',
    severity: 'medium',
    refs: ['KS:pod-topology-spread-constraints'],
    category: 'reliability',
    rationale: 'A topology spread constraint without topologyKey, with maxSkew < 1, an unknown whenUnsatisfiable or a misplaced minDomains is rejected by the API server; one without labelSelector is accepted but counts no pods, so it spreads nothing.',
    remediation: 'Give every constraint a topologyKey (e.g. topology.kubernetes.io/zone), maxSkew >= 1, whenUnsatisfiable DoNotSchedule|ScheduleAnyway and a labelSelector matching the pod\'s own labels.',
    docs: 'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
    fixable: false,
  },
  check(ctx) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      const list = Array.isArray(pod.spec.topologySpreadConstraints) ? pod.spec.topologySpreadConstraints : [];
      const keyOf = occurrenceKeys();
      list.forEach((c: Json, i: number) => {
        const problem = constraintProblem(c);
        if (!problem) return;
        // Keyed on the topology key (numbered when alike), not the position.
        const key = keyOf(String(c?.topologyKey ?? ''));
        const path: FieldPath = [...pod.path, 'topologySpreadConstraints', i];
        ctx.report({ target, path, identityPath: [...pod.path, 'topologySpreadConstraints'], key, message: `${objectLabel(target)}: topology spread constraint ${i + 1} ${problem}` });
      });
    }
  },
});
