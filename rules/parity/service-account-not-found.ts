// kube-linter non-existent-service-account: pods running as a ServiceAccount nobody creates.
import { defineRule } from '../../src/engine/rule.js';
import { matchesAny, optionStrings } from '../seed/support.js';
import { namespaceOf, objectLabel, sameNamespace, workloadsOf } from './support.js';

export default defineRule({
  meta: {
    id: 'service-account-not-found',
    title: 'Pod uses a ServiceAccount that is not defined',
    severity: 'medium',
    refs: ['KL:non-existent-service-account'],
    category: 'rbac',
    rationale: 'The API server refuses to create pods whose ServiceAccount does not exist: the Deployment rolls out zero pods and the error only shows in ReplicaSet events. Usually a chart\'s `serviceAccount.create: false` without an existing account, or a renamed account.',
    remediation: 'Define the ServiceAccount in the same namespace (in the chart, `serviceAccount.create: true`), or point `serviceAccountName` at one that exists. Accounts provisioned outside the repository go in option `knownServiceAccounts` (names or globs).',
    docs: 'https://kubernetes.io/docs/concepts/security/service-accounts/',
    fixable: false,
  },
  check(ctx) {
    const accounts = ctx.index.byKind('ServiceAccount');
    const provisioned = optionStrings(ctx, 'knownServiceAccounts');
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      const field = typeof pod.spec.serviceAccountName === 'string' && pod.spec.serviceAccountName ? 'serviceAccountName' : 'serviceAccount';
      const name = pod.spec[field];
      if (typeof name !== 'string' || name === '' || name === 'default' || matchesAny(name, provisioned)) continue;
      if (accounts.some((a) => a.ref.name === name && sameNamespace(namespaceOf(a), namespaceOf(target)))) continue;
      ctx.report({
        // Keyed on the account, not the field: moving it from serviceAccount to serviceAccountName fixes nothing here.
        target, path: [...pod.path, field], identityPath: pod.path, key: name,
        message: `${objectLabel(target)} runs as ServiceAccount "${name}", which is not defined${namespaceOf(target) ? ` in namespace ${namespaceOf(target)}` : ''} anywhere in the repository: its pods will not be created`,
      });
    }
  },
});
