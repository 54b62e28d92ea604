// kube-linter dangling-ingress, kube-score ingress-targets-service: Ingress backends that name a
// Service (or a Service port) that does not exist.
import type { FieldPath, RenderedObject } from '../../src/core/types.js';
import { occurrenceKeys } from '../../src/engine/occurrence-keys.js';
import { defineRule } from '../../src/engine/rule.js';
import { type Json } from '../../src/k8s/workloads.js';
import { namespaceOf, objectLabel, sameNamespace } from './support.js';

interface Backend {
  service: string;
  port?: string | number;
  path: FieldPath;
  /** What the backend serves: `default`, or the rule's host and path (list positions shift, routes do not). */
  route: string;
  /** Set when the backend is written with fields its apiVersion does not have. */
  legacyInV1?: boolean;
}

/** networking.k8s.io/v1 `service: {name, port: {number|name}}`, or the v1beta1 `serviceName` + `servicePort`. */
function backendOf(b: Json | undefined, path: FieldPath, route: string, v1: boolean): Backend | undefined {
  if (!b || typeof b !== 'object') return undefined;
  if (b.service && typeof b.service.name === 'string') return { service: b.service.name, port: b.service.port?.number ?? b.service.port?.name, path: [...path, 'service'], route };
  if (typeof b.serviceName === 'string') return { service: b.serviceName, port: b.servicePort, path: [...path, 'serviceName'], route, legacyInV1: v1 };
  return undefined;
}

export function ingressBackends(ingress: RenderedObject): Backend[] {
  const spec = (ingress.object.spec ?? {}) as Json;
  const v1 = ingress.ref.apiVersion === 'networking.k8s.io/v1';
  const out: Backend[] = [];
  for (const key of ['defaultBackend', 'backend']) {
    const b = backendOf(spec[key], ['spec', key], 'default', v1);
    if (b) out.push(b);
  }
  (Array.isArray(spec.rules) ? spec.rules : []).forEach((rule: Json, i: number) => {
    (Array.isArray(rule?.http?.paths) ? rule.http.paths : []).forEach((p: Json, j: number) => {
      const b = backendOf(p?.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend'], `${String(rule?.host ?? '*')}${String(p?.path ?? '/')}`, v1);
      if (b) out.push(b);
    });
  });
  return out;
}

function servicePortExists(svc: RenderedObject, port: string | number | undefined): boolean {
  if (port === undefined) return true;
  const ports = Array.isArray((svc.object.spec as Json | undefined)?.ports) ? (svc.object.spec as Json).ports as Json[] : [];
  return ports.some((p) => (typeof port === 'number' || /^\d+$/.test(String(port)) ? p?.port === Number(port) : p?.name === port));
}

export default defineRule({
  meta: {
    id: 'ingress-backend-missing',
    title: 'Ingress routes to a Service or port that does not exist',
    severity: 'medium',
    refs: ['KL:dangling-ingress', 'KS:ingress-targets-service'],
    category: 'network',
    rationale: 'An Ingress rule whose backend names a missing Service, or a port the Service does not expose, answers 503 for every request on that host/path.',
    remediation: 'Point each backend at a Service of the Ingress\'s namespace and at one of its `spec.ports` (by number or name).',
    docs: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource',
    fixable: false,
  },
  check(ctx) {
    const services = ctx.index.byKind('Service');
    for (const ing of ctx.objects) {
      if (ing.ref.kind !== 'Ingress') continue;
      const keyOf = occurrenceKeys();
      for (const b of ingressBackends(ing)) {
        const identity = { identityPath: ['spec'], key: keyOf(b.route) };
        if (b.legacyInV1) {
          ctx.report({ target: ing, path: b.path, ...identity, message: `${objectLabel(ing)} (networking.k8s.io/v1) names its backend with the v1beta1 fields serviceName/servicePort, which v1 does not have: the route has no backend; use service.name and service.port` });
          continue;
        }
        const svc = services.filter((s) => s.ref.name === b.service && sameNamespace(namespaceOf(s), namespaceOf(ing)));
        if (svc.some((s) => servicePortExists(s, b.port))) continue;
        ctx.report({
          target: ing, path: b.path, ...identity,
          message: svc.length
            ? `${objectLabel(ing)} routes to port ${String(b.port)} of Service ${b.service}, which does not expose it`
            : `${objectLabel(ing)} routes to Service ${b.service}${b.port !== undefined ? ` port ${String(b.port)}` : ''}, which is not defined${namespaceOf(ing) ? ` in namespace ${namespaceOf(ing)}` : ''}`,
        });
      }
    }
  },
});
