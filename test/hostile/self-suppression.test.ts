// Threat: a pull request that silences its own findings instead of fixing them — a
// `# gitops-guard:ignore` comment, the `gitops-guard.io/ignore` annotation, a `.gitleaksignore` or
// `.gitleaks.toml` allowlist entry added next to the problem. Like the config, suppressions
// govern the reviews after the one that adds them: in its own review the findings stay, noted.
import { describe, expect, it } from 'vitest';
import { reviewChange } from '../../src/engine/review.js';
import { NEW_SUPPRESSION_NOTE } from '../../src/engine/new-suppressions.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { pullRequest } from './support/change.js';

const pod = (extra: { annotation?: string; comment?: string } = {}): string =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: root',
    '  namespace: apps',
    ...(extra.annotation ? ['  annotations:', `    gitops-guard.io/ignore: "${extra.annotation}"`] : []),
    'spec:',
    '  containers:',
    '    - name: a',
    '      image: nginx:1.27',
    '      securityContext:',
    extra.comment ? `        privileged: true  # gitops-guard:ignore ${extra.comment} needed for the CNI` : '        privileged: true',
    '',
  ].join('\n');

const TOKEN = 'ghp_' + 'Zq8vR2mK9tL4bN7cZ1wY3jHf6sPaE5gU0iOq';
const secretFile = (comment = ''): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ci\n  namespace: apps\ndata:\n  GITHUB_TOKEN: ${TOKEN}${comment}\n`;

const privileged = (findings: { ruleId: string; message: string; path: string }[]) => findings.filter((f) => f.path === 'apps/pod.yaml' && f.ruleId === 'pss-privileged');

describe('a pull request cannot suppress its own findings', () => {
  it('a gitops-guard:ignore comment the change adds hides nothing in its review, and says why', async () => {
    const out = await reviewChange(pullRequest({}, { 'apps/pod.yaml': pod({ comment: 'pss-privileged' }) }));
    const found = privileged(out.findings);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.message.endsWith(NEW_SUPPRESSION_NOTE))).toBe(true);
    expect(out.checkRun.conclusion).toBe('failure');
  });

  it('an ignore annotation the change adds to an existing object does not count as a fix', async () => {
    const out = await reviewChange(pullRequest({ 'apps/pod.yaml': pod() }, { 'apps/pod.yaml': pod({ annotation: '*' }) }));
    const found = privileged(out.findings);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.introduced === false && f.message.endsWith(NEW_SUPPRESSION_NOTE))).toBe(true);
    expect(out.checkRun.output.summary).not.toMatch(/pss-privileged[^\n]*fixed|fixed[^\n]*pss-privileged/);
  });

  it('a suppression already on the target branch applies (and so does one the change only moves)', async () => {
    const suppressed = pod({ annotation: 'pss-privileged' });
    const out = await reviewChange(pullRequest({ 'apps/pod.yaml': suppressed }, { 'apps/pod.yaml': suppressed.replace('nginx:1.27', 'nginx:1.28') }));
    expect(privileged(out.findings)).toEqual([]);
  });

  it('a suppression in a chart\'s values.yaml keeps applying in an environment the change adds', async () => {
    const chart = {
      'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 0.1.0\n',
      'charts/api/values.yaml': 'image:\n  repository: ghcr.io/acme/api\n  # gitops-guard:ignore image-not-pinned-by-digest the registry admission policy enforces digests\n  tag: "1.0.0"\n',
      'charts/api/values-prod.yaml': 'replicas: 3\n',
      'charts/api/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: apps}\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n        - name: api\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n',
    };
    const out = await reviewChange(pullRequest(chart, { ...chart, 'charts/api/values-production.yaml': 'replicas: 2\n' }));
    expect(out.findings.filter((f) => f.ruleId === 'image-not-pinned-by-digest')).toEqual([]);
  });

  it('review.newSuppressions: honor (the target branch decides) applies the change\'s suppressions at once', async () => {
    const config = { ...structuredClone(DEFAULT_CONFIG), review: { ...DEFAULT_CONFIG.review, newSuppressions: 'honor' as const } };
    const out = await reviewChange(pullRequest({}, { 'apps/pod.yaml': pod({ comment: 'pss-privileged' }) }, config));
    expect(privileged(out.findings)).toEqual([]);
  });

  it('a secret with a gitops-guard:ignore comment the change adds is still reported, redacted, with the note', async () => {
    const out = await reviewChange(pullRequest({}, { 'apps/ci.yaml': secretFile('  # gitops-guard:ignore secret test token') }));
    const found = out.findings.filter((f) => f.ruleId === 'secret-github-token');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain(NEW_SUPPRESSION_NOTE);
    expect(JSON.stringify(out)).not.toContain(TOKEN);
  });

  it('.gitleaksignore and .gitleaks.toml allowlists are read from the target branch, not from the change', async () => {
    const allowAll = '[allowlist]\nregexes = [".*"]\n';
    const viaToml = await reviewChange(pullRequest({}, { 'apps/ci.yaml': secretFile(), '.gitleaks.toml': allowAll }));
    expect(viaToml.findings.filter((f) => f.ruleId === 'secret-github-token')).toHaveLength(1);
    const viaIgnore = await reviewChange(pullRequest({}, { 'apps/ci.yaml': secretFile(), '.gitleaksignore': 'apps/ci.yaml:github-pat:7\napps/ci.yaml:secret-github-token:7\n' }));
    expect(viaIgnore.findings.filter((f) => f.ruleId === 'secret-github-token')).toHaveLength(1);
    // the same files on the target branch do apply
    const merged = await reviewChange(pullRequest({ '.gitleaks.toml': allowAll }, { '.gitleaks.toml': allowAll, 'apps/ci.yaml': secretFile() }));
    expect(merged.findings.filter((f) => f.ruleId === 'secret-github-token')).toEqual([]);
  });
});
