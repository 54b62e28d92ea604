import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './deprecated-service-account-field.js';

describe('deprecated-service-account-field', () => {
  it('flags serviceAccount and renames it to serviceAccountName', () => {
    const yaml = deployment({ pod: '      serviceAccount: web  # set by ops' });
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'deprecated-service-account-field', severity: 'low', line: 12, fix: { replacement: '      serviceAccountName: web  # set by ops' } });
    expect(runRuleOn(rule, { yaml: applyFix(yaml, f.fix!) })).toEqual([]);
  });
  it('drops an alias that repeats serviceAccountName and flags one that contradicts it', () => {
    const same = deployment({ pod: '      serviceAccountName: web\n      serviceAccount: web' });
    const [f] = runRuleOn(rule, { yaml: same });
    expect(applyFix(same, f.fix!)).toContain('    spec:\n      serviceAccountName: web\n      containers:');
    const [conflict] = runRuleOn(rule, { yaml: deployment({ pod: '      serviceAccountName: web\n      serviceAccount: api' }) });
    expect(conflict.severity).toBe('medium');
    expect(conflict.fix).toBeUndefined();
  });
  it('passes serviceAccountName alone', () => {
    expect(runRuleOn(rule, { yaml: deployment({ pod: '      serviceAccountName: web' }) })).toEqual([]);
  });
});
