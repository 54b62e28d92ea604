import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './rbac-sensitive-access.js';

const role = (rule: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: app, namespace: shop}\nrules:\n  - ${rule}\n`;
const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app, namespace: shop}
subjects: [{kind: ServiceAccount, name: app, namespace: shop}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app}
`;

describe('rbac-sensitive-access', () => {
  it('flags a binding to a role that reads Secrets or creates pods', () => {
    const [s] = runRuleOn(rule, { yaml: binding, files: { 'r.yaml': role('{apiGroups: [""], resources: [secrets], verbs: [get, list]}') } });
    expect(s).toMatchObject({ ruleId: 'rbac-sensitive-access', line: 5 });
    expect(s.message).toContain('[get, list] on secrets');
    const [p] = runRuleOn(rule, { yaml: binding, files: { 'r.yaml': role('{apiGroups: [""], resources: [pods], verbs: [create]}') } });
    expect(p.message).toContain('[create] on pods');
  });
  it('knows the built-in admin and edit ClusterRoles', () => {
    const edit = binding.replace('kind: Role, name: app', 'kind: ClusterRole, name: edit');
    expect(runRuleOn(rule, { yaml: edit }).map((f) => f.message)).toEqual([expect.stringContaining('ClusterRole edit (built-in) ([get, list, watch, create, delete] on secrets)'), expect.stringContaining('[create] on pods')]);
    expect(runRuleOn(rule, { yaml: binding.replace('kind: Role, name: app', 'kind: ClusterRole, name: view') })).toEqual([]);
  });
  it('passes reads of other resources and Secrets restricted by resourceNames', () => {
    expect(runRuleOn(rule, { yaml: binding, files: { 'r.yaml': role('{apiGroups: [""], resources: [pods], verbs: [get]}') } })).toEqual([]);
    expect(runRuleOn(rule, { yaml: binding, files: { 'r.yaml': role('{apiGroups: [""], resources: [secrets], resourceNames: [app-tls], verbs: [get]}') } })).toEqual([]);
  });
});
