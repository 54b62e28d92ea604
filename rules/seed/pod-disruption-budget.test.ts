import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './pod-disruption-budget.js';

const deploy = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: polaris
  namespace: floe-platform
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: polaris}
  template:
    metadata:
      labels: {app: polaris}
    spec:
      containers:
        - name: polaris
          image: apache/polaris:0.9.0
`;
const pdb = (spec: string, ns = 'floe-platform') => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: polaris
  namespace: ${ns}
spec:
${spec}
  selector:
    matchLabels: {app: polaris}
`;

describe('pod-disruption-budget', () => {
  it('flags a multi-replica workload without a PDB', () => {
    const [f] = runRuleOn(rule, { yaml: deploy(2) });
    expect(f).toMatchObject({ ruleId: 'pod-disruption-budget', refs: ['GAP-8'], severity: 'low', line: 7 });
    expect(runRuleOn(rule, { yaml: deploy(1), environment: 'prod' })).toHaveLength(1);
  });
  it('passes with a PDB in the same namespace, and single replicas outside prod', () => {
    expect(runRuleOn(rule, { yaml: deploy(3), files: { 'p.yaml': pdb('  maxUnavailable: 1') } })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deploy(3), files: { 'p.yaml': pdb('  maxUnavailable: 1', 'other') } })).toHaveLength(1);
    expect(runRuleOn(rule, { yaml: deploy(1) })).toEqual([]);
  });
  it('points at a disabled chart toggle in prod and flips it', () => {
    const values = 'podDisruptionBudget:\n  enabled: false\n  minAvailable: 1\n';
    const [f] = runRuleOn(rule, { yaml: deploy(2), values, environment: 'prod', unit: { kind: 'helm', root: 'charts/floe' } });
    expect(f).toMatchObject({ path: 'charts/floe/values-prod.yaml', line: 2, severity: 'medium', fix: { replacement: '  enabled: true' } });
  });
  it('flags PDBs that block every eviction, with fixes', () => {
    const [a] = runRuleOn(rule, { yaml: pdb('  maxUnavailable: 0') });
    expect(a).toMatchObject({ line: 7, fix: { replacement: '  maxUnavailable: 1' } });
    const [b] = runRuleOn(rule, { yaml: pdb('  minAvailable: 2  # keep both'), files: { 'd.yaml': deploy(2) } });
    expect(b).toMatchObject({ line: 7, fix: { replacement: '  maxUnavailable: 1  # keep both' } });
    expect(runRuleOn(rule, { yaml: pdb('  minAvailable: "100%"') })).toHaveLength(1);
    expect(runRuleOn(rule, { yaml: pdb('  minAvailable: 1'), files: { 'd.yaml': deploy(3) } })).toEqual([]);
  });
});
