import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './default-namespace.js';

describe('default-namespace', () => {
  it('flags an object written into the default namespace', () => {
    expect(runRuleOn(rule, { yaml: deployment({ namespace: 'default' }) })[0]).toMatchObject({ ruleId: 'default-namespace', refs: ['KL:use-namespace', 'CIS-5.7.1', 'CIS-5.7.4'], line: 5 });
  });
  it('passes an own namespace, and no namespace (set by the GitOps destination)', () => {
    expect(runRuleOn(rule, { yaml: deployment({ namespace: 'shop' }) })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deployment() })).toEqual([]);
  });
});
