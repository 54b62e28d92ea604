import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './pod-anti-affinity-missing.js';

const anti = (selector: string, extra = '') => `      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector: {matchLabels: {${selector}}}${extra}`;

describe('pod-anti-affinity-missing', () => {
  it('flags replicas without anti-affinity, medium in prod', () => {
    const [f] = runRuleOn(rule, { yaml: deployment({ replicas: 3 }) });
    expect(f).toMatchObject({ ruleId: 'pod-anti-affinity-missing', severity: 'low', line: 6 });
    expect(runRuleOn(rule, { yaml: deployment({ replicas: 3 }), environment: 'prod' })[0].severity).toBe('medium');
  });
  it('flags a term that does not select the pods or misses their namespace', () => {
    expect(runRuleOn(rule, { yaml: deployment({ replicas: 2, pod: anti('app: other') }) })[0].message).toContain('does not match the pod');
    const ns = anti('app: web', '\n                namespaces: [elsewhere]');
    expect(runRuleOn(rule, { yaml: deployment({ replicas: 2, namespace: 'shop', pod: ns }) })[0].message).toContain('"shop" is not in');
  });
  it('passes anti-affinity on its own labels, hostname spread constraints, and single replicas', () => {
    expect(runRuleOn(rule, { yaml: deployment({ replicas: 3, pod: anti('app: web') }) })).toEqual([]);
    const spread = '      topologySpreadConstraints:\n        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}';
    expect(runRuleOn(rule, { yaml: deployment({ replicas: 3, pod: spread }) })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deployment({ replicas: 1 }) })).toEqual([]);
  });
});
