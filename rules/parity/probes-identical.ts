// kube-score pod-probes-identical: a liveness probe that is the readiness probe restarts pods that
// are only busy.
import { isDeepStrictEqual } from 'node:util';
import { defineRule } from '../../src/engine/rule.js';
import { containersOf, type Json } from '../../src/k8s/workloads.js';
import { containerLabel, objectLabel, workloadsOf } from './support.js';

const HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'];

/** The part of a probe that decides what is checked (timings aside). */
function handlerOf(probe: Json): Json | undefined {
  const h = HANDLERS.find((k) => probe[k] !== undefined);
  return h ? { [h]: probe[h] } : undefined;
}

export default defineRule({
  meta: {
    id: 'probes-identical',
    title: 'Liveness and readiness probes are identical',
    severity: 'medium',
    refs: ['KS:pod-probes-identical'],
    category: 'reliability',
    rationale: 'When the liveness probe checks exactly what the readiness probe checks, a pod that is merely overloaded (not ready) is also killed: under load the whole Deployment restarts in a cascade instead of shedding traffic.',
    remediation: 'Let the readiness probe check the ability to serve (dependencies, warm-up) and the liveness probe only that the process is alive (a separate endpoint, or a higher failureThreshold on a cheaper check).',
    docs: 'https://github.com/zegl/kube-score/blob/master/README_PROBES.md',
    fixable: false,
  },
  check(ctx) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      for (const c of containersOf(pod, ['containers'])) {
        const live = c.container.livenessProbe;
        const ready = c.container.readinessProbe;
        if (!live || !ready || typeof live !== 'object' || typeof ready !== 'object') continue;
        const lh = handlerOf(live);
        if (!lh || !isDeepStrictEqual(lh, handlerOf(ready))) continue;
        ctx.report({
          target, path: [...c.path, 'livenessProbe'], key: String(c.container.name ?? c.index),
          message: `${containerLabel(c)} of ${objectLabel(target)} uses the same check for liveness and readiness (${Object.keys(lh)[0]}): an overloaded pod gets restarted instead of taken out of rotation`,
        });
      }
    }
  },
});
