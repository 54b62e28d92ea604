import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './read-only-root-filesystem.js';

describe('read-only-root-filesystem', () => {
  it('flags a writable root filesystem and sets readOnlyRootFilesystem', () => {
    const yaml = deployment({ container: '          securityContext:\n            allowPrivilegeEscalation: false' });
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'read-only-root-filesystem', severity: 'low', line: 13 });
    const fixed = applyFix(yaml, f.fix!);
    expect(fixed).toContain('          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true');
    expect(runRuleOn(rule, { yaml: fixed })).toEqual([]);
  });
  it('leaves job pods to job-pod-security-context (REQ-427)', () => {
    expect(runRuleOn(rule, { yaml: deployment({ namespace: 'floe-jobs' }) })).toEqual([]);
  });
});
