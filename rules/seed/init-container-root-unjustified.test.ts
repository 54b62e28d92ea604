import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule, { onlyChangesOwnership } from './init-container-root-unjustified.js';

const sts = (init: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgresql
spec:
  template:
    spec:
      initContainers:
${init}      containers:
        - name: postgresql
          image: postgres:16
`;

const bare = `        - name: init-permissions
          image: busybox:1.36
          command: ["sh", "-c", "chown -R 1000:1000 /var/lib/postgresql/data"]
          securityContext:
            runAsUser: 0
`;

describe('init-container-root-unjustified', () => {
  it('recognises chown-only scripts', () => {
    expect(onlyChangesOwnership({ command: ['sh', '-c', 'mkdir -p /d && chown -R 1000:1000 /d'] })).toBe(true);
    expect(onlyChangesOwnership({ command: ['sh', '-c', 'chown 1 /d && ./migrate'] })).toBe(false);
    expect(onlyChangesOwnership({ command: ['chmod', '700', '/d'] })).toBe(true);
  });
  it('keeps fingerprints when an init container is added ahead', () => {
    const fingerprints = (yaml: string) => runRuleOn(rule, { yaml }).map((f) => f.fingerprint);
    const migrate = '        - name: migrate\n          image: app:1.0\n';
    expect(fingerprints(sts(migrate + bare))).toEqual(fingerprints(sts(bare)));
  });
  it('flags a bare root init container: no comment, no escalation guard, no drop, fsGroup advice', () => {
    const yaml = sts(bare);
    const findings = runRuleOn(rule, { yaml });
    expect(findings.map((f) => [f.ruleId, f.refs[0], f.line, f.severity])).toEqual([
      ['init-container-root-unjustified', 'GAP-5', 13, 'medium'],
      ['init-container-root-unjustified', 'GAP-5', 12, 'medium'],
      ['init-container-root-unjustified', 'GAP-5', 12, 'medium'],
      ['init-container-root-unjustified', 'GAP-5', 9, 'low'],
    ]);
    expect(applyFix(yaml, findings[1].fix!)).toContain('            runAsUser: 0\n            allowPrivilegeEscalation: false\n');
    expect(findings[2].message).toContain('CHOWN and FOWNER');
    expect(findings[3].message).toContain('fsGroup');
  });
  it('passes a justified, hardened root init container that does more than chown', () => {
    const init = `        - name: init-data-dir
          image: busybox:1.36
          command: ["sh", "-c", "restorecon -R /data"]
          securityContext:
            # Requires root to relabel the data volume before the non-root server starts
            runAsUser: 0
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["ALL"]
`;
    expect(runRuleOn(rule, { yaml: sts(init) })).toEqual([]);
  });
  it('passes non-root init containers', () => {
    expect(runRuleOn(rule, { yaml: sts(bare.replace('runAsUser: 0', 'runAsUser: 1000')) })).toEqual([]);
  });
});
