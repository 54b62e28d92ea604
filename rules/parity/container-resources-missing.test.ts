import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule, { missingResources } from './container-resources-missing.js';

describe('container-resources-missing', () => {
  it('flags a container without requests and memory limit', () => {
    const [f] = runRuleOn(rule, { yaml: deployment() });
    expect(f).toMatchObject({ ruleId: 'container-resources-missing', severity: 'medium', line: 13 });
    expect(f.message).toContain('no cpu request, memory request, memory limit');
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
});
