// kube-linter default-service-account: pods that run as the namespace's shared default account.
import { defineRule } from '../../src/engine/rule.js';
import { objectLabel, workloadsOf } from './support.js';

export default defineRule({
  meta: {
    id: 'default-service-account',
    title: 'Pod runs as the default ServiceAccount',
    severity: 'low',
    refs: ['KL:default-service-account', 'CIS-5.1.5'],
    category: 'rbac',
    rationale: 'Every pod of a namespace that names no ServiceAccount shares "default": a RoleBinding granted to it for one workload is silently granted to all of them, and audit logs cannot tell them apart.',
    remediation: 'Give each workload its own ServiceAccount (`serviceAccountName`) with only the RBAC it needs. Pods that never call the API and set `automountServiceAccountToken: false` are not reported.',
    docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
    fixable: false,
  },
  check(ctx) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      const name = pod.spec.serviceAccountName || pod.spec.serviceAccount || 'default';
      if (name !== 'default' || pod.spec.automountServiceAccountToken === false) continue;
      const explicit = pod.spec.serviceAccountName ? 'serviceAccountName' : pod.spec.serviceAccount ? 'serviceAccount' : undefined;
      ctx.report({
        target, path: explicit ? [...pod.path, explicit] : pod.path,
        message: `${objectLabel(target)} runs as the namespace's default ServiceAccount${explicit ? '' : ' (no serviceAccountName)'}, shared with every other pod that names none`,
      });
    }
  },
});
