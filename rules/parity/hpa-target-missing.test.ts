import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './hpa-target-missing.js';

const hpa = (kind: string, name: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: ${name}}
  minReplicas: 2
  maxReplicas: 5
`;

describe('hpa-target-missing', () => {
  it('flags an HPA whose target is not defined', () => {
    const [f] = runRuleOn(rule, { yaml: hpa('Deployment', 'wbe'), files: { 'd.yaml': deployment() } });
    expect(f).toMatchObject({ ruleId: 'hpa-target-missing', line: 6 });
    expect(f.message).toContain('Deployment wbe (apps/v1)');
    expect(runRuleOn(rule, { yaml: hpa('StatefulSet', 'web'), files: { 'd.yaml': deployment() } })).toHaveLength(1);
  });
  it('passes an HPA whose target exists', () => {
    expect(runRuleOn(rule, { yaml: hpa('Deployment', 'web'), files: { 'd.yaml': deployment() } })).toEqual([]);
  });
});
