import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './restart-policy-invalid.js';

const job = (policy: string) => `apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n${policy}      containers:\n        - name: migrate\n          image: m\n`;

describe('restart-policy-invalid', () => {
  it('flags a Job without OnFailure/Never and sets Never', () => {
    const yaml = job('');
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'restart-policy-invalid', severity: 'high', line: 6 });
    const fixed = applyFix(yaml, f.fix!);
    expect(fixed).toContain('          image: m\n      restartPolicy: Never');
    expect(runRuleOn(rule, { yaml: fixed })).toEqual([]);
    expect(runRuleOn(rule, { yaml: job('      restartPolicy: Always\n') })[0].fix?.replacement).toBe('      restartPolicy: Never');
  });
  it('flags a Deployment with anything but Always', () => {
    expect(runRuleOn(rule, { yaml: deployment({ pod: '      restartPolicy: OnFailure' }) })[0]).toMatchObject({ line: 12, fix: { replacement: '      restartPolicy: Always' } });
  });
  it('passes valid policies', () => {
    expect(runRuleOn(rule, { yaml: job('      restartPolicy: OnFailure\n') })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deployment() })).toEqual([]);
  });
});
