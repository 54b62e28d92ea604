import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './namespace-without-resource-quota.js';

const job = (ns: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: dbt-run
  namespace: ${ns}
spec:
  template:
    spec:
      containers:
        - name: dbt
          image: dbt:1.7
`;
const quota = 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\n  namespace: floe-jobs\nspec:\n  hard:\n    pods: "20"\n';

describe('namespace-without-resource-quota', () => {
  it('flags a job namespace without a quota, at the namespace line', () => {
    const [f] = runRuleOn(rule, { yaml: job('floe-jobs') });
    expect(f).toMatchObject({ ruleId: 'namespace-without-resource-quota', refs: ['GAP-9'], severity: 'low', line: 5 });
  });
  it('keys the finding on the namespace, not the workload it is shown at', () => {
    const [alone] = runRuleOn(rule, { yaml: job('floe-jobs') });
    const [after] = runRuleOn(rule, { yaml: `${job('floe-jobs').replace('dbt-run', 'earlier')}---\n${job('floe-jobs')}` });
    expect(after.object?.name).toBe('earlier');
    expect(after.fingerprint).toBe(alone.fingerprint);
  });
  it('passes with a quota, and ignores non-shared namespaces outside prod', () => {
    expect(runRuleOn(rule, { yaml: job('floe-jobs'), files: { 'q.yaml': quota } })).toEqual([]);
    expect(runRuleOn(rule, { yaml: job('floe-platform') })).toEqual([]);
  });
  it('checks every namespace in prod, and configured multi-tenant namespaces anywhere', () => {
    expect(runRuleOn(rule, { yaml: job('floe-platform'), environment: 'prod' })[0].severity).toBe('medium');
    expect(runRuleOn(rule, { yaml: job('team-a'), config: { rules: { 'namespace-without-resource-quota': { options: { multiTenantNamespaces: ['team-*'] } } } } })).toHaveLength(1);
  });
  it('flips a disabled resourceQuota toggle in the environment values', () => {
    const [f] = runRuleOn(rule, { yaml: job('floe-platform'), values: 'resourceQuota:\n  enabled: false\n', environment: 'prod', unit: { kind: 'helm', root: 'c' } });
    expect(f).toMatchObject({ path: 'c/values-prod.yaml', line: 2, fix: { replacement: '  enabled: true' } });
  });
});
