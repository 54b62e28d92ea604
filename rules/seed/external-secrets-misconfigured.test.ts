import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './external-secrets-misconfigured.js';

const es = (store: string) => `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: snowflake-credentials-eso
  namespace: floe-jobs
spec:
  refreshInterval: 1h
  secretStoreRef:
    name: "${store}"
    kind: ClusterSecretStore
  target:
    name: snowflake-credentials
`;
const infisical = 'apiVersion: secrets.infisical.com/v1alpha1\nkind: InfisicalSecret\nmetadata:\n  name: app\nspec:\n  managedSecretReference:\n    secretName: app-prod-credentials\n';
const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a:1\n          envFrom:\n            - secretRef:\n                name: web-prod-credentials\n';
const noCredentials = deploy.replace(/\n {10}envFrom:[\s\S]*$/, '\n');

describe('external-secrets-misconfigured', () => {
  it('flags an ExternalSecret with an empty store name', () => {
    const [f] = runRuleOn(rule, { yaml: es('') });
    expect(f).toMatchObject({ ruleId: 'external-secrets-misconfigured', refs: ['GAP-7'], severity: 'high', line: 8 });
  });
  it('passes an ExternalSecret with a store', () => {
    expect(runRuleOn(rule, { yaml: es('aws-secrets-manager') })).toEqual([]);
  });
  it('flags values that enable External Secrets without a store, at the values line', () => {
    const values = 'externalSecrets:\n  enabled: true\n  secretStoreRef:\n    name: ""\n    kind: ClusterSecretStore\n';
    const [f] = runRuleOn(rule, { yaml: deploy, values, unit: { kind: 'helm', root: 'charts/floe' } });
    expect(f).toMatchObject({ path: 'charts/floe/values.yaml', line: 4 });
  });
  it('flags an environment that enables External Secrets over an inherited empty store, at its own toggle', () => {
    const baseValues = 'externalSecrets:\n  enabled: false\n  secretStoreRef:\n    name: ""\n    kind: ClusterSecretStore\n';
    const values = 'global:\n  environment: prod\nexternalSecrets:\n  enabled: true\n';
    const unit = { kind: 'helm' as const, root: 'charts/floe', environments: ['default', 'prod'] };
    const findings = runRuleOn(rule, { yaml: deploy, values, baseValues, environment: 'prod', unit, files: { 'is.yaml': infisical } });
    expect(findings.map((f) => [f.path, f.line])).toEqual([['charts/floe/values-prod.yaml', 4]]);
    const withStore = 'externalSecrets:\n  enabled: true\n  secretStoreRef:\n    name: aws-secrets-manager\n';
    expect(runRuleOn(rule, { yaml: deploy, values: withStore, baseValues, environment: 'prod', unit, files: { 'is.yaml': infisical } })).toEqual([]);
  });
  it('flags production without any secrets backend, and passes when one exists', () => {
    const values = 'externalSecrets:\n  enabled: false\n';
    const [f] = runRuleOn(rule, { yaml: deploy, values, environment: 'prod', unit: { kind: 'helm', root: 'charts/floe' } });
    expect(f).toMatchObject({ path: 'charts/floe/values-prod.yaml', line: 2 });
    expect(f.message).toContain('no external secrets backend');
    expect(runRuleOn(rule, { yaml: deploy, environment: 'prod', files: { 'es.yaml': es('store') } })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deploy, environment: 'dev' })).toEqual([]);
  });
  it('passes production workloads that read no Secret, and reports without values at the first consumer', () => {
    expect(runRuleOn(rule, { yaml: noCredentials, values: 'externalSecrets:\n  enabled: false\n', environment: 'prod', unit: { kind: 'helm', root: 'charts/floe' } })).toEqual([]);
    const [f] = runRuleOn(rule, { yaml: `${noCredentials}---\n${deploy.replace('name: web', 'name: api')}`, environment: 'prod' });
    expect(f).toMatchObject({ path: 'manifests/test.yaml', line: 12 });
    expect(f.message).toContain('Deployment api');
  });
  it('counts a production workload holding a literal env credential as a credential consumer, as the fix moving it into a Secret makes it', () => {
    const literal = `${noCredentials}          env:\n            - name: DB_PASSWORD\n              value: "Tr0ub4dor&3xYz!q"\n`;
    expect(runRuleOn(rule, { yaml: literal, environment: 'prod' }).map((f) => f.message)).toEqual([expect.stringContaining('no external secrets backend (no InfisicalSecret, ExternalSecret, Vault secret or SealedSecret, and the values enable none) for the credentials of Deployment web')]);
  });
  it('does not count a cert-manager Certificate as a secrets backend for production', () => {
    const certificate = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\nspec:\n  secretName: web-tls\n';
    expect(runRuleOn(rule, { yaml: `${deploy}---\n${certificate}`, environment: 'prod' }).map((f) => f.message)).toEqual([expect.stringContaining('no external secrets backend')]);
    const lease = 'apiVersion: secrets.infisical.com/v1alpha1\nkind: InfisicalDynamicSecret\nmetadata:\n  name: pg\nspec:\n  managedSecretReference:\n    secretName: pg-prod-credentials\n';
    expect(runRuleOn(rule, { yaml: `${deploy}---\n${lease}`, environment: 'prod' })).toEqual([]);
  });
});
