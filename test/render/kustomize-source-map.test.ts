// renderKustomize against the real kubectl kustomize, for the sources that feed an object other than
// plain resources and patches: items of a `kind: List`, generators that merge into or replace a base's
// generator, JSON 6902 operations addressing list items by index, and `replacements`.
import { describe, expect, it } from 'vitest';
import type { RenderResult, RenderedObject, Unit } from '../../src/core/types.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { renderKustomize } from '../../src/render/kustomize.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

const overlay = (root: string): Unit => ({ id: root, kind: 'kustomize', root, environments: ['default'] });
const render = (files: Record<string, string>, root: string): Promise<RenderResult> => renderKustomize(overlay(root), MemorySnapshot.from('t', files), DEFAULT_CONFIG);

function one(result: RenderResult, kind: string, name: string): RenderedObject {
  const found = result.objects.filter((o) => o.ref.kind === kind && o.ref.name.startsWith(name));
  expect(found, `${kind}/${name} in ${result.objects.map((o) => `${o.ref.kind}/${o.ref.name}`).join(', ')}`).toHaveLength(1);
  return found[0];
}

describe('kustomize source maps: a `kind: List` resource', async () => {
  const list = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '  - apiVersion: v1',
    '    kind: Pod',
    '    metadata:',
    '      name: p',
    '    spec:',
    '      containers:',
    '        - name: c',
    '          image: alpine:3',
    '  - apiVersion: v1',
    '    kind: ConfigMapList',
    '    items:',
    '      - apiVersion: v1',
    '        kind: ConfigMap',
    '        metadata:',
    '          name: settings',
    '        data:',
    '          mode: fast',
    '',
  ].join('\n');
  const patch = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: p\n    spec:\n      containers:\n        - name: c\n          image: alpine:3.20\n';
  const r = await render({ 'k/kustomization.yaml': 'namePrefix: dev-\nresources:\n  - list.yaml\npatches:\n  - path: patch.yaml\n', 'k/list.yaml': list, 'k/patch.yaml': patch }, 'k');

  it('each item, nested lists included, maps to its own lines in the list file', () => {
    expect(r.errors).toEqual([]);
    const pod = one(r, 'Pod', 'dev-p');
    expect(pod.source).toMatchObject({ path: 'k/list.yaml', line: 4 });
    expect(pod.locate(['metadata', 'name'])).toMatchObject({ path: 'k/list.yaml', line: 7 });
    const settings = one(r, 'ConfigMap', 'dev-settings');
    expect(settings.source).toMatchObject({ path: 'k/list.yaml', line: 15 });
    expect(settings.locate(['data', 'mode'])).toMatchObject({ path: 'k/list.yaml', line: 20 });
  });

  it('a patch written as a List patches through its items', () => {
    const pod = one(r, 'Pod', 'dev-p');
    expect(pod.object).toMatchObject({ spec: { containers: [{ image: 'alpine:3.20' }] } });
    expect(pod.locate(['spec', 'containers', 0, 'image'])).toMatchObject({ path: 'k/patch.yaml', line: 11 });
  });
});

describe('kustomize source maps: an overlay generator with behavior merge or replace', async () => {
  const files = {
    'base/kustomization.yaml': 'configMapGenerator:\n  - name: cfg\n    literals:\n      - MODE=safe\n      - LEVEL=1\nsecretGenerator:\n  - name: creds\n    literals:\n      - USER=app\n      - TOKEN=old\n',
    'ov/kustomization.yaml': [
      'namespace: apps',
      'resources:',
      '  - ../base',
      'configMapGenerator:',
      '  - name: cfg',
      '    behavior: merge',
      '    envs:',
      '      - extra.env',
      '    literals:',
      '      - LEVEL=2',
      'secretGenerator:',
      '  - name: creds',
      '    behavior: replace',
      '    literals:',
      '      - TOKEN=new',
      '',
    ].join('\n'),
    'ov/extra.env': 'ADMIN_PASSWORD=x\n',
  };
  const r = await render(files, 'ov');

  it('keys the overlay adds or overrides land on the overlay; keys only the base sets stay on the base', () => {
    expect(r.errors).toEqual([]);
    const cfg = one(r, 'ConfigMap', 'cfg-');
    expect(cfg.object).toMatchObject({ data: { MODE: 'safe', LEVEL: '2', ADMIN_PASSWORD: 'x' } });
    expect(cfg.locate(['data', 'ADMIN_PASSWORD'])).toEqual({ path: 'ov/extra.env', line: 1 });
    expect(cfg.locate(['data', 'LEVEL'])).toMatchObject({ path: 'ov/kustomization.yaml', line: 10 });
    expect(cfg.locate(['data', 'MODE'])).toMatchObject({ path: 'base/kustomization.yaml', line: 4 });
    expect(cfg.source).toMatchObject({ path: 'base/kustomization.yaml', line: 2 });
  });

  it('a replaced generator is the overlay entry, its keys the overlay literals', () => {
    const creds = one(r, 'Secret', 'creds-');
    expect(Object.keys((creds.object as { data: object }).data)).toEqual(['TOKEN']);
    expect(creds.source).toMatchObject({ path: 'ov/kustomization.yaml', line: 12 });
    expect(creds.locate(['data', 'TOKEN'])).toMatchObject({ path: 'ov/kustomization.yaml', line: 15 });
  });
});

