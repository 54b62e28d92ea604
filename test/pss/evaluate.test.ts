import { describe, expect, it } from 'vitest';
import { checksFor, evaluatePod, evaluateWorkload, namespacePolicy, parseVersion } from '../../src/pss/index.js';

const container = (name: string, securityContext?: object) => ({ name, image: 'registry.k8s.io/pause', ...(securityContext ? { securityContext } : {}) });
const restrictedContainer = (name: string) => container(name, { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
const restrictedPod = () => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [restrictedContainer('app')],
});

describe('evaluatePod', () => {
  it('prints upstream message shapes and points at the offending fields', () => {
    const r = evaluatePod({ containers: [container('x', { privileged: true }), container('y')] }, {}, 'baseline', 'latest');
    expect(r.allowed).toBe(false);
    expect(r.violations).toEqual([expect.objectContaining({
      check: 'privileged',
      message: 'privileged (container "x" must not set securityContext.privileged=true)',
      fieldPaths: [['containers', 0, 'securityContext', 'privileged']],
    })]);
  });

  it('pluralizes and joins like upstream', () => {
    const r = evaluatePod({ hostNetwork: true, hostPID: true, containers: [container('a', { capabilities: { add: ['SYS_ADMIN', 'NET_RAW'] } }), container('b', { capabilities: { add: ['NET_RAW'] } })] }, {}, 'baseline', 'v1.30');
    expect(r.violations.map((v) => v.message)).toEqual([
      'non-default capabilities (containers "a", "b" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add)',
      'host namespaces (hostNetwork=true, hostPID=true)',
    ]);
  });

  it('allows everything at the privileged level', () => {
    expect(evaluatePod({ hostNetwork: true, containers: [container('x', { privileged: true })] }, {}, 'privileged', 'latest').allowed).toBe(true);
  });

  it('applies OverrideCheckIDs: restricted reports hostPath volumes as restrictedVolumes only', () => {
    const pod = { ...restrictedPod(), volumes: [{ name: 'host', hostPath: { path: '/' } }, { name: 'plain' }] };
    const r = evaluatePod(pod, {}, 'restricted', 'latest');
    expect(r.violations.map((v) => v.check)).toEqual(['restrictedVolumes']);
    expect(r.violations[0].message).toBe('restricted volume types (volume "host" uses restricted volume type "hostPath")');
    expect(r.violations[0].fieldPaths).toEqual([['volumes', 0, 'hostPath']]);
    expect(evaluatePod(pod, {}, 'baseline', 'latest').violations.map((v) => v.check)).toEqual(['hostPathVolumes']);
  });

  it('selects check revisions by version', () => {
    const ids = (v: string) => checksFor('restricted', parseVersion(v).minor).map((c) => c.check.id);
    expect(ids('v1.0')).not.toContain('allowPrivilegeEscalation');
    expect(ids('v1.8')).toContain('allowPrivilegeEscalation');
    expect(ids('v1.22')).not.toContain('capabilities_baseline');
    expect(ids('v1.21')).toContain('capabilities_baseline');
    expect(ids('v1.35')).not.toContain('procMount');
    expect(ids('latest')).toEqual(ids('v1.37'));
    expect(ids('v1.99')).toEqual(ids('v1.37'));
    expect(() => parseVersion('1.25')).toThrow(/invalid Pod Security version/);
  });

  it('exempts windows pods from allowPrivilegeEscalation, capabilities and seccomp from 1.25', () => {
    const pod = { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [container('app')] };
    expect(evaluatePod(pod, {}, 'restricted', 'v1.25').allowed).toBe(true);
    expect(evaluatePod(pod, {}, 'restricted', 'v1.24').violations.map((v) => v.check)).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);
  });

  it('relaxes runAsNonRoot/runAsUser/baseline procMount for hostUsers:false from 1.35, never procMount_restricted', () => {
    const pod = { hostUsers: false, securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ ...restrictedContainer('app'), securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, procMount: 'Unmasked' } }] };
    expect(evaluatePod(pod, {}, 'baseline', 'v1.35').allowed).toBe(true);
    expect(evaluatePod(pod, {}, 'baseline', 'v1.34').violations.map((v) => v.check)).toEqual(['procMount']);
    expect(evaluatePod(pod, {}, 'restricted', 'v1.35').violations.map((v) => v.check)).toEqual(['procMount_restricted']);
    expect(evaluatePod(pod, {}, 'restricted', 'v1.34').violations.map((v) => v.check)).toEqual(['procMount', 'runAsNonRoot', 'runAsUser']);
  });

  it('reports annotation-based checks with metadata paths', () => {
    const r = evaluatePod({ containers: [container('app')] }, { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } }, 'baseline', 'latest');
    expect(r.violations[0].message).toBe('forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined"")');
    expect(r.violations[0].metadataPaths).toEqual([['annotations', 'container.apparmor.security.beta.kubernetes.io/app']]);
  });

  it('points at the nearest existing field when a required field is missing', () => {
    const r = evaluatePod({ containers: [container('app', { runAsUser: 1000 })] }, {}, 'restricted', 'latest');
    const ape = r.violations.find((v) => v.check === 'allowPrivilegeEscalation');
    expect(ape?.fieldPaths).toEqual([['containers', 0, 'securityContext']]);
    expect(r.violations.find((v) => v.check === 'runAsNonRoot')?.message).toBe('runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)');
  });
});

describe('evaluateWorkload', () => {
  it('evaluates a CronJob pod template and prefixes paths with the template location', () => {
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } }, spec: { containers: [container('x', { privileged: true })] } } } } } };
    const r = evaluateWorkload(cron, 'baseline', 'latest')!;
    expect(r.violations.map((v) => v.check)).toEqual(['privileged']);
    expect(r.violations[0].objectPaths).toEqual([['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged']]);
    const old = evaluateWorkload(cron, 'baseline', 'v1.18')!;
    expect(old.violations.map((v) => v.check)).toEqual(['privileged', 'seccompProfile_baseline']);
    expect(old.violations[1].objectPaths).toEqual([['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'annotations', 'seccomp.security.alpha.kubernetes.io/pod']]);
    expect(evaluateWorkload({ kind: 'ConfigMap' }, 'baseline', 'latest')).toBeUndefined();
  });
});

describe('namespacePolicy', () => {
  it('reads enforce/warn/audit labels, defaults versions to latest and fails closed on bad levels', () => {
    const p = namespacePolicy({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'v1.29',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'strict',
      'pod-security.kubernetes.io/audit-version': 'v2',
    });
    expect(p.enforce).toEqual({ level: 'baseline', version: 'v1.29' });
    expect(p.warn).toEqual({ level: 'restricted', version: 'latest' });
    expect(p.audit).toEqual({ level: 'restricted', version: 'latest' });
    expect(p.errors).toHaveLength(2);
    expect(namespacePolicy({}).enforce).toBeUndefined();
  });
});
