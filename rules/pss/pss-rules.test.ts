// Every PSS rule flags one workload and passes another, in a namespace whose labels enforce the
// check's level; plus the namespace-policy behaviour shared by all of them.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyFix } from '../../src/engine/fixes.js';
import { CHECK_IDS } from '../../src/pss/index.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import { pssRules } from './index.js';
import { ruleIdOf } from './rule-for-check.js';

type Json = Record<string, any>;

const namespace = (name: string, labels: Record<string, string>) => stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const NAMESPACES = {
  'namespaces/web.yaml': namespace('web', { 'pod-security.kubernetes.io/enforce': 'baseline' }),
  'namespaces/jobs.yaml': namespace('jobs', { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' }),
};

const restrictedSc = () => ({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
const restrictedPodSpec = (containerSc: Json = restrictedSc(), extra: Json = {}): Json => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'app', image: 'registry.example/app@sha256:0', securityContext: containerSc }],
  ...extra,
});
const baselinePodSpec = (container: Json = {}, extra: Json = {}): Json => ({
  containers: [{ name: 'app', image: 'registry.example/app@sha256:0', ...container }],
  ...extra,
});

function deployment(ns: string, spec: Json, name = 'app'): string {
  return stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns }, spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } } });
}

interface Sample { ns: 'web' | 'jobs'; flagged: Json; passing: Json; line: string }

const SAMPLES: Record<string, Sample> = {
  privileged: { ns: 'web', flagged: baselinePodSpec({ securityContext: { privileged: true } }), passing: baselinePodSpec({ securityContext: { privileged: false } }), line: 'privileged: true' },
  hostNamespaces: { ns: 'web', flagged: baselinePodSpec({}, { hostNetwork: true }), passing: baselinePodSpec({}, { hostNetwork: false }), line: 'hostNetwork: true' },
  hostPathVolumes: { ns: 'web', flagged: baselinePodSpec({}, { volumes: [{ name: 'h', hostPath: { path: '/var/run' } }] }), passing: baselinePodSpec({}, { volumes: [{ name: 'e', emptyDir: {} }] }), line: 'hostPath:' },
  hostPorts: { ns: 'web', flagged: baselinePodSpec({ ports: [{ containerPort: 80, hostPort: 8080 }] }), passing: baselinePodSpec({ ports: [{ containerPort: 80 }] }), line: 'hostPort: 8080' },
  capabilities_baseline: { ns: 'web', flagged: baselinePodSpec({ securityContext: { capabilities: { add: ['NET_RAW'] } } }), passing: baselinePodSpec({ securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } }), line: '- NET_RAW' },
  appArmorProfile: { ns: 'web', flagged: baselinePodSpec({ securityContext: { appArmorProfile: { type: 'Unconfined' } } }), passing: baselinePodSpec({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }), line: 'type: Unconfined' },
  seLinuxOptions: { ns: 'web', flagged: baselinePodSpec({ securityContext: { seLinuxOptions: { type: 'spc_t' } } }), passing: baselinePodSpec({ securityContext: { seLinuxOptions: { type: 'container_t' } } }), line: 'type: spc_t' },
  procMount: { ns: 'web', flagged: baselinePodSpec({ securityContext: { procMount: 'Unmasked' } }), passing: baselinePodSpec({ securityContext: { procMount: 'Default' } }), line: 'procMount: Unmasked' },
  seccompProfile_baseline: { ns: 'web', flagged: baselinePodSpec({}, { securityContext: { seccompProfile: { type: 'Unconfined' } } }), passing: baselinePodSpec({}, { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }), line: 'type: Unconfined' },
  sysctls: { ns: 'web', flagged: baselinePodSpec({}, { securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '65536' }] } }), passing: baselinePodSpec({}, { securityContext: { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }] } }), line: 'name: kernel.msgmax' },
  windowsHostProcess: { ns: 'web', flagged: baselinePodSpec({ securityContext: { windowsOptions: { hostProcess: true } } }), passing: baselinePodSpec({ securityContext: { windowsOptions: { hostProcess: false } } }), line: 'hostProcess: true' },
  hostProbesAndHostLifecycle: { ns: 'web', flagged: baselinePodSpec({ livenessProbe: { httpGet: { host: '169.254.169.254', path: '/', port: 80 } } }), passing: baselinePodSpec({ livenessProbe: { httpGet: { path: '/', port: 80 } } }), line: 'host: 169.254.169.254' },
  allowPrivilegeEscalation: { ns: 'jobs', flagged: restrictedPodSpec({ capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: true }), passing: restrictedPodSpec(), line: 'allowPrivilegeEscalation: true' },
  capabilities_restricted: { ns: 'jobs', flagged: restrictedPodSpec({ allowPrivilegeEscalation: false, capabilities: { drop: ['NET_RAW'] } }), passing: restrictedPodSpec(), line: 'drop:' },
  restrictedVolumes: { ns: 'jobs', flagged: restrictedPodSpec(restrictedSc(), { volumes: [{ name: 'n', nfs: { server: 'nfs', path: '/' } }] }), passing: restrictedPodSpec(restrictedSc(), { volumes: [{ name: 'c', configMap: { name: 'c' } }] }), line: 'nfs:' },
  runAsNonRoot: { ns: 'jobs', flagged: restrictedPodSpec({ ...restrictedSc(), runAsNonRoot: false }), passing: restrictedPodSpec(), line: 'runAsNonRoot: false' },
  runAsUser: { ns: 'jobs', flagged: restrictedPodSpec({ ...restrictedSc(), runAsUser: 0 }), passing: restrictedPodSpec({ ...restrictedSc(), runAsUser: 1000 }), line: 'runAsUser: 0' },
  seccompProfile_restricted: { ns: 'jobs', flagged: restrictedPodSpec({ ...restrictedSc(), seccompProfile: { type: 'Unconfined' } }), passing: restrictedPodSpec({ ...restrictedSc(), seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }), line: 'type: Unconfined' },
  procMount_restricted: { ns: 'jobs', flagged: restrictedPodSpec({ ...restrictedSc(), procMount: 'Unmasked' }, { hostUsers: false }), passing: restrictedPodSpec({ ...restrictedSc(), procMount: 'Default' }, { hostUsers: false }), line: 'procMount: Unmasked' },
};

