import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './plain-secret-in-git.js';

const secret = `apiVersion: v1
kind: Secret
metadata:
  name: postgresql
  namespace: floe-platform
type: Opaque
data:
  postgresql-password: c3VwZXJzZWNyZXQ=
stringData:
  postgresql-url: postgresql://app:hunter22@db:5432/app
`;
const infisical = `apiVersion: secrets.infisical.com/v1alpha1
kind: InfisicalSecret
metadata:
  name: pg
  namespace: floe-platform
spec:
  managedSecretReference:
    secretName: postgresql
`;

describe('plain-secret-in-git', () => {
  it('flags literal data: high when nothing manages the Secret, critical in prod', () => {
    const [f] = runRuleOn(rule, { yaml: secret });
    expect(f).toMatchObject({ ruleId: 'plain-secret-in-git', refs: ['GAP-3'], severity: 'high', line: 7 });
    expect(f.message).toContain('postgresql-password, postgresql-url');
    expect(f.message).not.toContain('hunter22');
    expect(runRuleOn(rule, { yaml: secret, environment: 'prod' })[0].severity).toBe('critical');
  });
  it('is medium when a secrets manager already targets the same name', () => {
    const [f] = runRuleOn(rule, { yaml: secret, files: { 'infisical.yaml': infisical } });
    expect(f.severity).toBe('medium');
    expect(f.message).toContain('InfisicalSecret pg already manages');
  });
  it('passes empty skeletons, placeholders and service-account tokens', () => {
    expect(runRuleOn(rule, { yaml: secret.replace(/data:[\s\S]*/, 'stringData:\n  password: ""\n  token: <set-me>\n') })).toEqual([]);
    expect(runRuleOn(rule, { yaml: secret.replace('type: Opaque', 'type: kubernetes.io/service-account-token') })).toEqual([]);
  });
});
