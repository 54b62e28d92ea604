import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './infisical-secret-config.js';

const good = `apiVersion: secrets.infisical.com/v1alpha1
kind: InfisicalSecret
metadata:
  name: snowflake-credentials
  namespace: floe-jobs
  annotations:
    secrets.infisical.com/auto-reload: "true"
spec:
  hostAPI: https://app.infisical.com/api
  resyncInterval: 60
  authentication:
    universalAuth:
      secretsScope:
        projectSlug: floe-platform
        envSlug: production
        secretsPath: /snowflake
      credentialsRef:
        secretName: infisical-universal-auth
        secretNamespace: floe-platform
  managedSecretReference:
    secretName: snowflake-credentials
`;

describe('infisical-secret-config', () => {
  it('passes the REQ-431 reference InfisicalSecret', () => {
    expect(runRuleOn(rule, { yaml: good })).toEqual([]);
  });
  it('flags a missing auto-reload annotation and resyncInterval, with fixes', () => {
    const yaml = good.replace('  annotations:\n    secrets.infisical.com/auto-reload: "true"\n', '').replace('  resyncInterval: 60\n', '');
    const [reload, resync] = runRuleOn(rule, { yaml });
    expect(reload).toMatchObject({ ruleId: 'infisical-secret-config', refs: ['REQ-431'], line: 3 });
    expect(applyFix(yaml, reload.fix!)).toContain('  namespace: floe-jobs\n  annotations:\n    secrets.infisical.com/auto-reload: "true"\nspec:');
    expect(resync.line).toBe(6);
    expect(applyFix(yaml, resync.fix!)).toContain('    secretName: snowflake-credentials\n  resyncInterval: 60');
  });
  it('flags inline machine-identity credentials as critical without echoing them', () => {
    const yaml = good.replace('      credentialsRef:\n        secretName: infisical-universal-auth\n        secretNamespace: floe-platform\n', '      clientId: 3f2a1b9c-aaaa\n      clientSecret: 9b1c7d0e5f8a2b3c4d5e6f7a8b9c0d1e\n');
    const findings = runRuleOn(rule, { yaml });
    expect(findings.map((f) => [f.severity, f.line])).toEqual([['critical', 17], ['critical', 18]]);
    expect(findings[1].message).not.toContain('9b1c7d0e');
  });
  it('passes Kubernetes auth, which names its machine identity inline by design', () => {
    const yaml = good.replace('    universalAuth:\n', '    kubernetesAuth:\n      identityId: 7d1f3c52-8a4e-4b9d-9f0e-2c6a1b3d5e7f\n      serviceAccountRef:\n        name: floe-job-runner\n        namespace: floe-jobs\n')
      .replace('      credentialsRef:\n        secretName: infisical-universal-auth\n        secretNamespace: floe-platform\n', '');
    expect(yaml).toContain('identityId');
    expect(runRuleOn(rule, { yaml })).toEqual([]);
  });
  it('notes that ExternalSecrets are migration-only', () => {
    const [f] = runRuleOn(rule, { yaml: 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: x\nspec: {}\n' });
    expect(f).toMatchObject({ severity: 'info', line: 1 });
  });
});
