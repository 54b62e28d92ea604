import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { polarisDeployment } from '../../test/support/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './pss-values-not-enforced.js';

const values = 'podSecurityStandards:\n  profile: restricted\n  version: latest\n  warn: true\n  audit: true\n';
const deploy = (ns?: string) => polarisDeployment('', ns ?? null);
const nsFile = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: floe-platform\n${labels}`;
const helm = { kind: 'helm' as const, root: 'charts/floe' };

describe('pss-values-not-enforced', () => {
  it('flags a namespace without the promised enforce label and inserts the promised labels', () => {
    const text = nsFile('  labels:\n    app.kubernetes.io/part-of: floe\n');
    const [f] = runRuleOn(rule, { yaml: deploy('floe-platform'), values, unit: helm, files: { 'namespaces/ns.yaml': text } });
    expect(f).toMatchObject({ ruleId: 'pss-values-not-enforced', refs: ['GAP-1'], severity: 'high', path: 'namespaces/ns.yaml', line: 5 });
    expect(applyFix(text, f.fix!)).toBe(nsFile('  labels:\n    app.kubernetes.io/part-of: floe\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/audit: restricted\n'));
  });
  it('asks only for the labels the namespace lacks, keeping its stricter warn and audit levels', () => {
    const text = nsFile('  labels:\n    pod-security.kubernetes.io/audit: restricted\n    pod-security.kubernetes.io/warn: restricted\n');
    const [f] = runRuleOn(rule, { yaml: deploy('floe-platform'), values: values.replace('restricted', 'baseline'), unit: helm, files: { 'ns.yaml': text } });
    expect(f.message).toMatch(/add pod-security\.kubernetes\.io\/enforce: baseline$/);
    expect(applyFix(text, f.fix!)).toBe(nsFile('  labels:\n    pod-security.kubernetes.io/audit: restricted\n    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/enforce: baseline\n'));
  });
  it('flags a weaker enforce level (critical in prod) and replaces it', () => {
    const text = nsFile('  labels:\n    pod-security.kubernetes.io/enforce: baseline\n');
    const [f] = runRuleOn(rule, { yaml: deploy('floe-platform'), values, environment: 'prod', unit: helm, files: { 'ns.yaml': text } });
    expect(f).toMatchObject({ severity: 'critical', line: 6, fix: { replacement: '    pod-security.kubernetes.io/enforce: restricted' } });
  });
  it('keeps the fingerprint when a still weaker enforce label is added', () => {
    const run = (labels: string) => runRuleOn(rule, { yaml: deploy('floe-platform'), values, unit: helm, files: { 'ns.yaml': nsFile(labels) } })[0];
    expect(run('  labels:\n    team: data\n    pod-security.kubernetes.io/enforce: baseline\n').fingerprint).toBe(run('  labels:\n    team: data\n').fingerprint);
  });
  it('passes when the namespace enforces the profile or stricter', () => {
    expect(runRuleOn(rule, { yaml: deploy('floe-platform'), values, unit: helm, files: { 'ns.yaml': nsFile('  labels:\n    pod-security.kubernetes.io/enforce: restricted\n') } })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deploy('floe-platform'), values: 'global: {}\n', unit: helm })).toEqual([]);
  });
  it('reports at the values line when the namespace is undeclared or unknown', () => {
    expect(runRuleOn(rule, { yaml: deploy('floe-platform'), values, unit: helm })[0]).toMatchObject({ path: 'charts/floe/values.yaml', line: 2, severity: 'high' });
    expect(runRuleOn(rule, { yaml: deploy(), values, unit: helm })[0]).toMatchObject({ path: 'charts/floe/values.yaml', line: 2, severity: 'medium' });
  });
});
