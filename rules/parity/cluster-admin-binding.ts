// kube-linter cluster-admin-role-binding (CIS 5.1.1): subjects bound to cluster-admin.
import { defineRule } from '../../src/engine/rule.js';
import type { Json } from '../../src/k8s/workloads.js';
import { objectLabel } from './support.js';
import { BINDING_KINDS, subjectsText } from './rbac.js';

export default defineRule({
  meta: {
    id: 'cluster-admin-binding',
    title: 'Subject bound to the cluster-admin role',
    severity: 'high',
    refs: ['KL:cluster-admin-role-binding', 'CIS-5.1.1'],
    category: 'rbac',
    rationale: 'cluster-admin can do anything to any resource in every namespace. A workload or user holding it turns any compromise into a full cluster compromise; it is meant for break-glass access only.',
    remediation: 'Bind a Role/ClusterRole granting only what the subject needs. Keep cluster-admin for the break-glass group managed outside the application repositories.',
    docs: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
    fixable: false,
  },
  check(ctx) {
    for (const b of ctx.objects) {
      if (!BINDING_KINDS.has(b.ref.kind)) continue;
      const ref = b.object.roleRef as Json | undefined;
      if (ref?.kind !== 'ClusterRole' || ref?.name !== 'cluster-admin') continue;
      ctx.report({ target: b, path: ['roleRef', 'name'], message: `${objectLabel(b)} grants cluster-admin to ${subjectsText(b)}` });
    }
  },
});
