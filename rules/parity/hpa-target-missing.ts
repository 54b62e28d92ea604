// kube-linter dangling-horizontalpodautoscaler, kube-score horizontalpodautoscaler-has-target.
import { defineRule } from '../../src/engine/rule.js';
import { getIn } from '../../src/k8s/workloads.js';
import { isScaleTarget, namespaceOf, objectLabel } from './support.js';

export default defineRule({
  meta: {
    id: 'hpa-target-missing',
    title: 'HorizontalPodAutoscaler targets an object that does not exist',
    severity: 'medium',
    refs: ['KL:dangling-horizontalpodautoscaler', 'KS:horizontalpodautoscaler-has-target'],
    category: 'reliability',
    rationale: 'An HPA whose scaleTargetRef names no object in its namespace scales nothing: the workload it was meant for runs at its static replica count, with no autoscaling under load.',
    remediation: 'Set `spec.scaleTargetRef` (apiVersion, kind, name) to the Deployment/StatefulSet it should scale, in the same namespace, or delete the HPA.',
    docs: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
    fixable: false,
  },
  check(ctx) {
    for (const hpa of ctx.objects) {
      if (hpa.ref.kind !== 'HorizontalPodAutoscaler') continue;
      const ref = getIn(hpa.object, ['spec', 'scaleTargetRef']);
      if (ctx.index.all.some((o) => isScaleTarget(o, ref, namespaceOf(hpa)))) continue;
      const what = ref && typeof ref === 'object' ? `${String(ref.kind ?? '?')} ${String(ref.name ?? '?')}${ref.apiVersion ? ` (${String(ref.apiVersion)})` : ''}` : 'nothing (no scaleTargetRef)';
      ctx.report({ target: hpa, path: ['spec', 'scaleTargetRef'], message: `${objectLabel(hpa)} scales ${what}, which is not defined${namespaceOf(hpa) ? ` in namespace ${namespaceOf(hpa)}` : ''}` });
    }
  },
});
