import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './network-policy-selects-no-pods.js';

const policy = (podSelector: string, peer: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector: ${podSelector}
  ingress:
    - from:
        - podSelector: ${peer}
`;
const files = { 'd.yaml': deployment({ namespace: 'shop' }) + '---\n' + deployment({ name: 'api', namespace: 'shop', labels: 'app: api' }) };

describe('network-policy-selects-no-pods', () => {
  it('flags a podSelector and a peer podSelector that match no pod', () => {
    const findings = runRuleOn(rule, { yaml: policy('{matchLabels: {app: wbe}}', '{matchLabels: {app: gone}}'), files });
    expect(findings.map((f) => f.line)).toEqual([7, 10]);
    expect(findings[1].message).toContain('ingress peer podSelector app=gone');
  });
  it('keeps the fingerprint of a peer finding when a peer is inserted ahead', () => {
    const yaml = policy('{matchLabels: {app: web}}', '{matchLabels: {app: gone}}');
    const [before] = runRuleOn(rule, { yaml, files });
    const [after] = runRuleOn(rule, { yaml: yaml.replace('    - from:\n', '    - from:\n        - podSelector: {matchLabels: {app: api}}\n'), files });
    expect(after.line).toBe(before.line + 1);
    expect(after.fingerprint).toBe(before.fingerprint);
  });
  it('passes matching selectors and the empty selector', () => {
    expect(runRuleOn(rule, { yaml: policy('{matchLabels: {app: web}}', '{matchLabels: {app: api}}'), files })).toEqual([]);
    expect(runRuleOn(rule, { yaml: policy('{}', '{}'), files })).toEqual([]);
  });
});
