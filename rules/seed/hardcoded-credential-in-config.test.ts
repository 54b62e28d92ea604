import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { scanText } from '../../src/secrets/index.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule, { isLiteralCredential } from './hardcoded-credential-in-config.js';

const deploy = (env: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dagster
  namespace: floe-platform
spec:
  template:
    spec:
      containers:
        - name: web
          image: dagster:1.7
          envFrom:
            - secretRef:
                name: dagster-dev-credentials
          env:
${env}`;

describe('hardcoded-credential-in-config', () => {
  it('classifies literals', () => {
    expect(isLiteralCredential('DB_PASSWORD', 's3cr3t-Pa55')).toBe(true);
    expect(isLiteralCredential('apiKey', 'sk-live-abc123')).toBe(true);
    expect(isLiteralCredential('DATABASE_URL', 'postgresql://app:hunter22@db/app')).toBe(true);
    expect(isLiteralCredential('DATABASE_URL', 'postgresql://db/app')).toBe(false);
    expect(isLiteralCredential('password', '')).toBe(false);
    expect(isLiteralCredential('password', '<set-me>')).toBe(false);
    expect(isLiteralCredential('passwordSecretName', 'pg-creds')).toBe(false);
    expect(isLiteralCredential('tokenSecret', 'infisical-token')).toBe(false);
    expect(isLiteralCredential('LOG_LEVEL', 'debug')).toBe(false);
  });
  it('flags a literal env credential and rewrites it to a secretKeyRef on the Secret the container already uses', () => {
    const yaml = deploy('            - name: SNOWFLAKE_PASSWORD\n              value: "Xk9#mQ2vL"  # temp\n');
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'hardcoded-credential-in-config', refs: ['REQ-429'], severity: 'high', line: 17 });
    expect(f.message).not.toContain('Xk9');
    expect(applyFix(yaml, f.fix!)).toContain([
      '            - name: SNOWFLAKE_PASSWORD',
      '              # gitops-guard: rotate this credential, the literal is already in git history',
      '              valueFrom:',
      '                secretKeyRef:',
      '                  name: dagster-dev-credentials',
      '                  key: snowflake-password',
    ].join('\n'));
  });
  it('suggests the same Secret and fix as the secret scanner when the pod reads none yet', () => {
    const yaml = deploy('            - name: DB_PASSWORD\n              value: "Tr0ub4dor&3xYz!q"\n').replace(/ {10}envFrom:\n.*\n.*\n/, '');
    const [f] = runRuleOn(rule, { yaml, path: 'overlays/prod/deploy.yaml' });
    const [secret] = scanText(yaml, 'overlays/prod/deploy.yaml').filter((x) => x.line === f.line);
    expect(f.message).toContain('Secret "dagster-prod-credentials", key "db-password"');
    expect(secret.message).toContain('dagster-prod-credentials');
    expect(f.fix!.replacement).toBe(secret.fix!.replacement);
  });
  it('passes references and non-credential values', () => {
    expect(runRuleOn(rule, { yaml: deploy('            - name: LOG_LEVEL\n              value: debug\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: x\n                  key: y\n') })).toEqual([]);
  });
  it('flags literal credentials in chart values (critical in prod) and in ConfigMaps', () => {
    const values = 'plugins:\n  compute:\n    type: snowflake\n    user: dbt_user\n    password: "Xk9mQ2vLp"\n    existingSecret: ""\n';
    const [f] = runRuleOn(rule, { yaml: 'kind: ConfigMap\nmetadata:\n  name: c\ndata:\n  api_key: sk-abc123def\n', values, environment: 'prod', unit: { kind: 'helm', root: 'charts/floe' } });
    const all = runRuleOn(rule, { yaml: 'kind: ConfigMap\nmetadata:\n  name: c\ndata:\n  api_key: sk-abc123def\n', values, environment: 'prod', unit: { kind: 'helm', root: 'charts/floe' } });
    expect(all.map((x) => [x.path, x.line, x.severity])).toEqual([['manifests/test.yaml', 5, 'critical'], ['charts/floe/values-prod.yaml', 5, 'critical']]);
    expect(f.message).toContain('ConfigMap');
  });
  it('knows secret_key names a credential and an env-style name or an example key stands in for one', () => {
    expect(isLiteralCredential('secret_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY0123456789')).toBe(true);
    expect(isLiteralCredential('access_key', 'DEFINED_IN_VALUES_FILE')).toBe(false);
    expect(isLiteralCredential('aws_secret_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(false);
  });
});
