// GAP-2: NetworkPolicies switched off in production, or namespaces with workloads and no
// default-deny ingress policy.
import type { RenderedObject } from '../../src/core/types.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { replaceScalarFix } from '../../src/engine/fixes.js';
import { namespaceOf, namespacesWithWorkloads, valuesToggles } from './support.js';

function isEmptySelector(sel: unknown): boolean {
  return sel !== undefined && sel !== null && typeof sel === 'object' && Object.keys(sel as object).every((k) => {
    const v = (sel as Record<string, unknown>)[k];
    return v === null || (typeof v === 'object' && Object.keys(v as object).length === 0);
  });
}

/** podSelector {} with Ingress in policyTypes (explicit, or implied) and no ingress rule allowing all. */
export function isDefaultDenyIngress(np: RenderedObject): boolean {
  const spec = (np.object.spec ?? {}) as Record<string, unknown>;
  if (np.ref.kind === 'NetworkPolicy') {
    if (!isEmptySelector(spec.podSelector)) return false;
    const types = Array.isArray(spec.policyTypes) ? spec.policyTypes.map(String) : ['Ingress'];
    if (!types.includes('Ingress')) return false;
    const ingress = Array.isArray(spec.ingress) ? spec.ingress : [];
    return !ingress.some((r) => !r || Object.keys(r).length === 0 || (Array.isArray(r.from) && r.from.length === 0 && !r.ports));
  }
  if (np.ref.kind === 'CiliumNetworkPolicy' || np.ref.kind === 'CiliumClusterwideNetworkPolicy') {
    return isEmptySelector(spec.endpointSelector) && (Array.isArray(spec.ingressDeny) || Array.isArray(spec.ingress));
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'network-policy-not-enforced',
    title: 'NetworkPolicy disabled in production, or namespace without default-deny',
    severity: 'high',
    refs: ['GAP-2'],
    category: 'network',
    rationale: 'Kubernetes pods accept traffic from anywhere in the cluster until a NetworkPolicy selects them. Without a default-deny policy a single compromised pod can reach the database, the catalog and every other service (lateral movement). Charts that ship zero-trust policies protect nothing when `networkPolicy.enabled` is false in production.',
    remediation: 'Set `networkPolicy.enabled: true` in the production values, and give every namespace that runs workloads a default-deny policy: `podSelector: {}` with `policyTypes: [Ingress, Egress]`, then allow the flows each service needs.',
    docs: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic',
    fixable: true,
  },
  check(ctx: RuleContext) {
    let disabledInValues = false;
    if (ctx.isProd && ctx.values) {
      for (const t of valuesToggles(ctx.values.values, /^(networkPolicy|networkPolicies|netpol)$/i)) {
        if (t.value !== false) continue;
        disabledInValues = true;
        const loc = ctx.values.locate(t.path);
        const own = loc?.path === ctx.values.file;
        ctx.report({
          location: loc, key: `values:${t.path.join('.')}`, severity: 'critical',
          message: `\`${t.path.join('.')}\` is false in production environment "${ctx.environment}"${own ? '' : ` (inherited from ${loc?.path ?? 'values.yaml'}; override it in ${ctx.values.file})`}: the chart's NetworkPolicies are not deployed`,
          fix: own && loc ? replaceScalarFix(ctx.snapshot, loc, true, { expectKey: 'enabled', description: 'Enable NetworkPolicies in production' }) : undefined,
        });
      }
    }
    if (disabledInValues) return;
    const policies = [...ctx.index.byKind('NetworkPolicy'), ...ctx.index.byKind('CiliumNetworkPolicy')];
    const clusterwide = ctx.index.byKind('CiliumClusterwideNetworkPolicy').some(isDefaultDenyIngress);
    if (clusterwide) return;
    for (const [ns, workloads] of namespacesWithWorkloads(ctx.objects)) {
      if (policies.some((p) => namespaceOf(p) === ns && isDefaultDenyIngress(p))) continue;
      const target = workloads[0];
      ctx.report({
        // Shown at the namespace's first workload, keyed on the namespace: another workload may come first.
        target, path: ['metadata', 'namespace'], identityObject: { kind: 'Namespace', name: ns }, key: `ns:${ns}`, severity: ctx.isProd ? 'high' : 'medium',
        message: `namespace ${ns} runs ${workloads.map((w) => w.ref.name).slice(0, 3).join(', ')}${workloads.length > 3 ? ', …' : ''} but no default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress]) is declared for it`,
      });
    }
  },
});
