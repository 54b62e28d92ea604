import { describe, expect, it } from 'vitest';
import { polarisDeployment } from '../../test/support/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './network-policy-not-enforced.js';

const deploy = polarisDeployment();
const deny = (types: string, ns = 'floe-platform') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${ns}
spec:
  podSelector: {}
${types}`;

describe('network-policy-not-enforced', () => {
  it('flags networkPolicy.enabled: false in a prod values file and flips it', () => {
    const [f] = runRuleOn(rule, { yaml: deploy, values: 'networkPolicy:\n  enabled: false  # dev default\n', environment: 'prod', unit: { kind: 'helm', root: 'charts/floe' } });
    expect(f).toMatchObject({ ruleId: 'network-policy-not-enforced', refs: ['GAP-2'], severity: 'critical', path: 'charts/floe/values-prod.yaml', line: 2 });
    expect(f.fix).toMatchObject({ startLine: 2, endLine: 2, replacement: '  enabled: true  # dev default' });
  });
  it('does not offer to edit values.yaml when prod inherits the false', () => {
    const [f] = runRuleOn(rule, { yaml: deploy, values: 'global: {}\n', baseValues: 'networkPolicy:\n  enabled: false\n', environment: 'prod', unit: { kind: 'helm', root: 'c' } });
    expect(f).toMatchObject({ path: 'c/values.yaml', line: 2 });
    expect(f.fix).toBeUndefined();
    expect(f.message).toContain('override it in c/values-prod.yaml');
  });
  it('flags a namespace with workloads and no default-deny policy', () => {
    const [f] = runRuleOn(rule, { yaml: deploy });
    expect(f).toMatchObject({ severity: 'medium', line: 5 });
    expect(runRuleOn(rule, { yaml: deploy, files: { 'np.yaml': deny('  policyTypes: [Egress]\n') } })).toHaveLength(1);
    expect(runRuleOn(rule, { yaml: deploy, files: { 'np.yaml': deny('  policyTypes: [Ingress]\n', 'other') } })).toHaveLength(1);
  });
  it('keys the finding on the namespace, not the workload it is shown at', () => {
    const [alone] = runRuleOn(rule, { yaml: deploy });
    const [after] = runRuleOn(rule, { yaml: `${polarisDeployment().replace('name: polaris', 'name: earlier')}---\n${deploy}` });
    expect(after.object?.name).toBe('earlier');
    expect(after.fingerprint).toBe(alone.fingerprint);
  });
  it('passes with a default-deny policy (explicit or implied Ingress)', () => {
    expect(runRuleOn(rule, { yaml: deploy, files: { 'np.yaml': deny('  policyTypes:\n    - Ingress\n    - Egress\n') } })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deploy, files: { 'np.yaml': deny('') } })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deploy, files: { 'np.yaml': deny('  ingress:\n    - {}\n') } })).toHaveLength(1);
  });
});
