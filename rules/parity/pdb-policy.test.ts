import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './pdb-policy.js';

const pdb = (spec: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  selector:\n    matchLabels: {app: web}\n${spec}`;

describe('pdb-policy', () => {
  it('flags a PDB without unhealthyPodEvictionPolicy and adds AlwaysAllow', () => {
    const yaml = pdb('  maxUnavailable: 1\n');
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'pdb-policy', severity: 'low', line: 4 });
    const fixed = applyFix(yaml, f.fix!);
    expect(fixed).toContain('  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow');
    expect(runRuleOn(rule, { yaml: fixed })).toEqual([]);
  });
  it('flags a PDB with no budget at all', () => {
    const findings = runRuleOn(rule, { yaml: pdb('  unhealthyPodEvictionPolicy: IfHealthyBudget\n') });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'medium' });
    expect(findings[0].message).toContain('neither minAvailable nor maxUnavailable');
  });
  it('passes a budget with an explicit policy', () => {
    expect(runRuleOn(rule, { yaml: pdb('  minAvailable: 1\n  unhealthyPodEvictionPolicy: IfHealthyBudget\n') })).toEqual([]);
  });
});
