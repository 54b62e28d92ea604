import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './cluster-admin-binding.js';

const binding = (role: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci}
subjects:
  - {kind: ServiceAccount, name: deployer, namespace: ci}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${role}
`;

describe('cluster-admin-binding', () => {
  it('flags a binding to cluster-admin, naming its subjects', () => {
    const [f] = runRuleOn(rule, { yaml: binding('cluster-admin') });
    expect(f).toMatchObject({ ruleId: 'cluster-admin-binding', refs: ['KL:cluster-admin-role-binding', 'CIS-5.1.1'], line: 9 });
    expect(f.message).toContain('ServiceAccount ci/deployer');
  });
  it('passes other roles', () => {
    expect(runRuleOn(rule, { yaml: binding('view') })).toEqual([]);
  });
});
