import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './run-as-root-group.js';

describe('run-as-root-group', () => {
  it('flags runAsGroup 0 on the container, or inherited from the pod', () => {
    const [own] = runRuleOn(rule, { yaml: deployment({ container: '          securityContext:\n            runAsUser: 1001\n            runAsGroup: 0' }) });
    expect(own).toMatchObject({ ruleId: 'run-as-root-group', severity: 'medium', line: 17 });
    const [inherited] = runRuleOn(rule, { yaml: deployment({ pod: '      securityContext:\n        runAsGroup: 0' }) });
    expect(inherited).toMatchObject({ line: 13 });
    expect(inherited.message).toContain('set in the pod securityContext');
  });
  it('passes a non-root group, also when the container overrides a root pod group', () => {
    expect(runRuleOn(rule, { yaml: deployment({ container: '          securityContext:\n            runAsGroup: 1001' }) })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deployment({ pod: '      securityContext:\n        runAsGroup: 0', container: '          securityContext:\n            runAsGroup: 1001' }) })).toEqual([]);
  });
});
