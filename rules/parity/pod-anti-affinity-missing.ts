// kube-linter no-anti-affinity, kube-score deployment-/statefulset-has-host-podantiaffinity:
// replicas that may all land on one node.
import type { Severity } from '../../src/core/types.js';
import { defineRule } from '../../src/engine/rule.js';
import { getIn, replicasOf, type Json } from '../../src/k8s/workloads.js';
import { labelSelectorMatches, namespaceOf, objectLabel, podLabelsOf, workloadsOf } from './support.js';

const HOSTNAME = 'kubernetes.io/hostname';

interface Spread {
  ok: boolean;
  /** Why a term that looks like anti-affinity does not spread these pods. */
  problem?: string;
}

function termSpreads(term: Json | undefined, labels: Record<string, string>, ns: string | undefined): Spread {
  if (!term || term.topologyKey !== HOSTNAME) return { ok: false };
  if (!labelSelectorMatches(term.labelSelector, labels)) return { ok: false, problem: 'its labelSelector does not match the pod\'s own labels' };
  const namespaces = Array.isArray(term.namespaces) ? term.namespaces.map(String) : [];
  if (namespaces.length > 0 && ns && !namespaces.includes(ns) && term.namespaceSelector === undefined) {
    return { ok: false, problem: `the pod's namespace "${ns}" is not in its namespaces [${namespaces.join(', ')}]` };
  }
  return { ok: true };
}

/** Anti-affinity (required or preferred) or a topology spread constraint over hostnames. */
export function spreadsAcrossNodes(spec: Json, labels: Record<string, string>, ns: string | undefined): Spread {
  const anti = spec.affinity?.podAntiAffinity ?? {};
  const terms: Json[] = [
    ...(Array.isArray(anti.requiredDuringSchedulingIgnoredDuringExecution) ? anti.requiredDuringSchedulingIgnoredDuringExecution : []),
    ...(Array.isArray(anti.preferredDuringSchedulingIgnoredDuringExecution) ? anti.preferredDuringSchedulingIgnoredDuringExecution.map((p: Json) => p?.podAffinityTerm) : []),
  ];
  let problem: string | undefined;
  for (const t of terms) {
    const s = termSpreads(t, labels, ns);
    if (s.ok) return s;
    problem ??= s.problem;
  }
  const spreads = Array.isArray(spec.topologySpreadConstraints) ? spec.topologySpreadConstraints : [];
  if (spreads.some((c: Json) => c?.topologyKey === HOSTNAME && labelSelectorMatches(c.labelSelector, labels))) return { ok: true };
  return { ok: false, problem };
}

export default defineRule({
  meta: {
    id: 'pod-anti-affinity-missing',
    title: 'Replicated workload without pod anti-affinity across nodes',
    severity: 'low',
    refs: ['KL:no-anti-affinity', 'KS:deployment-has-host-podantiaffinity', 'KS:statefulset-has-host-podantiaffinity'],
    category: 'reliability',
    rationale: 'Replicas exist to survive the loss of one of them, but nothing stops the scheduler from putting all of them on the same node: one node failure or drain then takes the whole service down.',
    remediation: `Add a podAntiAffinity term (preferred or required) with topologyKey ${HOSTNAME} whose labelSelector matches the pod's own labels, or a topologySpreadConstraint over ${HOSTNAME}.`,
    docs: 'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity',
    fixable: false,
  },
  check(ctx) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      const replicas = replicasOf(target.object);
      if (replicas === undefined || replicas < 2) continue;
      const spread = spreadsAcrossNodes(pod.spec, podLabelsOf(target) ?? {}, namespaceOf(target));
      if (spread.ok) continue;
      const severity: Severity | undefined = ctx.isProd ? 'medium' : undefined;
      ctx.report({
        target, path: getIn(pod.spec, ['affinity', 'podAntiAffinity']) ? [...pod.path, 'affinity', 'podAntiAffinity'] : ['spec', 'replicas'], severity,
        message: spread.problem
          ? `${objectLabel(target)} has ${replicas} replicas but its pod anti-affinity does not spread them: ${spread.problem}`
          : `${objectLabel(target)} has ${replicas} replicas but no pod anti-affinity or topology spread over ${HOSTNAME}: all of them may run on one node`,
      });
    }
  },
});
