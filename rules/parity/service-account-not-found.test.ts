import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './service-account-not-found.js';

const sa = (ns: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: ${ns}}\n`;
const yaml = deployment({ namespace: 'shop', pod: '      serviceAccountName: web' });

describe('service-account-not-found', () => {
  it('flags a ServiceAccount defined nowhere in the namespace', () => {
    const [f] = runRuleOn(rule, { yaml, files: { 'sa.yaml': sa('other') } });
    expect(f).toMatchObject({ ruleId: 'service-account-not-found', line: 13 });
    expect(f.message).toContain('"web", which is not defined in namespace shop');
  });
  it('keeps the fingerprint when the deprecated serviceAccount field becomes serviceAccountName', () => {
    const [deprecated] = runRuleOn(rule, { yaml: deployment({ namespace: 'shop', pod: '      serviceAccount: web' }) });
    const [current] = runRuleOn(rule, { yaml });
    expect(deprecated.fieldPath).toBe('spec.template.spec.serviceAccount');
    expect(current.fingerprint).toBe(deprecated.fingerprint);
    const [other] = runRuleOn(rule, { yaml: deployment({ namespace: 'shop', pod: '      serviceAccountName: api' }) });
    expect(other.fingerprint).not.toBe(current.fingerprint);
  });
  it('passes an account defined in the namespace, and "default"', () => {
    expect(runRuleOn(rule, { yaml, files: { 'sa.yaml': sa('shop') } })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deployment({ pod: '      serviceAccountName: default' }) })).toEqual([]);
    expect(runRuleOn(rule, { yaml, config: { rules: { 'service-account-not-found': { options: { knownServiceAccounts: ['we*'] } } } } })).toEqual([]);
  });
});
