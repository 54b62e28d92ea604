// GAP-1: chart values promise a Pod Security Standard (`podSecurityStandards.*`) that no namespace
// the chart deploys to actually enforces.
import type { FieldPath, Severity } from '../../src/core/types.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { namespaceOf, reportsValuesLine } from './support.js';
import { isPssLevel, namespaceLabelsFix, PSS_LABEL, pssRank, type PssLevel } from './pss.js';

/** The first `podSecurityStandards` mapping in the values, with its path. */
function pssBlock(values: Record<string, unknown>): { path: FieldPath; block: Record<string, unknown> } | undefined {
  const queue: { path: FieldPath; node: unknown }[] = [{ path: [], node: values }];
  while (queue.length > 0) {
    const { path, node } = queue.shift()!;
    if (!node || typeof node !== 'object' || Array.isArray(node)) continue;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (/^pod[-_]?security[-_]?standards?$/i.test(k) && v && typeof v === 'object' && !Array.isArray(v)) return { path: [...path, k], block: v as Record<string, unknown> };
      queue.push({ path: [...path, k], node: v });
    }
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'pss-values-not-enforced',
    title: 'Pod Security Standard promised in chart values but not enforced on the namespace',
    severity: 'high',
    refs: ['GAP-1'],
    category: 'namespace',
    rationale: '`podSecurityStandards.profile: restricted` in values.yaml is informational: Pod Security admission only enforces namespace labels. Unless a namespace the chart deploys to carries `pod-security.kubernetes.io/enforce`, anyone can deploy privileged pods there and the values give a false sense of safety.',
    remediation: 'Label every namespace the chart deploys to with `pod-security.kubernetes.io/enforce: <profile>` (and `warn`/`audit` when the values ask for them), in the repository\'s Namespace manifest or a chart-managed Namespace.',
    docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/',
    fixable: true,
  },
  check(ctx: RuleContext) {
    const values = ctx.values;
    if (!values) return;
    const found = pssBlock(values.values);
    if (!found) return;
    const profileKey = ['profile', 'enforce', 'level'].find((k) => isPssLevel(found.block[k]));
    if (!profileKey) return;
    const profile = found.block[profileKey] as PssLevel;
    const promised: Record<string, string> = { [PSS_LABEL('enforce')]: profile };
    if (found.block.warn === true) promised[PSS_LABEL('warn')] = profile;
    if (found.block.audit === true) promised[PSS_LABEL('audit')] = profile;
    const severity: Severity = ctx.isProd ? 'critical' : 'high';
    const valuesLoc = values.locate([...found.path, profileKey]);
    const suggestion = Object.entries(promised).map(([k, v]) => `${k}: ${v}`).join(', ');

    const namespaces = new Set<string>();
    for (const o of ctx.objects) {
      const ns = o.ref.kind === 'Namespace' ? o.ref.name : namespaceOf(o);
      if (ns) namespaces.add(ns);
    }
    if (namespaces.size === 0) {
      if (valuesLoc && reportsValuesLine(ctx, valuesLoc.path)) {
        ctx.report({ location: valuesLoc, key: 'release-namespace', severity: 'medium', message: `values promise the "${profile}" Pod Security Standard, but the chart neither creates a Namespace nor pins one; make sure the release namespace is labelled (${suggestion})` });
      }
      return;
    }
    for (const name of [...namespaces].sort()) {
      const nsObj = ctx.index.namespace(name);
      if (!nsObj) {
        if (valuesLoc && reportsValuesLine(ctx, valuesLoc.path)) {
          ctx.report({ location: valuesLoc, key: `undeclared:${name}`, severity, message: `values promise the "${profile}" Pod Security Standard, but namespace ${name} is not declared in the repository with the labels (${suggestion})` });
        }
        continue;
      }
      const labels = nsObj.object.metadata?.labels ?? {};
      const enforce = labels[PSS_LABEL('enforce')];
      if (isPssLevel(enforce) && pssRank(enforce) >= pssRank(profile)) continue;
      const missing = Object.fromEntries(Object.entries(promised).filter(([k]) => labels[k] === undefined));
      const toAdd = Object.entries(missing).map(([k, v]) => `${k}: ${v}`).join(', ');
      ctx.report({
        target: nsObj, severity, key: `ns:${name}`,
        path: enforce === undefined ? ['metadata', 'labels'] : ['metadata', 'labels', PSS_LABEL('enforce')],
        identityPath: ['metadata', 'labels'],
        message: enforce === undefined
          ? `namespace ${name} does not enforce the "${profile}" Pod Security Standard promised by ${values.file}; add ${toAdd}`
          : `namespace ${name} enforces "${String(enforce)}" but ${values.file} promises "${profile}"`,
        fix: namespaceLabelsFix(ctx.snapshot, nsObj, enforce === undefined ? missing : { [PSS_LABEL('enforce')]: profile }, `Enforce the ${profile} Pod Security Standard`),
      });
    }
  },
});
