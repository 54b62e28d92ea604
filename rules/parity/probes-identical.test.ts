import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './probes-identical.js';

const probes = (live: string, ready: string) => deployment({ container: `          livenessProbe:\n            httpGet: {path: ${live}, port: 8080}\n            periodSeconds: 20\n          readinessProbe:\n            httpGet: {path: ${ready}, port: 8080}` });

describe('probes-identical', () => {
  it('flags a liveness probe that checks what the readiness probe checks (timings aside)', () => {
    const [f] = runRuleOn(rule, { yaml: probes('/ready', '/ready') });
    expect(f).toMatchObject({ ruleId: 'probes-identical', refs: ['KS:pod-probes-identical'], line: 15 });
    expect(f.message).toContain('httpGet');
  });
  it('passes different endpoints', () => {
    expect(runRuleOn(rule, { yaml: probes('/live', '/ready') })).toEqual([]);
  });
});
