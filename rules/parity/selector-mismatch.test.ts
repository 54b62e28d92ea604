import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './selector-mismatch.js';

describe('selector-mismatch', () => {
  it('flags a selector its own pod template does not satisfy', () => {
    const yaml = deployment().replace('matchLabels: {app: web}', 'matchLabels: {app: web, tier: front}');
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'selector-mismatch', severity: 'high', line: 6 });
    expect(f.message).toContain('selects app=web, tier=front but its pod template is labelled app=web');
  });
  it('flags a malformed selector instead of failing', () => {
    const yaml = deployment().replace('matchLabels: {app: web}', 'matchExpressions: {key: app}');
    expect(runRuleOn(rule, { yaml })[0].message).toContain('malformed selector');
  });
  it('passes a selector that is a subset of the template labels', () => {
    expect(runRuleOn(rule, { yaml: deployment({ labels: 'app: web' }).replace('labels: {app: web}', 'labels: {app: web, version: v2}') })).toEqual([]);
  });
});
