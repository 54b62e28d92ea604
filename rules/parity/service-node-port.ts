// kube-linter exposed-services, kube-score service-type: NodePort Services.
import { defineRule } from '../../src/engine/rule.js';
import { objectLabel } from './support.js';

export default defineRule({
  meta: {
    id: 'service-node-port',
    title: 'Service of type NodePort',
    severity: 'low',
    refs: ['KL:exposed-services', 'KS:service-type'],
    category: 'network',
    rationale: 'A NodePort Service opens the same port on every node of the cluster, reachable by anything that can reach a node, around the Ingress controller and its TLS, authentication and logging.',
    remediation: 'Use a ClusterIP Service behind an Ingress or Gateway, or a LoadBalancer with `loadBalancerSourceRanges` when direct exposure is really needed.',
    docs: 'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport',
    fixable: false,
  },
  check(ctx) {
    for (const svc of ctx.objects) {
      if (svc.ref.kind !== 'Service' || (svc.object.spec as { type?: unknown } | undefined)?.type !== 'NodePort') continue;
      ctx.report({ target: svc, path: ['spec', 'type'], message: `${objectLabel(svc)} is a NodePort Service: it opens a port on every node of the cluster` });
    }
  },
});
