// Plain YAML reading of files that may be Helm templates (the review reads every changed .yaml for
// shared objects): the parser's own warnings never reach stderr.
import { describe, expect, it } from 'vitest';
import { manifestObjects } from '../../src/render/yaml-source.js';

describe('manifestObjects', () => {
  it('reads a Helm template as YAML without printing the parser\'s warnings', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const { objects } = manifestObjects('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ template "c.name" . }}\n', 'chart/templates/cm.yaml', 'u', 'default');
      expect(objects).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 20)); // process warnings are emitted on a later tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });
});

describe('what kubectl would apply', () => {
  it('resolves YAML merge keys (<<: *anchor), so a merged-in field is seen and located at the line that writes it', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nx-base: &ctr\n  image: a@sha256:0\n  securityContext:\n    privileged: true\nspec:\n  containers:\n    - <<: *ctr\n      name: second\n';
    const [pod] = manifestObjects(text, 'p.yaml', 'u', 'default').objects;
    expect(pod.object.spec.containers[0]).toMatchObject({ name: 'second', securityContext: { privileged: true } });
    expect(pod.locate(['spec', 'containers', 0, 'securityContext', 'privileged']).line).toBeGreaterThan(0);
  });

  it('reads the pod template of an Argo Rollout and of a PodTemplate', async () => {
    const { podSpecOf } = await import('../../src/k8s/workloads.js');
    const rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r' }, spec: { template: { spec: { hostPID: true, containers: [] } } } };
    expect(podSpecOf(rollout)?.spec.hostPID).toBe(true);
    expect(podSpecOf({ apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't' }, template: { spec: { containers: [] } } })?.path).toEqual(['template', 'spec']);
    expect(podSpecOf({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r' }, spec: { workloadRef: { kind: 'Deployment', name: 'x' } } })).toBeUndefined();
  });
});
