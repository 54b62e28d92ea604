import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './default-service-account.js';

describe('default-service-account', () => {
  it('flags pods running as the default ServiceAccount, named or implied', () => {
    expect(runRuleOn(rule, { yaml: deployment({ pod: '      serviceAccountName: default' }) })[0]).toMatchObject({ ruleId: 'default-service-account', line: 12 });
    expect(runRuleOn(rule, { yaml: deployment() })[0].message).toContain('no serviceAccountName');
  });
  it('passes an own account, and pods that mount no token', () => {
    expect(runRuleOn(rule, { yaml: deployment({ pod: '      serviceAccountName: web' }) })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deployment({ pod: '      automountServiceAccountToken: false' }) })).toEqual([]);
  });
});
