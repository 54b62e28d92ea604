// kube-linter wildcard-in-rules (CIS 5.1.3): "*" in the verbs or resources of a Role/ClusterRole.
import { occurrenceKeys } from '../../src/engine/occurrence-keys.js';
import { defineRule } from '../../src/engine/rule.js';
import { objectLabel } from './support.js';
import { policyRules } from './rbac.js';

export default defineRule({
  meta: {
    id: 'rbac-wildcard',
    title: 'Role grants "*" verbs or resources',
    severity: 'high',
    refs: ['KL:wildcard-in-rules', 'CIS-5.1.3'],
    category: 'rbac',
    rationale: 'A wildcard grants every verb (including escalate, bind, impersonate) or every resource (including secrets and resources added to the cluster later). The role silently grows with each CRD and Kubernetes release.',
    remediation: 'List the resources and verbs the subject needs explicitly (e.g. `resources: [configmaps]`, `verbs: [get, list, watch]`).',
    docs: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
    fixable: false,
  },
  check(ctx) {
    for (const role of ctx.objects) {
      if (role.ref.kind !== 'Role' && role.ref.kind !== 'ClusterRole') continue;
      // Policy rules have no name: keyed on their API groups (numbered when alike), not their position.
      const keyOf = occurrenceKeys();
      for (const rule of policyRules(role)) {
        for (const field of ['verbs', 'resources'] as const) {
          const at = rule[field].indexOf('*');
          if (at < 0) continue;
          ctx.report({
            target: role, path: ['rules', rule.index, field, at], identityPath: ['rules'], key: keyOf(`${field}:${rule.apiGroups.join(',')}`),
            message: `${objectLabel(role)} rule ${rule.index + 1} uses the wildcard "*" in ${field}${field === 'verbs' ? ` on ${rule.resources.join(', ') || 'no resources'}` : ` with verbs ${rule.verbs.join(', ') || 'none'}`}`,
          });
        }
      }
    }
  },
});
