import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './liveness-probe-missing.js';

describe('liveness-probe-missing', () => {
  it('flags a container without a liveness probe (init containers are not checked)', () => {
    const findings = runRuleOn(rule, { yaml: deployment({ pod: '      initContainers:\n        - name: migrate\n          image: m' }) });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'liveness-probe-missing', severity: 'low', line: 16 });
  });
  it('passes a container with a liveness probe', () => {
    expect(runRuleOn(rule, { yaml: deployment({ container: '          livenessProbe:\n            tcpSocket: {port: 8080}' }) })).toEqual([]);
  });
});
