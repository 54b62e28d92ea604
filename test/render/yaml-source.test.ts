// Plain YAML reading of files that may be Helm templates (the review reads every changed .yaml for
// shared objects): the parser's own warnings never reach stderr.
import { describe, expect, it } from 'vitest';
import { manifestObjects, parseYamlFile } from '../../src/render/yaml-source.js';

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

describe('a mapping key written twice', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: dup\nspec:\n  containers:\n    - name: c\n      image: nginx:1.25\n      securityContext:\n        privileged: true\n        privileged: false\n';

  it('is an error at the second key naming the first, as kubectl refuses the file; the rest of the document is still reviewed', () => {
    const { objects, errors } = manifestObjects(pod, 'pod.yaml', 'u');
    expect(errors).toEqual([{ path: 'pod.yaml', line: 11, ruleId: 'render-error', message: 'mapping key "privileged" already defined at line 10 (kubectl refuses duplicate keys)' }]);
    expect(objects.map((o) => o.ref.name)).toEqual(['dup']);
    // the value reviewed is the one the document holds, located at its own line
    const privileged = ['spec', 'containers', 0, 'securityContext', 'privileged'];
    expect(objects[0].object.spec).toMatchObject({ containers: [{ securityContext: { privileged: false } }] });
    expect(objects[0].locate(privileged).line).toBe(11);
  });

  it('is found in flow mappings and later documents, but merge keys and keys of different mappings are not duplicates', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {x: "1", x: "2"}}\ndata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\nx-base: &b {k: v}\ndata:\n  <<: *b\n  k: w\n  kind: ConfigMap\n';
    const { objects, errors } = manifestObjects(text, 'cm.yaml', 'u');
    expect(errors.map((e) => [e.line, e.message])).toEqual([[3, 'mapping key "x" already defined at line 3 (kubectl refuses duplicate keys)']]);
    expect(objects.map((o) => o.ref.name)).toEqual(['a', 'b']);
  });

  it('is no error where helm and kustomize read the file anyway (values files, kustomizations): the last value counts', () => {
    const parsed = parseYamlFile('image:\n  tag: "1.0"\n  tag: "2.0"\n', 'values.yaml');
    expect(parsed.errors).toEqual([]);
    expect(parsed.documents[0].data).toEqual({ image: { tag: '2.0' } });
    expect(parsed.documents[0].locate(['image', 'tag'])?.line).toBe(3);
    expect(parseYamlFile('a: 1\na: 2\n', 'x.yaml', undefined, { uniqueKeys: true }).errors).toHaveLength(1);
  });
});
