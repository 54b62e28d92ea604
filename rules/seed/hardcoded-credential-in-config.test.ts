import { describe, expect, it } from 'vitest';
import { withoutFix } from '../../src/core/types.js';
import { applyFix } from '../../src/engine/fixes.js';
import { scanText } from '../../src/secrets/index.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import { withoutFixesRulesGive } from '../../src/engine/secret-findings.js';
import rule, { isLiteralCredential } from './hardcoded-credential-in-config.js';
import injectionStyle from './secret-injection-style.js';
import reloader from './secret-consumer-without-reloader.js';
import referenceValidation from './secret-reference-validation.js';

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
  it('flags a literal env credential and drops it where the container already reads its Secret through envFrom', () => {
    const yaml = deploy('            - name: LOG_LEVEL\n              value: debug\n            - name: SNOWFLAKE_PASSWORD\n              value: "Xk9#mQ2vL"  # temp\n');
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'hardcoded-credential-in-config', refs: ['REQ-429'], severity: 'high', line: 19 });
    expect(f.message).not.toContain('Xk9');
    expect(f.message).toContain('move it to Secret "dagster-dev-credentials" under the key SNOWFLAKE_PASSWORD');
    expect(applyFix(yaml, f.fix!)).toContain([
      '          env:',
      '            - name: LOG_LEVEL',
      '              value: debug',
      '            # gitops-guard: rotate this credential, the literal is already in git history',
    ].join('\n'));
    expect(applyFix(yaml, f.fix!)).not.toContain('SNOWFLAKE_PASSWORD');
  });
  it('moves every literal of a container into one envFrom.secretRef, one edit shared by their findings, which replaces the secret scanner\'s', () => {
    const yaml = deploy('            - name: DB_USER_PASSWORD\n              value: "Tr0ub4dor&3xYz!q"\n            - name: LOG_LEVEL\n              value: debug\n            - name: API_TOKEN\n              value: "tok_9fK2mQz72PxVbN8s3Tq1"\n').replace(/ {10}envFrom:\n.*\n.*\n/, '');
    const findings = runRuleOn(rule, { yaml, path: 'overlays/prod/deploy.yaml' });
    expect(findings).toHaveLength(2);
    expect(findings[0].fix).toEqual(findings[1].fix);
    expect(findings[0].message).toContain('nothing in the repository creates Secret "dagster-prod-credentials" yet');
    expect(applyFix(yaml, findings[0].fix!)).toContain([
      '          envFrom:',
      '            # gitops-guard: rotate this credential, the literal is already in git history',
      '            - secretRef:',
      '                name: dagster-prod-credentials',
      '          env:',
      '            - name: LOG_LEVEL',
      '              value: debug',
    ].join('\n'));
    const secrets = scanText(yaml, 'overlays/prod/deploy.yaml').filter((x) => x.fix);
    expect(secrets.length).toBeGreaterThan(0);
    expect(withoutFixesRulesGive(secrets, findings).filter((x) => x.fix)).toEqual([]);
    // Nor where the rule offers none (a chart template whose environments name their Secrets apart).
    expect(withoutFixesRulesGive(secrets, findings.map(withoutFix)).filter((x) => x.fix)).toEqual([]);
  });
  it('once its fix and the Reloader annotation asked for in the same review are accepted, no rule it touches reports anything new', () => {
    const secret = 'apiVersion: secrets.infisical.com/v1alpha1\nkind: InfisicalSecret\nmetadata:\n  name: dagster-dev-credentials\n  namespace: floe-platform\nspec:\n  managedSecretReference:\n    secretName: dagster-dev-credentials\n';
    const rules = [rule, injectionStyle, reloader, referenceValidation];
    const run = (yaml: string) => rules.flatMap((r) => runRuleOn(r, { yaml, path: 'apps/dagster.yaml', files: { 'apps/secret.yaml': secret } }));
    let yaml = deploy('            - name: DB_PASSWORD\n              value: "Tr0ub4dor&3xYz!q"\n').replace(/ {10}envFrom:\n.*\n.*\n/, '');
    const before = run(yaml);
    expect(before.map((f) => f.ruleId).sort()).toEqual(['hardcoded-credential-in-config', 'secret-consumer-without-reloader']);
    for (const id of ['secret-consumer-without-reloader', 'hardcoded-credential-in-config']) yaml = applyFix(yaml, run(yaml).find((f) => f.ruleId === id)!.fix!);
    expect(run(yaml)).toEqual([]);
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
