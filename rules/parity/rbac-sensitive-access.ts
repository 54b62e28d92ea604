// kube-linter access-to-secrets (CIS 5.1.2) and access-to-create-pods (CIS 5.1.4): bindings that
// hand out reading Secrets or creating pods.
import { defineRule } from '../../src/engine/rule.js';
import { objectLabel } from './support.js';
import { BINDING_KINDS, boundRole, subjectsText, type PolicyRule } from './rbac.js';

interface Sensitive {
  resource: string;
  verbs: string[];
  why: string;
}

const SENSITIVE: Sensitive[] = [
  { resource: 'secrets', verbs: ['get', 'list', 'watch', 'create', 'delete', '*'], why: 'reads or replaces every Secret of its scope (CIS 5.1.2)' },
  { resource: 'pods', verbs: ['create', '*'], why: 'can start a pod that mounts any Secret or ServiceAccount of its namespace (CIS 5.1.4)' },
];

function grants(rule: PolicyRule, s: Sensitive): string[] {
  const coreGroup = rule.apiGroups.length === 0 || rule.apiGroups.includes('') || rule.apiGroups.includes('*');
  if (!coreGroup || !(rule.resources.includes(s.resource) || rule.resources.includes('*'))) return [];
  return rule.verbs.filter((v) => s.verbs.includes(v));
}

export default defineRule({
  meta: {
    id: 'rbac-sensitive-access',
    title: 'Binding grants access to Secrets or pod creation',
    severity: 'medium',
    refs: ['KL:access-to-secrets', 'KL:access-to-create-pods', 'CIS-5.1.2', 'CIS-5.1.4'],
    category: 'rbac',
    rationale: 'Reading Secrets reveals every credential of the namespace (or cluster, for ClusterRoleBindings); creating pods is equivalent, since a pod can mount any Secret and run as any ServiceAccount of its namespace. Both are privilege escalations hidden behind innocent-looking roles.',
    remediation: 'Grant `get` on the few Secrets the subject needs by `resourceNames`, or none (mount them into the pod instead); leave pod creation to controllers (Deployments, Jobs) and their operators.',
    docs: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    fixable: false,
  },
  check(ctx) {
    for (const b of ctx.objects) {
      if (!BINDING_KINDS.has(b.ref.kind)) continue;
      const role = boundRole(b, ctx.index.all);
      if (!role) continue;
      for (const s of SENSITIVE) {
        const verbs = [...new Set(role.rules.filter((r) => r.resourceNames.length === 0).flatMap((r) => grants(r, s)))];
        if (verbs.length === 0) continue;
        ctx.report({
          target: b, path: ['roleRef', 'name'], key: s.resource,
          message: `${objectLabel(b)} binds ${role.kind} ${role.name} ([${verbs.join(', ')}] on ${s.resource}) to ${subjectsText(b)}, which ${s.why}`,
        });
      }
    }
  },
});
