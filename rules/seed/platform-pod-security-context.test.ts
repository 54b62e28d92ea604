import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './platform-pod-security-context.js';

const deploy = (containerSc: string, podSc = '      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dagster-webserver
  namespace: floe-platform
spec:
  template:
    spec:
${podSc}      containers:
        - name: web
          image: dagster:1.7
${containerSc}`;

const good = '          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities:\n              drop: ["ALL"]\n';

describe('platform-pod-security-context', () => {
  it('passes the REQ-428 reference context', () => {
    expect(runRuleOn(rule, { yaml: deploy(good) })).toEqual([]);
  });
  it('flags a container without securityContext: one finding per control, fixes create the block', () => {
    const yaml = deploy('');
    const findings = runRuleOn(rule, { yaml });
    expect(findings.map((f) => f.fieldPath)).toEqual([
      'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
      'spec.template.spec.containers[0].securityContext.capabilities',
    ]);
    expect(findings[0]).toMatchObject({ refs: ['REQ-428'], line: 13, severity: 'medium' });
    expect(applyFix(yaml, findings[1].fix!)).toContain('          image: dagster:1.7\n          securityContext:\n            capabilities:\n              drop:\n                - ALL');
  });
  it('requires a justification for added capabilities and forbids NET_ADMIN', () => {
    const justified = good.replace('drop: ["ALL"]', 'drop: ["ALL"]\n              # binds port 443 inside the pod network\n              add: ["NET_BIND_SERVICE"]');
    expect(runRuleOn(rule, { yaml: deploy(justified) })).toEqual([]);
    const bare = good.replace('drop: ["ALL"]', 'drop: ["ALL"]\n              add: ["NET_BIND_SERVICE", "NET_ADMIN"]');
    expect(runRuleOn(rule, { yaml: deploy(bare) }).map((f) => [f.severity, f.line])).toEqual([['medium', 19], ['critical', 19]]);
  });
  it('keeps fingerprints when a container is added ahead, drop gets a partial list, or a capability is added ahead', () => {
    const fingerprints = (containerSc: string, ahead = '') => runRuleOn(rule, { yaml: deploy(containerSc).replace('      containers:\n', `      containers:\n${ahead}`) }).filter((f) => f.message.includes('"web"')).map((f) => [f.severity, f.fingerprint]);
    const proxy = `        - name: proxy\n          image: envoy:1.30\n${good}`;
    expect(fingerprints('', proxy)).toEqual(fingerprints(''));
    const noDrop = '          securityContext:\n            allowPrivilegeEscalation: false\n';
    expect(fingerprints(`${noDrop}            capabilities:\n              drop: ["NET_RAW"]\n`)).toEqual(fingerprints(noDrop));
    const adding = (caps: string) => fingerprints(good.replace('drop: ["ALL"]', `drop: ["ALL"]\n              add: [${caps}]`)).filter(([severity]) => severity === 'critical');
    expect(adding('"NET_ADMIN"')).toHaveLength(1);
    expect(adding('"SYS_PTRACE", "NET_ADMIN"')).toEqual(adding('"NET_ADMIN"'));
  });
  it('flags root at the pod level as critical', () => {
    const [f] = runRuleOn(rule, { yaml: deploy(good, '      securityContext:\n        runAsNonRoot: true\n        runAsUser: 0\n') });
    expect(f).toMatchObject({ severity: 'critical', line: 11, fix: { replacement: '        runAsUser: 1000' } });
  });
  it('ignores namespaces that are not platform ones unless configured', () => {
    const yaml = deploy('').replace('floe-platform', 'web');
    expect(runRuleOn(rule, { yaml })).toEqual([]);
    expect(runRuleOn(rule, { yaml, config: { rules: { 'platform-pod-security-context': { options: { namespaces: ['web'] } } } } }).length).toBe(2);
  });
});
