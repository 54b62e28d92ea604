import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './hpa-min-replicas.js';

const hpa = (min: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n${min}  maxReplicas: 6\n`;

describe('hpa-min-replicas', () => {
  it('flags minReplicas 1 and raises it', () => {
    const yaml = hpa('  minReplicas: 1\n');
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'hpa-min-replicas', line: 6, fix: { replacement: '  minReplicas: 2' } });
    expect(runRuleOn(rule, { yaml: applyFix(yaml, f.fix!) })).toEqual([]);
    expect(runRuleOn(rule, { yaml: hpa('') })[0].message).toContain('defaults to 1');
  });
  it('keeps the fingerprint when the default minReplicas is written out', () => {
    expect(runRuleOn(rule, { yaml: hpa('  minReplicas: 1\n') })[0].fingerprint).toBe(runRuleOn(rule, { yaml: hpa('') })[0].fingerprint);
  });
  it('passes 2 replicas, or what option minReplicas asks', () => {
    expect(runRuleOn(rule, { yaml: hpa('  minReplicas: 2\n') })).toEqual([]);
    expect(runRuleOn(rule, { yaml: hpa('  minReplicas: 2\n'), config: { rules: { 'hpa-min-replicas': { options: { minReplicas: 3 } } } } })).toHaveLength(1);
  });
});
