import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './job-pod-security-context.js';

const compliant = `apiVersion: batch/v1
kind: Job
metadata:
  name: dbt-run
  namespace: floe-jobs
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        runAsGroup: 1000
        fsGroup: 1000
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: dbt
          image: ghcr.io/floe/dbt:1.7
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {}
      restartPolicy: Never
`;

describe('job-pod-security-context', () => {
  it('passes the REQ-427 reference job', () => {
    expect(runRuleOn(rule, { yaml: compliant })).toEqual([]);
  });
  it('flags a missing readOnlyRootFilesystem on the container and inserts it', () => {
    const yaml = compliant.replace('            readOnlyRootFilesystem: true\n', '');
    const findings = runRuleOn(rule, { yaml });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ ruleId: 'job-pod-security-context', refs: ['REQ-427'], severity: 'high', line: 19 });
    expect(applyFix(yaml, f.fix!)).toContain('            capabilities:\n              drop: ["ALL"]\n            readOnlyRootFilesystem: true\n');
  });
  it('offers readOnlyRootFilesystem: true only when its container already has the emptyDir volumes that setting requires', () => {
    const withoutTmp = compliant.replace('            readOnlyRootFilesystem: true\n', '').replace(/ {10}volumeMounts:\n(.*\n){2}/, '').replace(/ {6}volumes:\n(.*\n){2}/, '');
    const [f] = runRuleOn(rule, { yaml: withoutTmp });
    expect(f.message).toContain('does not set readOnlyRootFilesystem: true (with it, mount an emptyDir at /tmp)');
    expect(f.fix).toBeUndefined();
    // $HOME set in env needs its own emptyDir too.
    const home = compliant.replace('            readOnlyRootFilesystem: true\n', '').replace('          volumeMounts:', '          env:\n            - name: HOME\n              value: /home/dbt\n          volumeMounts:');
    const [g] = runRuleOn(rule, { yaml: home });
    expect(g.message).toContain('mount an emptyDir at /home/dbt');
    expect(g.fix).toBeUndefined();
  });
  it('reports one finding per missing pod-level control, with fixes', () => {
    const yaml = compliant.replace(/      securityContext:\n(        .*\n)+?        seccompProfile:\n          type: RuntimeDefault\n/, '      securityContext:\n        runAsUser: 0\n');
    const findings = runRuleOn(rule, { yaml, path: 'jobs/x.yaml' });
    const byControl = Object.fromEntries(findings.map((f) => [f.fieldPath, f]));
    expect(Object.keys(byControl).sort()).toEqual([
      'spec.template.spec.securityContext.fsGroup',
      'spec.template.spec.securityContext.runAsNonRoot',
      'spec.template.spec.securityContext.runAsUser',
      'spec.template.spec.securityContext.seccompProfile.type',
    ]);
    expect(byControl['spec.template.spec.securityContext.runAsUser']).toMatchObject({ severity: 'critical', line: 10, fix: { replacement: '        runAsUser: 1000' } });
    expect(applyFix(yaml, byControl['spec.template.spec.securityContext.seccompProfile.type'].fix!)).toContain('        runAsUser: 0\n        seccompProfile:\n          type: RuntimeDefault\n');
  });
  it('requires an emptyDir at /tmp when the root filesystem is read-only, and no forbidden capabilities', () => {
    const yaml = compliant.replace('          emptyDir: {}', '          persistentVolumeClaim:\n            claimName: scratch').replace('drop: ["ALL"]', 'drop: ["ALL"]\n              add: ["CAP_SYS_ADMIN"]');
    const msgs = runRuleOn(rule, { yaml }).map((f) => `${f.severity} ${f.message}`);
    expect(msgs).toEqual(expect.arrayContaining([
      expect.stringMatching(/^critical .*forbidden capability SYS_ADMIN/),
      expect.stringMatching(/^high .*mounts \/tmp from volume "tmp", which is not an emptyDir/),
    ]));
  });
  it('applies to any pod in a job namespace and to CronJobs, not to platform Deployments', () => {
    const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: floe-platform\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a:1\n';
    expect(runRuleOn(rule, { yaml: deploy })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deploy.replace('floe-platform', 'team-a-jobs') }).length).toBeGreaterThan(0);
  });
});
