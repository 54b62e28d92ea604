import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule, { labelKeyProblem, labelValueProblem } from './label-invalid.js';

describe('label-invalid', () => {
  it('validates keys and values like the API server', () => {
    expect(labelKeyProblem('app.kubernetes.io/name')).toBeUndefined();
    expect(labelKeyProblem('team')).toBeUndefined();
    expect(labelKeyProblem('Example.com/x')).toMatch(/DNS subdomain/);
    expect(labelKeyProblem('a/-x')).toMatch(/start and end/);
    expect(labelValueProblem('')).toBeUndefined();
    expect(labelValueProblem('1.2.3_rc-1')).toBeUndefined();
    expect(labelValueProblem('1.2.3+build.5')).toMatch(/contain only/);
    expect(labelValueProblem('x'.repeat(64))).toMatch(/63/);
  });
  it('flags an invalid value in the selector and on the pod template', () => {
    const yaml = deployment({ labels: 'app: web, version: "1.2.3+build.5"' });
    const findings = runRuleOn(rule, { yaml });
    expect(findings.map((f) => f.line).sort((a, b) => a - b)).toEqual([7, 10]);
    expect(findings[0]).toMatchObject({ ruleId: 'label-invalid', severity: 'high' });
    expect(findings[0].message).toContain('value "1.2.3+build.5" of "version"');
  });
  it('quotes at most 80 characters of a huge key or value', () => {
    const [f] = runRuleOn(rule, { yaml: deployment({ labels: `app: web, ${'k'.repeat(5000)}: v` }) });
    expect(f.message.length).toBeLessThan(300);
  });
  it('passes valid labels', () => {
    expect(runRuleOn(rule, { yaml: deployment({ labels: 'app.kubernetes.io/name: web, version: 1.2.3' }) })).toEqual([]);
  });
  it('says which label map holds the bad value', () => {
    const yaml = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {version: "1.0 beta"}\nspec:\n  selector:\n    matchLabels: {version: "1.0 beta"}\n  template:\n    metadata:\n      labels: {version: "1.0 beta"}\n    spec:\n      containers: [{name: a, image: a}]\n';
    expect(runRuleOn(rule, { yaml }).map((f) => f.message.split(': ')[1].split(' value')[0]).sort()).toEqual(['label', 'pod template label', 'selector label']);
  });
});
