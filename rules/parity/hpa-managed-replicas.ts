// kube-score deployment-targeted-by-hpa-does-not-have-replicas-configured: in GitOps, a static
// replica count fights the autoscaler on every sync.
import { posix } from 'node:path';
import type { RenderedObject } from '../../src/core/types.js';
import { defineRule } from '../../src/engine/rule.js';
import { getIn } from '../../src/k8s/workloads.js';
import { deleteLinesFix, isScaleTarget, namespaceOf, objectLabel } from './support.js';

const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'DeploymentConfig']);

export default defineRule({
  meta: {
    id: 'hpa-managed-replicas',
    title: 'Workload scaled by an HPA also sets spec.replicas',
    severity: 'medium',
    refs: ['KS:deployment-targeted-by-hpa-does-not-have-replicas-configured'],
    category: 'reliability',
    rationale: 'When an HPA scales a workload, `spec.replicas` in git is overwritten by the autoscaler and restored by every sync (Argo CD, Flux, kubectl apply): replicas flap back to the static count, often in the middle of a load peak.',
    remediation: 'Remove `spec.replicas` from workloads an HPA targets (the fix deletes the line) and let `minReplicas` of the HPA set the floor.',
    docs: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling',
    fixable: true,
  },
  check(ctx) {
    const hpas = ctx.index.byKind('HorizontalPodAutoscaler');
    for (const target of ctx.objects) {
      if (!SCALABLE.has(target.ref.kind) || getIn(target.object, ['spec', 'replicas']) === undefined) continue;
      // Two folders that both leave the namespace to the deploy tool may never share one (a chart and
      // a kustomize copy of the same app): across folders only an explicit namespace ties them.
      const together = (h: RenderedObject): boolean => h.unitId === target.unitId || namespaceOf(h) !== undefined || posix.dirname(h.source.path) === posix.dirname(target.source.path);
      const hpa = hpas.find((h) => isScaleTarget(target, getIn(h.object, ['spec', 'scaleTargetRef']), namespaceOf(h)) && together(h));
      if (!hpa) continue;
      const loc = target.locate(['spec', 'replicas']);
      const where = hpa.unitId === target.unitId ? '' : ` (${hpa.source.path}:${hpa.source.line})`;
      ctx.report({
        target, path: ['spec', 'replicas'],
        message: `${objectLabel(target)} sets replicas: ${String(getIn(target.object, ['spec', 'replicas']))} but ${objectLabel(hpa)}${where} scales it; every sync resets the autoscaler's count`,
        // Only in the object's own file: a values key feeding `replicas:` must not be deleted from under the template.
        fix: loc.path === target.source.path ? deleteLinesFix(ctx.snapshot, { ...loc, endLine: loc.line }, 'Remove spec.replicas; the HPA owns the replica count', 'replicas') : undefined,
      });
    }
  },
});
