import { describe, expect, it } from 'vitest';
import { polarisDeployment } from '../../test/support/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './secret-reference-validation.js';

const deploy = (secret: string, extra = '') => polarisDeployment(`          envFrom:
            - secretRef:
                name: ${secret}
${extra}`);
const infisical = (name: string, ns = 'floe-platform') => `apiVersion: secrets.infisical.com/v1alpha1
kind: InfisicalSecret
metadata:
  name: i
  namespace: ${ns}
spec:
  managedSecretReference:
    secretName: ${name}
`;

describe('secret-reference-validation', () => {
  it('flags a referenced Secret that nothing in the repo defines', () => {
    const [f] = runRuleOn(rule, { yaml: deploy('polaris-dev-credentials') });
    expect(f).toMatchObject({ ruleId: 'secret-reference-validation', refs: ['REQ-435'], severity: 'high', line: 14 });
    expect(f.message).toContain('"polaris-dev-credentials" in namespace floe-platform');
  });
  it('passes a conventionally named Secret produced in the same namespace', () => {
    expect(runRuleOn(rule, { yaml: deploy('polaris-dev-credentials'), files: { 'i.yaml': infisical('polaris-dev-credentials') } })).toEqual([]);
  });
  it('accepts Secrets issued by a cert-manager Certificate or leased by an InfisicalDynamicSecret', () => {
    const certificate = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: polaris\n  namespace: floe-platform\nspec:\n  secretName: polaris-tls\n  issuerRef:\n    name: floe-ca\n    kind: ClusterIssuer\n';
    const tlsVolume = '      volumes:\n        - name: tls\n          secret:\n            secretName: polaris-tls\n';
    expect(runRuleOn(rule, { yaml: deploy('polaris-dev-credentials', tlsVolume), files: { 'c.yaml': certificate, 'i.yaml': infisical('polaris-dev-credentials') } })).toEqual([]);
    const [missing] = runRuleOn(rule, { yaml: deploy('polaris-dev-credentials', tlsVolume), files: { 'i.yaml': infisical('polaris-dev-credentials') } });
    expect(missing.message).toContain('"polaris-tls"');
    const lease = 'apiVersion: secrets.infisical.com/v1alpha1\nkind: InfisicalDynamicSecret\nmetadata:\n  name: pg\n  namespace: floe-platform\nspec:\n  leaseTTL: 1h\n  managedSecretReference:\n    secretName: postgres-dev-credentials\n    secretNamespace: floe-platform\n';
    expect(runRuleOn(rule, { yaml: deploy('postgres-dev-credentials'), files: { 'l.yaml': lease } })).toEqual([]);
  });
  it('does not accept a producer in another namespace', () => {
    expect(runRuleOn(rule, { yaml: deploy('polaris-dev-credentials'), files: { 'i.yaml': infisical('polaris-dev-credentials', 'floe-jobs') } })).toHaveLength(1);
  });
  it('checks the naming convention and the environment in the name', () => {
    const [f] = runRuleOn(rule, { yaml: deploy('polaris-secret'), files: { 'i.yaml': infisical('polaris-secret') } });
    expect(f).toMatchObject({ severity: 'low' });
    expect(f.message).toContain('"polaris-dev-credentials"');
    const [g] = runRuleOn(rule, { yaml: deploy('polaris-dev-credentials'), environment: 'prod', files: { 'i.yaml': infisical('polaris-dev-credentials') } });
    expect(g).toMatchObject({ severity: 'high' });
    expect(g.message).toContain('named for environment "dev"');
    expect(runRuleOn(rule, { yaml: deploy('polaris-secret'), files: { 'i.yaml': infisical('polaris-secret') }, config: { rules: { 'secret-reference-validation': { options: { naming: false } } } } })).toEqual([]);
  });
  it('skips TLS and registry secrets for naming, optional refs and ignored names for existence', () => {
    const tls = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: polaris-cert\n  namespace: floe-platform\ntype: kubernetes.io/tls\ndata: {}\n';
    const vol = '      volumes:\n        - name: certs\n          secret:\n            secretName: polaris-cert\n';
    expect(runRuleOn(rule, { yaml: deploy('polaris-dev-credentials', vol), files: { 't.yaml': tls, 'i.yaml': infisical('polaris-dev-credentials') } })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deploy('polaris-dev-credentials\n                optional: true') })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deploy('polaris-dev-credentials'), config: { rules: { 'secret-reference-validation': { options: { ignore: ['polaris-*'] } } } } })).toEqual([]);
  });
});
