// kube-linter no-extensions-v1beta, kube-score stable-version: apiVersions the target cluster
// (config.kubeVersion) no longer serves, or warns about.
import { defineRule } from '../../src/engine/rule.js';
import { replaceScalarFix } from '../../src/engine/fixes.js';
import { objectLabel } from './support.js';
import { minorOf, removedApiFor } from './removed-apis.js';

export default defineRule({
  meta: {
    id: 'deprecated-api-version',
    title: 'API version removed (or deprecated) in the target Kubernetes version',
    severity: 'high',
    refs: ['KL:no-extensions-v1beta', 'KS:stable-version'],
    category: 'hygiene',
    rationale: 'An apiVersion the cluster no longer serves makes the whole sync fail ("no matches for kind"); a deprecated one will after the next upgrade. The target version is `kubeVersion` of the configuration (default 1.35).',
    remediation: 'Move the object to the stable API version named in the message. Where the schemas are identical the fix changes `apiVersion`; otherwise follow the Kubernetes deprecation guide (e.g. Ingress v1 backends, apps/v1 required selectors).',
    docs: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
    fixable: true,
  },
  check(ctx) {
    const target = minorOf(ctx.config.kubeVersion);
    if (target === undefined) return;
    for (const o of ctx.objects) {
      const api = removedApiFor(o.ref.apiVersion, o.ref.kind);
      if (!api || target < api.deprecatedIn) continue;
      const removed = target >= api.removedIn;
      const instead = api.replacement ? `use ${api.replacement}` : 'it has no replacement; remove it';
      ctx.report({
        target: o, path: ['apiVersion'], severity: removed ? undefined : 'low',
        message: removed
          ? `${objectLabel(o)} uses ${o.ref.apiVersion}, which Kubernetes removed in 1.${api.removedIn} (target ${ctx.config.kubeVersion}): ${instead}`
          : `${objectLabel(o)} uses ${o.ref.apiVersion}, deprecated since 1.${api.deprecatedIn} and removed in 1.${api.removedIn}: ${instead}`,
        fix: api.dropIn && api.replacement ? replaceScalarFix(ctx.snapshot, o.locate(['apiVersion']), api.replacement, { expectKey: 'apiVersion', description: `Move to ${api.replacement}` }) : undefined,
      });
    }
  },
});