const ruleFor = (checkId: string) => pssRules.find((r) => r.meta.id === ruleIdOf(checkId))!;

describe('PSS rules', () => {
  it('has one rule per Pod Security Admission check, each with a sample', () => {
    expect(pssRules.map((r) => r.meta.refs[0]).sort()).toEqual(CHECK_IDS.map((id) => `PSS:${id}`).sort());
    expect(Object.keys(SAMPLES).sort()).toEqual([...CHECK_IDS].sort());
  });

  for (const checkId of CHECK_IDS) {
    const sample = SAMPLES[checkId];
    const level = sample.ns === 'web' ? 'baseline' : 'restricted';
    it(`${ruleIdOf(checkId)} flags a workload violating ${checkId} in an enforce=${level} namespace and passes a compliant one`, () => {
      const rule = ruleFor(checkId);
      const yaml = deployment(sample.ns, sample.flagged);
      const findings = runRuleOn(rule, { yaml, files: NAMESPACES });
      expect(findings).toHaveLength(1);
      const [f] = findings;
      expect(f.ruleId).toBe(rule.meta.id);
      expect(f.refs).toEqual([`PSS:${checkId}`, 'REQ-426']);
      expect(f.severity).toBe('high');
      expect(f.message).toMatch(new RegExp(`^would be rejected at admission by namespace ${sample.ns} \\(enforce=${level}:latest\\): `));
      expect(yaml.split('\n')[f.line - 1]).toContain(sample.line);
      expect(runRuleOn(rule, { yaml: deployment(sample.ns, sample.passing), files: NAMESPACES })).toEqual([]);
    });
  }
});

