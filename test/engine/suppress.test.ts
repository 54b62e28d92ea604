// Occurrence-level suppressions: gitops-guard's own comment and annotation, and the exemptions a
// repository already wrote for kube-linter and kube-score.
import { describe, expect, it } from 'vitest';
import { evaluateFiles } from '../support/evaluate-files.js';

interface PodOptions {
  annotations?: Record<string, string>;
  templateAnnotations?: Record<string, string>;
  rofsLine?: string;
  above?: string;
}

const annotationLines = (a: Record<string, string> | undefined, indent: string): string[] =>
  a ? [`${indent}annotations:`, ...Object.entries(a).map(([k, v]) => `${indent}  ${k}: ${JSON.stringify(v)}`)] : [];

function deployment(o: PodOptions = {}): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  namespace: apps',
    ...annotationLines(o.annotations, '  '),
    'spec:',
    '  replicas: 3',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    ...annotationLines(o.templateAnnotations, '      '),
    '    spec:',
    '      containers:',
    '        - name: web',
    `          image: nginx@sha256:${'0'.repeat(64)}`,
    '          securityContext:',
    ...(o.above ? [`            ${o.above}`] : []),
    `            ${o.rofsLine ?? 'readOnlyRootFilesystem: false'}`,
    '',
  ].join('\n');
}

async function ruleIds(text: string): Promise<Set<string>> {
  const { findings } = await evaluateFiles({ 'apps/web.yaml': text });
  return new Set(findings.map((f) => f.ruleId));
}

describe('suppressions', () => {
  it('the baseline: the Deployment has the findings the cases below silence', async () => {
    const ids = await ruleIds(deployment());
    for (const id of ['read-only-root-filesystem', 'liveness-probe-missing', 'readiness-probe-missing', 'container-resources-missing']) expect(ids).toContain(id);
  });

  it('a gitops-guard:ignore comment on the line or the line above silences that rule there only', async () => {
    for (const o of [{ rofsLine: 'readOnlyRootFilesystem: false  # gitops-guard:ignore read-only-root-filesystem nginx writes its cache' }, { above: '# gitops-guard:ignore read-only-root-filesystem nginx writes its cache' }]) {
      const ids = await ruleIds(deployment(o));
      expect(ids).not.toContain('read-only-root-filesystem');
      expect(ids).toContain('liveness-probe-missing');
    }
  });

  it('the gitops-guard.io/ignore annotation, on the object or its pod template, takes a list, * and all', async () => {
    expect(await ruleIds(deployment({ annotations: { 'gitops-guard.io/ignore': 'liveness-probe-missing, read-only-root-filesystem' } }))).not.toContain('read-only-root-filesystem');
    const onTemplate = await ruleIds(deployment({ templateAnnotations: { 'gitops-guard.io/ignore': 'liveness-probe-missing' } }));
    expect(onTemplate).not.toContain('liveness-probe-missing');
    expect(onTemplate).toContain('readiness-probe-missing');
    for (const all of ['*', 'all']) expect(await ruleIds(deployment({ annotations: { 'gitops-guard.io/ignore': all } }))).not.toContain('container-resources-missing');
  });

  it("kube-linter's ignore-check annotation silences the rule enforcing that check", async () => {
    const ids = await ruleIds(deployment({ annotations: { 'ignore-check.kube-linter.io/no-read-only-root-fs': 'nginx writes its cache' } }));
    expect(ids).not.toContain('read-only-root-filesystem');
    expect(ids).toContain('liveness-probe-missing');
  });

  it("kube-score's ignore annotation silences the rules enforcing the listed checks", async () => {
    const ids = await ruleIds(deployment({ annotations: { 'kube-score/ignore': 'container-security-context-readonlyrootfilesystem,pod-probes' } }));
    expect(ids).not.toContain('read-only-root-filesystem');
    expect(ids).not.toContain('liveness-probe-missing');
    expect(ids).toContain('container-resources-missing');
  });

  it("a kube-score check named after another kind (statefulset-…) need not be listed to exempt a Deployment", async () => {
    const findings = async (ignore?: string) => ruleIds(deployment(ignore ? { annotations: { 'kube-score/ignore': ignore } } : {}));
    expect(await findings()).toContain('pod-anti-affinity-missing');
    expect(await findings('deployment-has-host-podantiaffinity')).not.toContain('pod-anti-affinity-missing');
    expect(await findings('statefulset-has-host-podantiaffinity')).toContain('pod-anti-affinity-missing');
  });

  it('a rule enforcing several checks of a peer stays until every one of them is exempted', async () => {
    // container-resources-missing enforces kube-linter's unset-cpu-requirements and unset-memory-requirements.
    const one = await ruleIds(deployment({ annotations: { 'ignore-check.kube-linter.io/unset-cpu-requirements': 'burstable' } }));
    expect(one).toContain('container-resources-missing');
    const both = await ruleIds(deployment({ annotations: { 'ignore-check.kube-linter.io/unset-cpu-requirements': 'x', 'ignore-check.kube-linter.io/unset-memory-requirements': 'y' } }));
    expect(both).not.toContain('container-resources-missing');
  });
});
