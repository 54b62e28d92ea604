import { describe, expect, it } from 'vitest';
import { runRuleOn, runRuleOnChart } from '../../test/support/rule-tester.js';
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

  describe('in a Helm chart', () => {
    const chart = (template: string, values = 'password: ""\n', extra: Record<string, string> = {}) => ({
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'values.yaml': values,
      'templates/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: gen\ndata:\n${template}\n`,
      ...extra,
    });
    it('passes a value the template makes up at render time, directly or in an included helper', async () => {
      expect(await runRuleOnChart(rule, chart('  password: {{ .Values.password | default (randAlphaNum 16) | b64enc | quote }}'))).toEqual([]);
      const helper = { 'templates/_helpers.tpl': '{{- define "app.inner" -}}{{ randAlphaNum 20 }}{{- end -}}\n{{- define "app.password" -}}\n{{ include "app.inner" . | b64enc }}\n{{- end -}}\n' };
      expect(await runRuleOnChart(rule, chart('  password: {{ include "app.password" . | quote }}', 'password: ""\n', helper))).toEqual([]);
      expect(await runRuleOnChart(rule, chart('  tls.key: {{ genPrivateKey "rsa" | b64enc }}'))).toEqual([]);
      const branches = '  {{- if .Values.password }}\n  password: {{ .Values.password | b64enc | quote }}\n  {{- else }}\n  password: {{ randAlphaNum 16 | b64enc | quote }}\n  {{- end }}';
      expect(await runRuleOnChart(rule, chart(branches))).toEqual([]);
      expect(await runRuleOnChart(rule, chart(branches, 'password: hunter2hunter2\n'))).toHaveLength(1);
    });
    it('flags the generator\'s fallback once values set the password, and a literal from values', async () => {
      const [overridden] = await runRuleOnChart(rule, chart('  password: {{ .Values.password | default (randAlphaNum 16) | b64enc | quote }}', 'password: hunter2hunter2\n'));
      expect(overridden).toMatchObject({ ruleId: 'plain-secret-in-git', path: 'charts/app/templates/secret.yaml', line: 5 });
      const [fromValues] = await runRuleOnChart(rule, chart('  password: {{ .Values.password | b64enc | quote }}', 'password: hunter2hunter2\n'));
      expect(fromValues).toMatchObject({ ruleId: 'plain-secret-in-git' });
      const [composed] = await runRuleOnChart(rule, chart('  auth: {{ printf "%s:%s" .Values.password (randAlphaNum 4) | b64enc | quote }}', 'password: hunter2hunter2\n'));
      expect(composed).toMatchObject({ ruleId: 'plain-secret-in-git' });
    });
  });
});
