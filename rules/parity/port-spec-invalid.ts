// kube-linter invalid-target-ports, kube-score container-ports-check: port numbers and names the
// API server rejects.
import type { FieldPath } from '../../src/core/types.js';
import { occurrenceKeys } from '../../src/engine/occurrence-keys.js';
import { defineRule } from '../../src/engine/rule.js';
import { containersOf, type Json } from '../../src/k8s/workloads.js';
import { containerLabel, objectLabel, workloadsOf } from './support.js';

/** Why `name` is not a valid IANA_SVC_NAME (port names and named targetPorts), or undefined. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name)) return 'must consist of lower-case letters, digits and "-", starting and ending with a letter or digit';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  return undefined;
}

function portNumberProblem(n: number): string | undefined {
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? undefined : 'must be between 1 and 65535, inclusive';
}

export default defineRule({
  meta: {
    id: 'port-spec-invalid',
    title: 'Invalid port number or port name',
    severity: 'high',
    refs: ['KL:invalid-target-ports', 'KS:container-ports-check'],
    category: 'hygiene',
    rationale: 'Port names must be IANA service names (at most 15 lower-case characters with at least one letter) and port numbers 1–65535; the API server rejects anything else and the whole sync fails. Every container port needs a containerPort, and two container ports with the same name make named targetPorts ambiguous.',
    remediation: 'Use short, lower-case port names such as `http`, `metrics`, `grpc-api`, numbers within 1–65535, and one name per port.',
    docs: 'https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec',
    fixable: false,
  },
  check(ctx) {
    for (const svc of ctx.objects) {
      if (svc.ref.kind !== 'Service') continue;
      const ports = Array.isArray((svc.object.spec as Json | undefined)?.ports) ? (svc.object.spec as Json).ports as Json[] : [];
      ports.forEach((p, i) => {
        const t = p?.targetPort;
        if (t === undefined || t === null) return;
        const asNumber = typeof t === 'number' || /^\d+$/.test(String(t));
        const problem = asNumber ? portNumberProblem(Number(t)) : portNameProblem(String(t));
        if (!problem) return;
        const path: FieldPath = ['spec', 'ports', i, 'targetPort'];
        ctx.report({ target: svc, path, key: 'targetPort', message: `${objectLabel(svc)}: targetPort "${String(t)}" ${problem}` });
      });
    }
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      for (const c of containersOf(pod)) {
        const seen = new Map<string, number>();
        const keyOf = occurrenceKeys();
        (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((p: Json, i: number) => {
          const base: FieldPath = [...c.path, 'ports', i];
          // Keyed on the port's name or number (numbered when alike), not its position.
          const portKey = keyOf(typeof p?.name === 'string' ? `name=${p.name}` : `port=${String(p?.containerPort ?? '')}`);
          const identity = (problem: string) => ({ identityPath: [...c.path, 'ports'], key: `${portKey}:${problem}` });
          if (typeof p?.name === 'string') {
            const problem = portNameProblem(p.name);
            if (problem) ctx.report({ target, path: [...base, 'name'], ...identity('name'), message: `${containerLabel(c)} of ${objectLabel(target)}: port name "${p.name}" ${problem}` });
            else if (seen.has(p.name)) ctx.report({ target, path: [...base, 'name'], ...identity('dup'), message: `${containerLabel(c)} of ${objectLabel(target)}: port name "${p.name}" is used twice (ports ${seen.get(p.name)! + 1} and ${i + 1})` });
            seen.set(p.name, seen.get(p.name) ?? i);
          }
          if (p && typeof p === 'object' && (p.containerPort === undefined || p.containerPort === null)) {
            ctx.report({ target, path: base, ...identity('missing'), message: `${containerLabel(c)} of ${objectLabel(target)}: port ${i + 1} has no containerPort, which is required` });
          } else if (typeof p?.containerPort === 'number' && portNumberProblem(p.containerPort)) {
            ctx.report({ target, path: [...base, 'containerPort'], ...identity('port'), message: `${containerLabel(c)} of ${objectLabel(target)}: containerPort ${p.containerPort} ${portNumberProblem(p.containerPort)}` });
          }
        });
      }
    }
  },
});
