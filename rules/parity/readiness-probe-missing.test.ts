import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './readiness-probe-missing.js';

describe('readiness-probe-missing', () => {
  it('flags a serving container without a readiness probe', () => {
    const [f] = runRuleOn(rule, { yaml: deployment() });
    expect(f).toMatchObject({ ruleId: 'readiness-probe-missing', refs: ['KL:no-readiness-probe', 'KS:pod-probes'], severity: 'medium', line: 13 });
    expect(f.message).toContain('container "app" of Deployment web');
  });
  it('passes a container with a readiness probe, and Jobs', () => {
    expect(runRuleOn(rule, { yaml: deployment({ container: '          readinessProbe:\n            httpGet: {path: /ready, port: 8080}' }) })).toEqual([]);
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: j, image: x}]\n';
    expect(runRuleOn(rule, { yaml: job })).toEqual([]);
  });
});
