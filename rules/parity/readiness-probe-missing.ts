// kube-linter no-readiness-probe, kube-score pod-probes: containers that never report readiness.
import { defineRule } from '../../src/engine/rule.js';
import { reportMissingProbe } from './probe-missing.js';

export default defineRule({
  meta: {
    id: 'readiness-probe-missing',
    title: 'Container without a readiness probe',
    severity: 'medium',
    refs: ['KL:no-readiness-probe', 'KS:pod-probes'],
    category: 'reliability',
    rationale: 'Without a readiness probe a pod receives Service traffic as soon as its process starts, before it can answer, and keeps receiving it when it can no longer serve. Rolling updates then drop requests.',
    remediation: 'Add a `readinessProbe` (httpGet on a health endpoint, tcpSocket or grpc) to every serving container of Deployments, StatefulSets, DaemonSets and Pods.',
    docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    fixable: false,
  },
  check(ctx) {
    reportMissingProbe(ctx, 'readinessProbe', 'traffic reaches it before it can serve and while it cannot');
  },
});
