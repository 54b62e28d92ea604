import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './deprecated-api-version.js';
import { minorOf, removedApiFor } from './removed-apis.js';

const cronjob = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: j, image: x}]}}}}\n`;

describe('deprecated-api-version', () => {
  it('knows removals per kind', () => {
    expect(removedApiFor('extensions/v1beta1', 'Ingress')?.removedIn).toBe(22);
    expect(removedApiFor('extensions/v1beta1', 'Deployment')?.removedIn).toBe(16);
    expect(removedApiFor('batch/v1', 'CronJob')).toBeUndefined();
    expect(minorOf('v1.35.0')).toBe(35);
  });
  it('flags an API removed in the target version and moves drop-in replacements', () => {
    const yaml = cronjob('batch/v1beta1');
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'deprecated-api-version', severity: 'high', line: 1, fix: { replacement: 'apiVersion: batch/v1' } });
    expect(f.message).toContain('removed in 1.25 (target 1.35.0)');
    expect(runRuleOn(rule, { yaml: applyFix(yaml, f.fix!) })).toEqual([]);
    const ingress = runRuleOn(rule, { yaml: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: web}\nspec: {}\n' })[0];
    expect(ingress.fix).toBeUndefined();
  });
  it('warns (low) between deprecation and removal, and passes older targets and stable APIs', () => {
    expect(runRuleOn(rule, { yaml: cronjob('batch/v1beta1'), config: { kubeVersion: '1.22.0' } })[0].severity).toBe('low');
    expect(runRuleOn(rule, { yaml: cronjob('batch/v1beta1'), config: { kubeVersion: '1.20.0' } })).toEqual([]);
    expect(runRuleOn(rule, { yaml: cronjob('batch/v1') })).toEqual([]);
  });
});
