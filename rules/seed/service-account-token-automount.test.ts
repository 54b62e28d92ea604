import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './service-account-token-automount.js';

const deploy = (extra = '', annotations = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: polaris
  namespace: floe-platform${annotations}
spec:
  template:
    spec:${extra}
      containers:
        - name: polaris
          image: apache/polaris:0.9.0
`;

describe('service-account-token-automount', () => {
  it('flags a pod that mounts the token by default and inserts automount: false', () => {
    const yaml = deploy();
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'service-account-token-automount', refs: ['GAP-10'], line: 8, severity: 'low' });
    expect(applyFix(yaml, f.fix!)).toContain('          image: apache/polaris:0.9.0\n      automountServiceAccountToken: false\n');
  });
  it('flags an explicit true without a justification and flips it', () => {
    const yaml = deploy('\n      automountServiceAccountToken: true');
    const [f] = runRuleOn(rule, { yaml });
    expect(f.line).toBe(9);
    expect(f.fix).toMatchObject({ startLine: 9, endLine: 9, replacement: '      automountServiceAccountToken: false' });
  });
  it('passes false, a justified true, the needs-api-access annotation, and a ServiceAccount that opts out', () => {
    expect(runRuleOn(rule, { yaml: deploy('\n      automountServiceAccountToken: false') })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deploy('\n      # the run launcher creates Jobs through the API\n      automountServiceAccountToken: true') })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deploy('', '\n  annotations:\n    gitops-guard.io/needs-api-access: "run launcher"') })).toEqual([]);
    const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: floe-platform\nautomountServiceAccountToken: false\n';
    expect(runRuleOn(rule, { yaml: deploy(), files: { 'sa.yaml': sa } })).toEqual([]);
  });
  it('downgrades to info when the ServiceAccount is bound to RBAC roles', () => {
    const yaml = deploy('\n      serviceAccountName: dagster');
    const rb = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb\n  namespace: floe-platform\nsubjects:\n  - kind: ServiceAccount\n    name: dagster\nroleRef:\n  kind: Role\n  name: r\n';
    expect(runRuleOn(rule, { yaml, files: { 'rb.yaml': rb } })[0].severity).toBe('info');
  });
});
