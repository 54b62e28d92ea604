// kube-linter pdb-unhealthy-pod-eviction-policy, kube-score poddisruptionbudget-has-policy:
// PodDisruptionBudgets whose eviction policy is left to defaults that block node drains.
import { defineRule } from '../../src/engine/rule.js';
import { setFieldFix } from '../../src/engine/fixes.js';
import { objectLabel } from './support.js';

export default defineRule({
  meta: {
    id: 'pdb-policy',
    title: 'PodDisruptionBudget without a budget or an unhealthy-pod eviction policy',
    severity: 'low',
    refs: ['KL:pdb-unhealthy-pod-eviction-policy', 'KS:poddisruptionbudget-has-policy', 'GAP-8'],
    category: 'reliability',
    rationale: 'A PDB with neither minAvailable nor maxUnavailable states no budget at all. And with the default unhealthyPodEvictionPolicy (IfHealthyBudget), pods that are already crash-looping cannot be evicted while the budget is exhausted, so one broken replica blocks every node drain.',
    remediation: 'Set `maxUnavailable` (or `minAvailable`) and `unhealthyPodEvictionPolicy: AlwaysAllow` (the fix adds it).',
    docs: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy',
    fixable: true,
  },
  check(ctx) {
    for (const pdb of ctx.objects) {
      if (pdb.ref.kind !== 'PodDisruptionBudget') continue;
      const spec = (pdb.object.spec ?? {}) as Record<string, unknown>;
      if (spec.minAvailable === undefined && spec.maxUnavailable === undefined) {
        ctx.report({ target: pdb, path: ['spec'], key: 'budget', severity: 'medium', message: `${objectLabel(pdb)} sets neither minAvailable nor maxUnavailable: it states no disruption budget` });
      }
      if (spec.unhealthyPodEvictionPolicy === undefined) {
        ctx.report({
          target: pdb, path: ['spec'], key: 'unhealthy',
          message: `${objectLabel(pdb)} does not set unhealthyPodEvictionPolicy: crash-looping pods it covers cannot be evicted while the budget is exhausted, blocking node drains`,
          fix: setFieldFix(ctx.snapshot, pdb, ['spec', 'unhealthyPodEvictionPolicy'], 'AlwaysAllow', 'Allow evicting unhealthy pods'),
        });
      }
    }
  },
});
