import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './duplicate-env-var.js';

const env = '          env:\n            - name: PORT\n              value: "8080"\n            - name: MODE\n              value: prod\n            - name: PORT\n              value: "9090"';

describe('duplicate-env-var', () => {
  it('flags the shadowed definition and deletes it (the effective value is unchanged)', () => {
    const yaml = deployment({ container: env });
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'duplicate-env-var', refs: ['KL:duplicate-env-var', 'KS:environment-variable-key-duplication'], line: 16 });
    expect(f.message).toContain('only the last definition (line 20)');
    const fixed = applyFix(yaml, f.fix!);
    expect(fixed).toContain('          env:\n            - name: MODE\n              value: prod\n            - name: PORT\n              value: "9090"');
    expect(runRuleOn(rule, { yaml: fixed })).toEqual([]);
  });
  it('keeps the fingerprint when an unrelated variable is added above', () => {
    const [before] = runRuleOn(rule, { yaml: deployment({ container: env }) });
    const [after] = runRuleOn(rule, { yaml: deployment({ container: env.replace('env:\n', 'env:\n            - {name: LEGACY, value: "1"}\n') }) });
    expect(after.line).toBe(before.line + 1);
    expect(after.fingerprint).toBe(before.fingerprint);
  });
  it('passes distinct names', () => {
    expect(runRuleOn(rule, { yaml: deployment({ container: '          env:\n            - {name: A, value: "1"}\n            - {name: B, value: "2"}' }) })).toEqual([]);
  });
});
