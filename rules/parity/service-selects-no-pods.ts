// kube-linter dangling-service, kube-score service-targets-pod.
import { defineRule } from '../../src/engine/rule.js';
import { mapSelects, namespaceOf, objectLabel, podOwnersMatching, requiredLabelOf, selectorText } from './support.js';

export default defineRule({
  meta: {
    id: 'service-selects-no-pods',
    title: 'Service selector matches no pods',
    severity: 'medium',
    refs: ['KL:dangling-service', 'KS:service-targets-pod'],
    category: 'network',
    rationale: 'A Service whose selector matches no pod template in its namespace has no endpoints: every connection to it fails. It is almost always a label typo or a workload renamed without its Service.',
    remediation: 'Make `spec.selector` equal to labels of the pod template it fronts (same namespace), or remove the Service. Services for external endpoints have no selector (or are type ExternalName).',
    docs: 'https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service',
    fixable: false,
  },
  check(ctx) {
    for (const svc of ctx.objects) {
      if (svc.ref.kind !== 'Service') continue;
      const spec = (svc.object.spec ?? {}) as Record<string, unknown>;
      const selector = spec.selector as Record<string, unknown> | undefined;
      if (spec.type === 'ExternalName' || !selector || typeof selector !== 'object' || Object.keys(selector).length === 0) continue;
      if (podOwnersMatching(ctx.index.all, namespaceOf(svc), (labels) => mapSelects(selector, labels), requiredLabelOf(selector, false)).length > 0) continue;
      ctx.report({
        target: svc, path: ['spec', 'selector'],
        message: `${objectLabel(svc)} selects no pods: no pod template${namespaceOf(svc) ? ` in namespace ${namespaceOf(svc)}` : ''} carries the labels ${selectorText(selector)}`,
      });
    }
  },
});
