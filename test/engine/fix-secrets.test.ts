// Fixes that keep lines around their edit must not carry a credential into a comment, an
// annotation or a log: the finding stays, without its fix.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Finding } from '../../src/core/types.js';
import { applyFix } from '../../src/engine/fixes.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { scanSnapshot } from '../../src/engine/secret-findings.js';
import { fixShowsSecret, withoutSecretShowingFixes } from '../../src/engine/fix-secrets.js';
import { reviewChange } from '../../src/engine/review.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';
import { pullRequest } from '../hostile/support/change.js';
import { evaluateFiles } from '../support/evaluate-files.js';

const TOKEN = ['ghp', '4f9Kx2LmQz72PxVbN8s3Tq1Wc5Ry7Ua0Dd6E'].join('_');

const deployment = (lastEnvValue: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tools
spec:
  selector:
    matchLabels: {app: tools}
  template:
    metadata:
      labels: {app: tools}
    spec:
      containers:
        - name: tools
          image: busybox:1.36
          env:
            - name: API_TOKEN
              value: "${lastEnvValue}"
`;

async function findingsOf(text: string) {
  const { findings, snapshot } = await evaluateFiles({ 'deploy.yaml': text });
  return withoutSecretShowingFixes(findings, snapshot);
}

describe('fixes and secrets', () => {
  it('a fix inserting after the line of a secret is left out; the finding stays', async () => {
    const findings = await findingsOf(deployment(TOKEN));
    const automount = findings.find((f) => f.ruleId === 'service-account-token-automount');
    expect(automount).toBeDefined();
    expect(automount!.fix?.replacement ?? '').not.toContain(TOKEN);
    expect(JSON.stringify(findings)).not.toContain(TOKEN.slice(4, 16));
    // Other fixes stay: the credential's own (an envFrom.secretRef) does not show it.
    expect(findings.find((f) => f.ruleId === 'hardcoded-credential-in-config')?.fix?.replacement).toContain('secretRef:');
  });

  it('a review leaves the fix out too', async () => {
    const out = await reviewChange(pullRequest({}, { 'deploy.yaml': deployment(TOKEN) }));
    expect(out.findings.find((f) => f.ruleId === 'service-account-token-automount')?.fix?.replacement ?? '').not.toContain(TOKEN);
    expect(JSON.stringify(out)).not.toContain(TOKEN.slice(4, 16));
  });

  it('the same fix is kept when the line it keeps holds no secret', async () => {
    const findings = await findingsOf(deployment('${API_TOKEN}'));
    const automount = findings.find((f) => f.ruleId === 'service-account-token-automount');
    expect(automount?.fix?.replacement).toContain('automountServiceAccountToken: false');
  });

  it('tells a fix showing a secret by the lines it keeps or by its own text', () => {
    const snapshot = MemorySnapshot.from('test', { 'a.yaml': `x: 1\ntoken: ${TOKEN}\ny: 2\n` });
    const finding = (startLine: number, replacement: string) => ({ ruleId: 'r', refs: [], severity: 'low' as const, message: 'm', path: 'a.yaml', line: 1, fix: { path: 'a.yaml', startLine, endLine: startLine, replacement } });
    expect(fixShowsSecret(finding(2, `token: ${TOKEN}\nz: 3`), snapshot)).toBe(true);
    expect(fixShowsSecret(finding(2, 'token:\n  valueFrom: {}'), snapshot)).toBe(false);
    expect(fixShowsSecret(finding(1, `x: 1\nother: ${TOKEN}`), snapshot)).toBe(true);
    expect(fixShowsSecret(finding(3, 'y: 2\nz: 3'), snapshot)).toBe(false);
  });

  it('a credential line gets one fix: the rule\'s, which knows the Secret the pod already reads', async () => {
    const text = deployment('Tr0ub4dor&3xYz!q').replace('          env:\n', '          envFrom:\n            - secretRef:\n                name: tools-secrets\n          env:\n');
    const out = await reviewChange(pullRequest({}, { 'deploy.yaml': text }));
    const onLine = out.findings.filter((f) => f.line === 20);
    expect(onLine.map((f) => f.ruleId).sort()).toEqual(['hardcoded-credential-in-config', 'secret-generic-assignment']);
    expect(onLine.filter((f) => f.fix).map((f) => f.ruleId)).toEqual(['hardcoded-credential-in-config']);
    // The container reads that Secret through envFrom already: the literal's item just goes.
    expect(applyFix(text, onLine.find((f) => f.fix)!.fix!)).not.toContain('API_TOKEN');
    const comment = out.review.comments.find((c) => c.line === 20)!;
    expect(comment.body.match(/```suggestion/g)).toHaveLength(1);
    expect(comment.body).not.toContain('Proposed change');
  });
  it('a values literal gets an existingSecret fix only from a chart that reads one, named after the chart', () => {
    const password = ['Tr0ub4dor', '3xYz!q'].join('&');
    const chart = (template: string) => MemorySnapshot.from('t', {
      'deploy/db/Chart.yaml': 'apiVersion: v2\nname: orders-db\nversion: 0.1.0\n',
      'deploy/db/values-prod.yaml': `auth:\n  password: "${password}"\n`,
      'deploy/db/templates/secret.yaml': template,
    });
    const reads = scanSnapshot(chart('{{- if not .Values.auth.existingSecret }}\nkind: Secret\n{{- end }}\n'), structuredClone(DEFAULT_CONFIG));
    expect(reads[0].fix?.replacement).toContain('existingSecret: orders-db-prod-credentials');
    expect(reads[0].message).toContain('orders-db-prod-credentials');
    const required = scanSnapshot(chart('password: {{ required "set it" .Values.auth.password | b64enc }}\n'), structuredClone(DEFAULT_CONFIG));
    expect(required).toHaveLength(1);
    expect(required[0].fix).toBeUndefined();
  });
  it('a values literal gets the existingSecret fix only where the chart reads existingSecret beside it, not in a map of env vars', () => {
    const token = ['tok_9fK2mQz72Px', 'VbN8s3Tq1Wc5R'].join('');
    const snapshot = MemorySnapshot.from('t', {
      'chart/Chart.yaml': 'apiVersion: v2\nname: webapp\nversion: 0.1.0\n',
      'chart/values-prod.yaml': `extraEnv:\n  API_TOKEN: "${token}"\n`,
      'chart/templates/deploy.yaml': 'secretKeyRef: {name: {{ .Values.db.existingSecret }}}\n{{- range $k, $v := .Values.extraEnv }}\n- name: {{ $k }}\n  value: {{ $v | quote }}\n{{- end }}\n',
    });
    const [finding] = scanSnapshot(snapshot, structuredClone(DEFAULT_CONFIG));
    expect(finding.line).toBe(2);
    expect(finding.fix).toBeUndefined();
  });
});

