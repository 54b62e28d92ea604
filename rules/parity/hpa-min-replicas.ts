// kube-score horizontalpodautoscaler-replicas, kube-linter hpa-minimum-three-replicas.
import { defineRule } from '../../src/engine/rule.js';
import { setFieldFix } from '../../src/engine/fixes.js';
import { objectLabel } from './support.js';

export default defineRule({
  meta: {
    id: 'hpa-min-replicas',
    title: 'HorizontalPodAutoscaler may scale down to a single replica',
    severity: 'low',
    refs: ['KS:horizontalpodautoscaler-replicas', 'KL:hpa-minimum-three-replicas'],
    category: 'reliability',
    rationale: 'With minReplicas 1 (the default) a quiet period leaves one pod: its restart, eviction or node loss is a full outage, and a PodDisruptionBudget cannot protect it.',
    remediation: 'Set `spec.minReplicas` to at least 2 (option `minReplicas`; the fix raises it).',
    docs: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
    fixable: true,
  },
  check(ctx) {
    const floor = typeof ctx.options.minReplicas === 'number' ? ctx.options.minReplicas : 2;
    for (const hpa of ctx.objects) {
      if (hpa.ref.kind !== 'HorizontalPodAutoscaler') continue;
      const min = (hpa.object.spec as { minReplicas?: unknown } | undefined)?.minReplicas;
      const value = typeof min === 'number' ? min : 1;
      if (value >= floor) continue;
      ctx.report({
        target: hpa, path: min === undefined ? ['spec'] : ['spec', 'minReplicas'], identityPath: ['spec', 'minReplicas'],
        message: `${objectLabel(hpa)} allows scaling down to ${value} replica${value === 1 ? '' : 's'}${min === undefined ? ' (minReplicas defaults to 1)' : ''}; require at least ${floor}`,
        fix: setFieldFix(ctx.snapshot, hpa, ['spec', 'minReplicas'], floor, `Keep at least ${floor} replicas`),
      });
    }
  },
});
