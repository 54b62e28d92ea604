// GAP-9: namespaces running workloads in production (or shared by tenants) need a ResourceQuota.
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { replaceScalarFix } from '../../src/engine/fixes.js';
import { isJobNamespace, matchesAny, namespaceOf, namespacesWithWorkloads, optionBoolean, optionStrings, reportsValuesLine, valuesToggles } from './support.js';

export default defineRule({
  meta: {
    id: 'namespace-without-resource-quota',
    title: 'Namespace with workloads but no ResourceQuota',
    severity: 'low',
    refs: ['GAP-9'],
    category: 'namespace',
    rationale: 'Without a quota one runaway job or compromised pod can take every CPU, byte of memory and pod slot of the cluster, starving the platform. Quotas matter most in production and in namespaces shared by teams or user-submitted jobs.',
    remediation: 'Declare a ResourceQuota (requests/limits for cpu and memory, pods) in the namespace, or enable `resourceQuota.enabled` in the chart values. Options: `multiTenantNamespaces` (globs checked in every environment), `includeJobNamespaces` (default true).',
    docs: 'https://kubernetes.io/docs/concepts/policy/resource-quotas/',
    fixable: true,
  },
  check(ctx: RuleContext) {
    const multiTenant = optionStrings(ctx, 'multiTenantNamespaces');
    const includeJobs = optionBoolean(ctx, 'includeJobNamespaces', true);
    const quotas = ctx.index.byKind('ResourceQuota');
    for (const [ns, workloads] of namespacesWithWorkloads(ctx.objects)) {
      const shared = matchesAny(ns, multiTenant) || (includeJobs && isJobNamespace(ctx.config, ns));
      if (!ctx.isProd && !shared) continue;
      if (quotas.some((q) => namespaceOf(q) === ns)) continue;
      const target = workloads[0];
      const toggle = valuesToggles(ctx.values?.values, /^(resourceQuota|resourceQuotas|quota)$/i).find((t) => t.value === false);
      const loc = toggle && ctx.values ? ctx.values.locate(toggle.path) : undefined;
      const useValues = loc && reportsValuesLine(ctx, loc.path) ? loc : undefined;
      ctx.report({
        // Shown at the namespace's first workload, keyed on the namespace: another workload may come first.
        target, path: ['metadata', 'namespace'], identityObject: { kind: 'Namespace', name: ns }, key: `ns:${ns}`, location: useValues,
        severity: ctx.isProd ? 'medium' : undefined,
        message: `namespace ${ns} runs ${workloads.length} workload${workloads.length > 1 ? 's' : ''} (${workloads.slice(0, 3).map((w) => w.ref.name).join(', ')}${workloads.length > 3 ? ', …' : ''}) but has no ResourceQuota${ctx.isProd ? ' in production' : shared ? ' although it is shared' : ''}${toggle ? ` — \`${toggle.path.join('.')}\` is false` : ''}`,
        fix: useValues ? replaceScalarFix(ctx.snapshot, useValues, true, { expectKey: 'enabled', description: 'Enable the ResourceQuota' }) : undefined,
      });
    }
  },
});
