import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './writable-host-mount.js';

const mount = (readOnly: string) => deployment({
  pod: '      volumes:\n        - name: logs\n          hostPath:\n            path: /var/log',
  container: `          volumeMounts:\n            - name: logs\n              mountPath: /logs${readOnly}`,
});

describe('writable-host-mount', () => {
  it('flags a writable hostPath mount and sets readOnly: true', () => {
    const yaml = mount('');
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'writable-host-mount', refs: ['KL:writable-host-mount', 'PSS:hostPathVolumes'], line: 20 });
    const fixed = applyFix(yaml, f.fix!);
    expect(fixed).toContain('            - name: logs\n              mountPath: /logs\n              readOnly: true');
    expect(runRuleOn(rule, { yaml: fixed })).toEqual([]);
  });
  it('passes read-only mounts', () => {
    expect(runRuleOn(rule, { yaml: mount('\n              readOnly: true') })).toEqual([]);
  });
});
