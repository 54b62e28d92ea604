import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn, runRuleOnChart } from '../../test/support/rule-tester.js';
import rule, { missingResources } from './container-resources-missing.js';

describe('container-resources-missing', () => {
  it('flags a container without requests and memory limit', () => {
    const [f] = runRuleOn(rule, { yaml: deployment() });
    expect(f).toMatchObject({ ruleId: 'container-resources-missing', severity: 'medium', line: 13 });
    expect(f.message).toContain('no cpu request, memory request, memory limit');
  });
  it('keeps the fingerprint when some of the resources are added', () => {
    const [none] = runRuleOn(rule, { yaml: deployment() });
    const [some] = runRuleOn(rule, { yaml: deployment({ container: '          resources:\n            requests: {cpu: 100m}' }) });
    expect(some.message).toContain('no memory request, memory limit');
    expect(some.fingerprint).toBe(none.fingerprint);
  });
  it('passes requests + memory limit; limits alone imply requests; options add or drop limits', () => {
    const ok = deployment({ container: '          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n            limits: {memory: 256Mi}' });
    expect(runRuleOn(rule, { yaml: ok })).toEqual([]);
    expect(missingResources({ limits: { cpu: '1', memory: '1Gi' } }, { cpuLimit: true, memoryLimit: true })).toEqual([]);
    expect(missingResources({ requests: { cpu: '1', memory: '1Gi' } }, { cpuLimit: true, memoryLimit: true })).toEqual(['memory limit', 'cpu limit']);
    expect(missingResources({ requests: { cpu: '0', memory: '1Gi' } }, { cpuLimit: false, memoryLimit: false })).toEqual(['cpu request']);
    const config = { rules: { 'container-resources-missing': { options: { requireCpuLimit: true } } } };
    expect(runRuleOn(rule, { yaml: ok, config })[0].message).toContain('no cpu limit');
  });
  it('in a chart, points at the values key the resources come from, however the template writes the block', async () => {
    const template = (resources: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: a@sha256:${'0'.repeat(64)}\n${resources}`;
    const values = 'replicas: 1\nresources:\n  requests:\n    cpu: 10m\n    memory: 16Mi\n';
    for (const resources of ['          resources:\n{{ toYaml .Values.resources | indent 12 }}\n', '          resources: {{- toYaml .Values.resources | nindent 12 }}\n']) {
      const [f] = await runRuleOnChart(rule, { 'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n', 'values.yaml': values, 'templates/deploy.yaml': template(resources) });
      expect(f).toMatchObject({ path: 'charts/app/values.yaml', line: 2 });
      expect(f.message).toContain('no memory limit');
    }
  });
});
