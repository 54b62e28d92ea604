// kube-linter no-liveness-probe, kube-score pod-probes: containers that are never restarted when hung.
import { defineRule } from '../../src/engine/rule.js';
import { reportMissingProbe } from './probe-missing.js';

export default defineRule({
  meta: {
    id: 'liveness-probe-missing',
    title: 'Container without a liveness probe',
    severity: 'low',
    refs: ['KL:no-liveness-probe', 'KS:pod-probes'],
    category: 'reliability',
    rationale: 'A process that deadlocks without exiting stays "Running" forever unless a liveness probe lets the kubelet notice and restart it.',
    remediation: 'Add a `livenessProbe` that checks the process itself (not its dependencies), with a failureThreshold generous enough not to restart a slow but healthy container.',
    docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    fixable: false,
  },
  check(ctx) {
    reportMissingProbe(ctx, 'livenessProbe', 'a hung process is never restarted');
  },
});
