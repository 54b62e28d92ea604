// REQ-426: platform namespaces enforce baseline (or stricter), job namespaces enforce restricted,
// and both carry audit and warn labels.
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { isJobNamespace, isPlatformNamespace, namespacesWithWorkloads } from './support.js';
import { isPssLevel, namespaceLabelsFix, PSS_LABEL, pssRank, type PssLevel } from './pss.js';

export default defineRule({
  meta: {
    id: 'namespace-pss-labels',
    title: 'Namespace Pod Security Standards labels below the required level',
    severity: 'high',
    refs: ['REQ-426'],
    category: 'namespace',
    rationale: 'The Pod Security admission controller only enforces what the namespace labels ask for. REQ-426 requires `enforce=restricted` where jobs run user code and at least `enforce=baseline` for platform services, plus audit and warn labels so violations are visible before they are enforced.',
    remediation: 'Label job namespaces `pod-security.kubernetes.io/enforce: restricted` and platform namespaces `enforce: baseline` (or restricted); add `audit` and `warn` labels (restricted) on both. Namespace roles come from `namespaces.platform` / `namespaces.jobs` in the config.',
    docs: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces',
    fixable: true,
  },
  check(ctx: RuleContext) {
    for (const ns of ctx.objects) {
      if (ns.ref.kind !== 'Namespace') continue;
      const jobs = isJobNamespace(ctx.config, ns.ref.name);
      if (!jobs && !isPlatformNamespace(ctx.config, ns.ref.name)) continue;
      const required: PssLevel = jobs ? 'restricted' : 'baseline';
      const role = jobs ? 'job' : 'platform';
      const labels = ns.object.metadata?.labels ?? {};
      const enforce = labels[PSS_LABEL('enforce')];
      if (enforce === undefined || !isPssLevel(enforce) || pssRank(enforce) < pssRank(required)) {
        const missing: Record<string, string> = { [PSS_LABEL('enforce')]: required };
        if (enforce === undefined) for (const m of ['audit', 'warn'] as const) if (labels[PSS_LABEL(m)] === undefined) missing[PSS_LABEL(m)] = 'restricted';
        ctx.report({
          target: ns,
          path: enforce === undefined ? ['metadata', 'labels'] : ['metadata', 'labels', PSS_LABEL('enforce')],
          identityPath: ['metadata', 'labels'], key: 'enforce',
          message: enforce === undefined
            ? `${role} namespace ${ns.ref.name} has no ${PSS_LABEL('enforce')} label; it must enforce ${required}`
            : `${role} namespace ${ns.ref.name} enforces "${String(enforce)}"; it must enforce ${required}${jobs ? '' : ' or stricter'}`,
          fix: namespaceLabelsFix(ctx.snapshot, ns, enforce === undefined ? missing : { [PSS_LABEL('enforce')]: required }, `Enforce the ${required} Pod Security Standard`),
        });
      }
      for (const mode of ['audit', 'warn'] as const) {
        const v = labels[PSS_LABEL(mode)];
        if (v !== undefined && isPssLevel(v) && pssRank(v) >= pssRank(required)) continue;
        if (v === undefined && enforce === undefined) continue; // included in the enforce fix above
        ctx.report({
          target: ns,
          path: v === undefined ? ['metadata', 'labels'] : ['metadata', 'labels', PSS_LABEL(mode)],
          identityPath: ['metadata', 'labels'], key: mode, severity: 'medium',
          message: v === undefined
            ? `${role} namespace ${ns.ref.name} has no ${PSS_LABEL(mode)} label`
            : `${role} namespace ${ns.ref.name} sets ${PSS_LABEL(mode)}: "${String(v)}", weaker than the required ${required}`,
          fix: namespaceLabelsFix(ctx.snapshot, ns, { [PSS_LABEL(mode)]: 'restricted' }, `${mode} on the restricted Pod Security Standard`),
        });
      }
    }
    // Workloads in a platform/job namespace that the repository never declares: labels unverifiable.
    for (const [ns, workloads] of namespacesWithWorkloads(ctx.objects)) {
      if (!isJobNamespace(ctx.config, ns) && !isPlatformNamespace(ctx.config, ns)) continue;
      if (ctx.index.namespace(ns)) continue;
      ctx.report({
        // Shown at the namespace's first workload, keyed on the namespace: another workload may come first.
        target: workloads[0], path: ['metadata', 'namespace'], identityObject: { kind: 'Namespace', name: ns }, key: `undeclared:${ns}`, severity: 'low',
        message: `namespace ${ns} is not declared in the repository, so its Pod Security labels cannot be reviewed; add a Namespace manifest with ${PSS_LABEL('enforce')}: ${isJobNamespace(ctx.config, ns) ? 'restricted' : 'baseline'}`,
      });
    }
  },
});
