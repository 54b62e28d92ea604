// kube-score statefulset-has-servicename: a StatefulSet's governing Service must exist, be headless
// and select its pods, or the pods get no stable DNS names.
import { defineRule } from '../../src/engine/rule.js';
import { type Json } from '../../src/k8s/workloads.js';
import { mapSelects, namespaceOf, objectLabel, podLabelsOf, sameNamespace } from './support.js';

export default defineRule({
  meta: {
    id: 'statefulset-service-name',
    title: 'StatefulSet without an existing headless governing Service',
    severity: 'medium',
    refs: ['KS:statefulset-has-servicename'],
    category: 'network',
    rationale: 'StatefulSet pods get their stable network identity (pod-0.<service>.<namespace>.svc) from the headless Service named in `serviceName`. If it is missing, not headless or does not select the pods, peers that discover each other by DNS (databases, Kafka, ZooKeeper) cannot form a cluster.',
    remediation: 'Set `spec.serviceName` to a Service of the same namespace with `clusterIP: None` whose selector matches the pod template labels.',
    docs: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id',
    fixable: false,
  },
  check(ctx) {
    for (const sts of ctx.objects) {
      if (sts.ref.kind !== 'StatefulSet') continue;
      const name = (sts.object.spec as Json | undefined)?.serviceName;
      const label = objectLabel(sts);
      if (typeof name !== 'string' || name === '') {
        ctx.report({ target: sts, path: ['spec'], severity: 'low', message: `${label} has no serviceName: its pods get no stable DNS names` });
        continue;
      }
      const candidates = ctx.index.byKind('Service').filter((s) => s.ref.name === name && sameNamespace(namespaceOf(s), namespaceOf(sts)));
      const svc = candidates[0];
      let problem: string | undefined;
      if (!svc) problem = `Service ${name} is not defined${namespaceOf(sts) ? ` in namespace ${namespaceOf(sts)}` : ''}`;
      else {
        const spec = (svc.object.spec ?? {}) as Json;
        if (spec.clusterIP !== 'None') problem = `Service ${name} is not headless (clusterIP: None)`;
        else if (!spec.selector || !mapSelects(spec.selector, podLabelsOf(sts) ?? {})) problem = `Service ${name} does not select the StatefulSet's pods`;
      }
      if (problem) ctx.report({ target: sts, path: ['spec', 'serviceName'], message: `${label}: ${problem}, so its pods get no stable DNS names` });
    }
  },
});
