import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './rbac-wildcard.js';

const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: ops}\nrules:\n${rules}`;

describe('rbac-wildcard', () => {
  it('flags "*" in verbs and in resources', () => {
    const findings = runRuleOn(rule, { yaml: role('  - apiGroups: [""]\n    resources: [pods]\n    verbs: ["*"]\n  - apiGroups: [apps]\n    resources: ["*"]\n    verbs: [get]\n') });
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[7, 'high'], [9, 'high']]);
    expect(findings[0]).toMatchObject({ refs: ['KL:wildcard-in-rules', 'CIS-5.1.3'] });
  });
  it('keeps fingerprints when a rule is inserted ahead', () => {
    const wildcards = '  - apiGroups: [""]\n    resources: [pods]\n    verbs: ["*"]\n  - apiGroups: [apps]\n    resources: ["*"]\n    verbs: [get]\n';
    const fingerprints = (rules: string) => runRuleOn(rule, { yaml: role(rules) }).map((f) => f.fingerprint);
    expect(fingerprints('  - apiGroups: [batch]\n    resources: [jobs]\n    verbs: [get]\n' + wildcards)).toEqual(fingerprints(wildcards));
    expect(new Set(fingerprints(wildcards + wildcards)).size).toBe(4);
  });
  it('passes explicit verbs and resources', () => {
    expect(runRuleOn(rule, { yaml: role('  - apiGroups: [""]\n    resources: [configmaps]\n    verbs: [get, list, watch]\n') })).toEqual([]);
  });
});