describe('kustomize source maps: JSON 6902 indexes name the item at that position when the operation ran', async () => {
  const patchOf = (containers: string): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n${containers}`;
  const files = {
    'base/kustomization.yaml': 'resources:\n  - d.yaml\n',
    'base/d.yaml': patchOf('        - name: web\n          image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000\n        - name: worker\n          image: worker:1\n'),
    'ov/kustomization.yaml': [
      'resources:',
      '  - ../base',
      'patches:',
      '  - path: first.yaml',
      '    target: {kind: Deployment, name: web}',
      '  - path: sidecar.yaml',
      '  - path: second.yaml',
      '    target: {kind: Deployment, name: web}',
      '  - path: worker-first.yaml',
      '',
    ].join('\n'),
    // containers are [web, worker] here
    'ov/first.yaml': '- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: nginx:latest\n- op: add\n  path: /spec/template/spec/containers/1/env\n  value:\n    - name: W\n      value: "1"\n',
    // kustomize puts a strategic-merge patch's items first: [sidecar, web, worker]
    'ov/sidecar.yaml': patchOf('        - name: sidecar\n          image: envoy:1\n'),
    // worker is at 2; after the append and the insert at 0, sidecar is at 1
    'ov/second.yaml': [
      '- op: replace',
      '  path: /spec/template/spec/containers/2/image',
      '  value: worker:2',
      '- op: add',
      '  path: /spec/template/spec/containers/-',
      '  value:',
      '    name: last',
      '    image: last:1',
      '- op: add',
      '  path: /spec/template/spec/containers/0',
      '  value:',
      '    name: first',
      '    image: first:1',
      '- op: replace',
      '  path: /spec/template/spec/containers/1/image',
      '  value: envoy:2',
      '',
    ].join('\n'),
    'ov/worker-first.yaml': patchOf('        - name: worker\n          imagePullPolicy: Always\n'),
  };
  const r = await render(files, 'ov');
  const containers = ['spec', 'template', 'spec', 'containers'];

  it('each operation lands on the container it addressed, wherever later patches moved it', () => {
    expect(r.errors).toEqual([]);
    const deploy = one(r, 'Deployment', 'web');
    const out = (deploy.object as { spec: { template: { spec: { containers: { name: string; image: string }[] } } } }).spec.template.spec.containers;
    expect(out.map((c) => `${c.name}=${c.image}`)).toEqual(['worker=worker:2', 'first=first:1', 'sidecar=envoy:2', 'web=nginx:latest', 'last=last:1']);
    expect(deploy.locate([...containers, 3, 'image'])).toMatchObject({ path: 'ov/first.yaml', line: 3 });
    expect(deploy.locate([...containers, 0, 'env', 0, 'value'])).toMatchObject({ path: 'ov/first.yaml', line: 8 });
    expect(deploy.locate([...containers, 0, 'image'])).toMatchObject({ path: 'ov/second.yaml', line: 3 });
    expect(deploy.locate([...containers, 2, 'image'])).toMatchObject({ path: 'ov/second.yaml', line: 16 });
  });

  it('items an operation added map into its value; fields no operation set stay on their patch or resource', () => {
    const deploy = one(r, 'Deployment', 'web');
    expect(deploy.locate([...containers, 4, 'image'])).toMatchObject({ path: 'ov/second.yaml', line: 8 });
    expect(deploy.locate([...containers, 1, 'image'])).toMatchObject({ path: 'ov/second.yaml', line: 13 });
    expect(deploy.locate([...containers, 0, 'imagePullPolicy'])).toMatchObject({ path: 'ov/worker-first.yaml', line: 10 });
    expect(deploy.locate([...containers, 3, 'name'])).toMatchObject({ path: 'base/d.yaml', line: 9 });
  });
});

describe('kustomize source maps: a field `replacements` fills lands where its value is written', () => {
  const deployment = (name: string, containers: string): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n${containers}`;

  it('on the source field of a resource, as the last patch before the replacement set it', async () => {
    const r = await render(
      {
        'base/kustomization.yaml': 'resources:\n  - deploy.yaml\n  - cm.yaml\n',
        'base/deploy.yaml': deployment('app', '        - name: app\n          image: PLACEHOLDER\n        - name: helper\n          image: helper:1\n'),
        'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  image: busybox:1.36\n',
        'ov/kustomization.yaml': [
          'namePrefix: prod-',
          'resources:',
          '  - ../base',
          'patches:',
          '  - patch: |-',
          '      apiVersion: v1',
          '      kind: ConfigMap',
          '      metadata:',
          '        name: settings',
          '      data:',
          '        image: busybox:latest',
          'replacements:',
          '  - source: {kind: ConfigMap, name: prod-settings, fieldPath: data.image}',
          '    targets:',
          '      - select: {kind: Deployment}',
          '        fieldPaths:',
          '          - spec.template.spec.containers.[name=app].image',
          '',
        ].join('\n'),
      },
      'ov',
    );
    expect(r.errors).toEqual([]);
    const deploy = one(r, 'Deployment', 'prod-app');
    expect(deploy.object).toMatchObject({ spec: { template: { spec: { containers: [{ image: 'busybox:latest' }, { image: 'helper:1' }] } } } });
    expect(deploy.locate(['spec', 'template', 'spec', 'containers', 0, 'image'])).toMatchObject({ path: 'ov/kustomization.yaml', line: 11 });
    expect(deploy.locate(['spec', 'template', 'spec', 'containers', 1, 'image'])).toMatchObject({ path: 'base/deploy.yaml', line: 12 });
    expect(deploy.locate(['spec', 'template', 'spec', 'containers', 0, 'name'])).toMatchObject({ path: 'base/deploy.yaml', line: 9 });
  });

  it('on the generator literal of a generated source; a replacement file with wildcards and rejects', async () => {
    const r = await render(
      {
        'k/kustomization.yaml': 'resources:\n  - deploy.yaml\nconfigMapGenerator:\n  - name: settings\n    literals:\n      - registry=ghcr.io\n      - image=busybox:latest\nreplacements:\n  - path: replacements.yaml\n',
        'k/replacements.yaml': [
          '- source:',
          '    kind: ConfigMap',
          '    name: settings',
          '    fieldPath: data.image',
          '  targets:',
          '    - select:',
          '        kind: Deployment',
          '      reject:',
          '        - name: keep',
          '      fieldPaths:',
          '        - spec.template.spec.containers.*.image',
          '',
        ].join('\n'),
        'k/deploy.yaml': [
          deployment('app', '        - name: app\n          image: PLACEHOLDER\n        - name: helper\n          image: PLACEHOLDER\n'),
          deployment('keep', '        - name: app\n          image: alpine:3.20\n'),
        ].join('---\n'),
      },
      'k',
    );
    expect(r.errors).toEqual([]);
    const app = one(r, 'Deployment', 'app');
    for (const i of [0, 1]) expect(app.locate(['spec', 'template', 'spec', 'containers', i, 'image'])).toMatchObject({ path: 'k/kustomization.yaml', line: 7 });
    expect(one(r, 'Deployment', 'keep').locate(['spec', 'template', 'spec', 'containers', 0, 'image'])).toMatchObject({ path: 'k/deploy.yaml', line: 23 });
  });
});
