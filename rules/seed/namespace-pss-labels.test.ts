import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './namespace-pss-labels.js';

const ns = (name: string, labels: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
${labels}`;
const full = (enforce: string) => `  labels:
    app.kubernetes.io/part-of: floe
    pod-security.kubernetes.io/enforce: ${enforce}
    pod-security.kubernetes.io/audit: restricted
    pod-security.kubernetes.io/warn: restricted
`;

describe('namespace-pss-labels', () => {
  it('passes the REQ-426 reference namespaces', () => {
    expect(runRuleOn(rule, { yaml: ns('floe-platform', full('baseline')) })).toEqual([]);
    expect(runRuleOn(rule, { yaml: ns('floe-jobs', full('restricted')) })).toEqual([]);
    expect(runRuleOn(rule, { yaml: ns('floe-platform', full('restricted')) })).toEqual([]);
  });
  it('flags a job namespace that only enforces baseline and replaces the value', () => {
    const yaml = ns('floe-jobs', full('baseline'));
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'namespace-pss-labels', refs: ['REQ-426'], severity: 'high', line: 7 });
    expect(f.fix!.replacement).toBe('    pod-security.kubernetes.io/enforce: restricted');
  });
  it('inserts all three labels when none is set, creating labels: when missing', () => {
    const yaml = ns('analytics-jobs', '');
    const findings = runRuleOn(rule, { yaml });
    expect(findings).toHaveLength(1);
    expect(applyFix(yaml, findings[0].fix!)).toBe(ns('analytics-jobs', '  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/audit: restricted\n    pod-security.kubernetes.io/warn: restricted\n'));
    const withLabels = ns('floe-platform', '  labels:\n    team: data\n');
    const [g] = runRuleOn(rule, { yaml: withLabels });
    expect(applyFix(withLabels, g.fix!)).toContain('    team: data\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/audit: restricted\n');
  });
  it('flags missing warn/audit when enforce is set', () => {
    const yaml = ns('floe-platform', '  labels:\n    pod-security.kubernetes.io/enforce: baseline\n');
    const findings = runRuleOn(rule, { yaml });
    expect(findings.map((f) => f.severity)).toEqual(['medium', 'medium']);
    expect(applyFix(yaml, findings[1].fix!)).toContain('    pod-security.kubernetes.io/warn: restricted');
  });
  it('keeps the fingerprint when a weak enforce label is added where none was', () => {
    const [missing] = runRuleOn(rule, { yaml: ns('floe-jobs', '  labels:\n    team: data\n') });
    const [weak] = runRuleOn(rule, { yaml: ns('floe-jobs', '  labels:\n    team: data\n    pod-security.kubernetes.io/enforce: baseline\n') });
    expect(weak.fieldPath).not.toBe(missing.fieldPath);
    expect(weak.fingerprint).toBe(missing.fingerprint);
  });
  it('keys an undeclared namespace on the namespace, not the workload it is shown at', () => {
    const job = (name: string) => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\n  namespace: floe-jobs\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a}]\n`;
    const [alone] = runRuleOn(rule, { yaml: job('j') });
    const [after] = runRuleOn(rule, { yaml: `${job('earlier')}---\n${job('j')}` });
    expect(after.object?.name).toBe('earlier');
    expect(after.fingerprint).toBe(alone.fingerprint);
  });
  it('reports workloads in a job namespace the repo never declares', () => {
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  namespace: floe-jobs\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a}]\n';
    expect(runRuleOn(rule, { yaml: job })[0]).toMatchObject({ severity: 'low', line: 5 });
    expect(runRuleOn(rule, { yaml: job, files: { 'ns.yaml': ns('floe-jobs', full('restricted')) } })).toEqual([]);
  });
});
