// kube-linter liveness-port / readiness-port / startup-port: a probe aimed at a port the container
// does not declare.
import { defineRule } from '../../src/engine/rule.js';
import { containersOf } from '../../src/k8s/workloads.js';
import { PROBE_KINDS, containerLabel, containerPorts, objectLabel, probePort, workloadsOf } from './support.js';

export default defineRule({
  meta: {
    id: 'probe-port-not-exposed',
    title: 'Probe targets a port the container does not expose',
    severity: 'high',
    refs: ['KL:liveness-port', 'KL:readiness-port', 'KL:startup-port'],
    category: 'reliability',
    rationale: 'A probe on a named port the container does not define can never succeed: the pod never becomes ready (readiness) or is restarted in a loop (liveness, startup). A numeric port missing from `ports` usually means the probe and the server drifted apart. TCP-based probes also need a TCP port, not a UDP one.',
    remediation: 'Point the probe at a port listed in the container\'s `ports` (by name or number, protocol TCP), or declare the port the server listens on.',
    docs: 'https://docs.kubelinter.io/#/generated/checks?id=liveness-port',
    fixable: false,
  },
  check(ctx) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      for (const c of containersOf(pod, ['containers'])) {
        const ports = containerPorts(c).filter((p) => p.protocol === 'TCP');
        for (const kind of PROBE_KINDS) {
          const hit = probePort(c.container[kind]);
          if (!hit) continue;
          const named = typeof hit.port === 'string' && !/^\d+$/.test(hit.port);
          const exposed = named ? ports.some((p) => p.name === hit.port) : ports.some((p) => p.containerPort === Number(hit.port));
          if (exposed) continue;
          ctx.report({
            target, path: [...c.path, kind, hit.handler, 'port'], key: `${String(c.container.name ?? c.index)}:${kind}`,
            severity: named ? undefined : 'low',
            message: `${containerLabel(c)} of ${objectLabel(target)}: the ${kind} (${hit.handler}) targets port ${hit.port}, which the container does not expose as a TCP port${named ? ' — a named port that does not exist never answers' : ''}`,
          });
        }
      }
    }
  },
});