describe('PSS rules: namespace policy', () => {
  const privilegedPod = baselinePodSpec({ securityContext: { privileged: true } });

  it('reports warn/audit-only violations as medium', () => {
    const files = { 'ns.yaml': namespace('shop', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/audit-version': 'v1.30' }) };
    const yaml = deployment('shop', baselinePodSpec());
    const [f] = runRuleOn(ruleFor('runAsNonRoot'), { yaml, files });
    expect(f.severity).toBe('medium');
    expect(f.message).toMatch(/^would be admitted with a warning and an audit annotation by namespace shop \(warn=restricted:latest, audit=restricted:v1\.30; not enforced\): runAsNonRoot != true/);
    expect(runRuleOn(ruleFor('privileged'), { yaml, files })).toEqual([]);
    expect(runRuleOn(ruleFor('privileged'), { yaml: deployment('shop', privilegedPod), files })[0].severity).toBe('high');
  });

  it('evaluates the enforce-version: capabilities_restricted starts at v1.22', () => {
    const files = { 'ns.yaml': namespace('old', { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.21' }) };
    const yaml = deployment('old', restrictedPodSpec({ allowPrivilegeEscalation: false }));
    expect(runRuleOn(ruleFor('capabilities_restricted'), { yaml, files })).toEqual([]);
    const files22 = { 'ns.yaml': namespace('old', { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.22' }) };
    expect(runRuleOn(ruleFor('capabilities_restricted'), { yaml, files: files22 })[0].message).toContain('(enforce=restricted:v1.22): unrestricted capabilities');
  });

  it('reports what baseline rejects when the namespace has no Pod Security labels, a way onto the node as high, configurable', () => {
    const yaml = deployment('unlabeled', privilegedPod);
    const [f] = runRuleOn(ruleFor('privileged'), { yaml, files: { 'ns.yaml': namespace('unlabeled', { team: 'a' }) } });
    expect(f.severity).toBe('high');
    const hostPort = deployment('unlabeled', baselinePodSpec({ ports: [{ containerPort: 80, hostPort: 80 }] }));
    expect(runRuleOn(ruleFor('hostPorts'), { yaml: hostPort })[0].severity).toBe('medium');
    expect(runRuleOn(ruleFor('privileged'), { yaml, config: { rules: { 'pss-privileged': { options: { unlabeledSeverity: 'low' } } } } })[0].severity).toBe('low');
    expect(f.message).toMatch(/namespace unlabeled has no pod-security\.kubernetes\.io\/enforce label in the repo; at baseline:latest it would be rejected at admission: privileged/);
    const noNs = stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: privilegedPod });
    expect(runRuleOn(ruleFor('privileged'), { yaml: noNs })[0].message).toMatch(/namespace is not set in the manifest/);
    const off = { rules: { 'pss-privileged': { options: { unlabeledLevel: 'off' } } } };
    expect(runRuleOn(ruleFor('privileged'), { yaml, config: off })).toEqual([]);
    const strict = { rules: { 'pss-run-as-non-root': { options: { unlabeledLevel: 'restricted', unlabeledSeverity: 'medium' } } } };
    expect(runRuleOn(ruleFor('runAsNonRoot'), { yaml, config: strict })[0].severity).toBe('medium');
  });

  it('reports allowPrivilegeEscalation: true written out even where the advisory level is baseline, not when it is left unset', () => {
    const explicit = deployment('unlabeled', baselinePodSpec({ securityContext: { allowPrivilegeEscalation: true } }));
    const [f] = runRuleOn(ruleFor('allowPrivilegeEscalation'), { yaml: explicit });
    expect(f).toMatchObject({ severity: 'medium' });
    expect(f.message).toContain('it sets allowPrivilegeEscalation: true');
    expect(explicit.split('\n')[f.line - 1]).toContain('allowPrivilegeEscalation: true');
    expect(applyFix(explicit, f.fix!)).toContain('allowPrivilegeEscalation: false');
    expect(runRuleOn(ruleFor('allowPrivilegeEscalation'), { yaml: deployment('unlabeled', baselinePodSpec()) })).toEqual([]);
  });

  it('does not flag a namespace enforcing privileged', () => {
    const files = { 'ns.yaml': namespace('ops', { 'pod-security.kubernetes.io/enforce': 'privileged' }) };
    expect(runRuleOn(ruleFor('privileged'), { yaml: deployment('ops', privilegedPod), files })).toEqual([]);
  });

  it('offers a fix when one field resolves the violation', () => {
    const yaml = deployment('web', baselinePodSpec({ securityContext: { privileged: true } }));
    const [f] = runRuleOn(ruleFor('privileged'), { yaml, files: NAMESPACES });
    expect(f.fix).toBeDefined();
    expect(applyFix(yaml, f.fix!)).toContain('privileged: false');
    const missing = deployment('jobs', restrictedPodSpec({ capabilities: { drop: ['ALL'] } }));
    const [g] = runRuleOn(ruleFor('allowPrivilegeEscalation'), { yaml: missing, files: NAMESPACES });
    expect(applyFix(missing, g.fix!)).toMatch(/allowPrivilegeEscalation: false/);
  });
});

describe('PSS rules: fingerprints', () => {
  const fingerprintOf = (checkId: string, spec: Json) => runRuleOn(ruleFor(checkId), { yaml: deployment('jobs', spec), files: NAMESPACES }).map((f) => f.fingerprint);
  const container = (name: string, sc: Json) => ({ name, image: 'registry.example/app@sha256:0', securityContext: sc });

  it('keeps the fingerprint when the change fixes one of two violating containers', () => {
    const both = restrictedPodSpec(undefined, { containers: [container('web', { capabilities: { drop: ['ALL'] } }), container('sidecar', { capabilities: { drop: ['ALL'] } })] });
    const one = restrictedPodSpec(undefined, { containers: [container('web', restrictedSc()), container('sidecar', { capabilities: { drop: ['ALL'] } })] });
    const [before] = fingerprintOf('allowPrivilegeEscalation', both);
    expect(before).toBeDefined();
    expect(fingerprintOf('allowPrivilegeEscalation', one)).toEqual([before]);
  });

  it('keeps the fingerprint when the change adds the pod securityContext the finding then points into', () => {
    const bare = { containers: [container('web', restrictedSc())] };
    const [before] = fingerprintOf('seccompProfile_restricted', bare);
    expect(before).toBeDefined();
    expect(fingerprintOf('seccompProfile_restricted', { ...bare, securityContext: { runAsNonRoot: true } })).toEqual([before]);
  });
});