describe('fixes and credentials only a rule names', () => {
  const text = 'kind: Pod\nspec:\n  containers:\n    - name: c\n      env:\n        - name: ADMIN_PASSWORD\n          value: hunter2\n';
  const snapshot = MemorySnapshot.from('t', { 'pod.yaml': text });
  const at = (line: number, replacement: string, startLine = line): Finding['fix'] => ({ path: 'pod.yaml', startLine, endLine: line, replacement });
  const finding = (ruleId: string, refs: string[], fix?: Finding['fix']): Finding => ({ ruleId, refs, severity: 'high', message: 'm', path: 'pod.yaml', line: 7, fix });
  const insertion = () => finding('pss-run-as-non-root', ['REQ-426'], at(7, '          value: hunter2\n  securityContext:\n    runAsNonRoot: true'));
  const credentialFix = at(7, '      envFrom:\n        - secretRef:\n            name: c-creds', 5);

  it('a fix keeping the line is rewritten to apply the credential finding\'s own fix first', () => {
    const [pss] = withoutSecretShowingFixes([insertion(), finding('hardcoded-credential-in-config', ['REQ-429'], credentialFix)], snapshot);
    expect(pss.fix).toMatchObject({ startLine: 5, endLine: 7 });
    expect(pss.fix!.replacement).not.toContain('hunter2');
    expect(parse(applyFix(text, pss.fix!))).toEqual({ kind: 'Pod', spec: { containers: [{ name: 'c', envFrom: [{ secretRef: { name: 'c-creds' } }] }], securityContext: { runAsNonRoot: true } } });
  });
  it('is left out when the credential has no fix to apply first, kept when no finding calls the value a credential', () => {
    expect(withoutSecretShowingFixes([insertion(), finding('hardcoded-credential-in-config', ['REQ-429'])], snapshot)[0].fix).toBeUndefined();
    expect(withoutSecretShowingFixes([insertion()], snapshot)[0].fix).toBeDefined();
  });
  it('a review does not quote the credential in any suggestion', async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: c\n  namespace: lab\nspec:\n  automountServiceAccountToken: false\n  containers:\n    - name: c\n      image: busybox@sha256:' + '0'.repeat(64) + '\n      env:\n        - name: ADMIN_PASSWORD\n          value: hunter2\n';
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: lab\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n';
    const out = await reviewChange(pullRequest({ 'ns.yaml': ns }, { 'ns.yaml': ns, 'pod.yaml': pod }));
    expect(out.findings.some((f) => f.ruleId === 'pss-run-as-non-root')).toBe(true);
    expect(JSON.stringify(out.review.comments)).not.toContain('hunter2');
    const comment = out.review.comments.find((c) => c.body.includes('`pss-run-as-non-root`'))!;
    expect(comment.body).toContain('`hardcoded-credential-in-config`');
    expect(comment.body.match(/```suggestion/g)).toHaveLength(1);
    expect(comment.body).not.toContain('Proposed change');
  });
});
