import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule, { constraintProblem } from './topology-spread-invalid.js';

const ok = { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } };

describe('topology-spread-invalid', () => {
  it('explains each invalid field', () => {
    expect(constraintProblem(ok)).toBeUndefined();
    expect(constraintProblem({ ...ok, topologyKey: '' })).toMatch(/no topologyKey/);
    expect(constraintProblem({ ...ok, maxSkew: 0 })).toMatch(/maxSkew 0/);
    expect(constraintProblem({ ...ok, whenUnsatisfiable: 'Maybe' })).toMatch(/whenUnsatisfiable Maybe/);
    expect(constraintProblem({ ...ok, minDomains: 2, whenUnsatisfiable: 'ScheduleAnyway' })).toMatch(/minDomains/);
    expect(constraintProblem({ ...ok, labelSelector: undefined })).toMatch(/spreads nothing/);
  });
  it('keeps the fingerprint when a valid constraint is inserted ahead', () => {
    const bad = '        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}';
    const good = '        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}\n';
    const fingerprints = (list: string) => runRuleOn(rule, { yaml: deployment({ pod: `      topologySpreadConstraints:\n${list}` }) }).map((f) => f.fingerprint);
    expect(fingerprints(bad)).toHaveLength(1);
    expect(fingerprints(good + bad)).toEqual(fingerprints(bad));
  });
  it('flags an invalid constraint of a workload and passes a valid one', () => {
    const bad = deployment({ pod: '      topologySpreadConstraints:\n        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}' });
    expect(runRuleOn(rule, { yaml: bad })[0]).toMatchObject({ ruleId: 'topology-spread-invalid', line: 13 });
    const good = deployment({ pod: '      topologySpreadConstraints:\n        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}' });
    expect(runRuleOn(rule, { yaml: good })).toEqual([]);
  });
});
