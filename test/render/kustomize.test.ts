// renderKustomize against the real kubectl kustomize: objects map back to their resource documents
// through prefixes, suffixes and namespaces; fields to the patch, component or transformer entry
// that set them; every reference that leaves the repository is refused at its line.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RenderResult, RenderedObject, Unit } from '../../src/core/types.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { renderKustomize } from '../../src/render/kustomize.js';
import { DirSnapshot } from '../../src/workspace/dir-snapshot.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

const fixtures = fileURLToPath(new URL('../fixtures/render/kustomize', import.meta.url));
const snapshot = new DirSnapshot('fixtures', fixtures);
const overlay = (root: string): Unit => ({ id: root, kind: 'kustomize', root, environments: ['default'] });
const container = ['spec', 'template', 'spec', 'containers', 0];

function one(result: RenderResult, kind: string, name: string): RenderedObject {
  const found = result.objects.filter((o) => o.ref.kind === kind && o.ref.name.startsWith(name));
  expect(found, `${kind}/${name} in ${result.objects.map((o) => `${o.ref.kind}/${o.ref.name}`).join(', ')}`).toHaveLength(1);
  return found[0];
}

const kustomization = (body: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`;

describe('kustomize source maps: overlay with a base, a component, strategic-merge and JSON 6902 patches, a generator', async () => {
  const prod = await renderKustomize(overlay('overlays/prod'), snapshot, DEFAULT_CONFIG);
  const deploy = one(prod, 'Deployment', 'prod-web-v1');

  it('renders with namePrefix, nameSuffix and namespace applied', () => {
    expect(prod.errors).toEqual([]);
    expect(prod.objects.map((o) => `${o.ref.kind}/${o.ref.namespace}/${o.ref.name}`).sort()).toEqual([
      'ConfigMap/floe-prod/prod-extra-v1',
      expect.stringMatching(/^ConfigMap\/floe-prod\/prod-settings-v1-[a-z0-9]+$/),
      'Deployment/floe-prod/prod-web-v1',
      'Service/floe-prod/prod-web-v1',
      'ServiceAccount/floe-prod/prod-web-v1',
    ]);
  });

  it('each object comes from its resource document, the second document of a file included', () => {
    expect(deploy.source).toEqual({ path: 'base/deployment.yaml', line: 1 });
    expect(one(prod, 'Service', 'prod-web-v1').source).toEqual({ path: 'base/service.yaml', line: 1 });
    expect(one(prod, 'ServiceAccount', 'prod-web-v1').source).toEqual({ path: 'base/service.yaml', line: 12 });
    expect(one(prod, 'ConfigMap', 'prod-extra-v1').source).toEqual({ path: 'overlays/prod/configmap.yaml', line: 1 });
  });

  it('a field a strategic-merge patch sets lands on the patch line, with its comment', () => {
    expect(deploy.locate(['spec', 'replicas'])).toMatchObject({ path: 'overlays/prod/replicas.yaml', line: 7 });
    expect(deploy.commentsAt(['spec', 'replicas'])).toEqual(['prod runs three']);
    expect(deploy.locate([...container, 'securityContext', 'runAsUser'])).toMatchObject({ path: 'overlays/prod/security.yaml', line: 11 });
  });

  it('a field a JSON 6902 operation sets lands on that operation', () => {
    expect(deploy.object).toMatchObject({ spec: { template: { spec: { containers: [{ image: 'ghcr.io/example/web:1.1.0', imagePullPolicy: 'Always' }] } } } });
    expect(deploy.locate([...container, 'image'])).toMatchObject({ path: 'overlays/prod/image-pull.json', line: 3 });
    expect(deploy.locate([...container, 'imagePullPolicy'])).toMatchObject({ path: 'overlays/prod/image-pull.json', line: 2 });
  });

  it('a field a component patch sets lands in the component', () => {
    expect(deploy.locate([...container, 'readinessProbe', 'httpGet', 'port'])).toMatchObject({ path: 'components/probes/probes.yaml', line: 13 });
  });

  it('a field no patch touches stays on the base resource line; identity fields are not claimed by patches', () => {
    expect(deploy.locate([...container, 'securityContext', 'allowPrivilegeEscalation'])).toMatchObject({ path: 'base/deployment.yaml', line: 23 });
    expect(deploy.locate([...container, 'ports', 0, 'containerPort'])).toMatchObject({ path: 'base/deployment.yaml', line: 21 });
    expect(deploy.locate(['metadata', 'name'])).toMatchObject({ path: 'base/deployment.yaml', line: 4 });
    expect(deploy.locate(['metadata', 'namespace'])).toMatchObject({ path: 'overlays/prod/kustomization.yaml', line: 3 });
  });

  it('a generated ConfigMap maps to its generator entry and each key to its file entry', () => {
    const settings = one(prod, 'ConfigMap', 'prod-settings-v1-');
    expect(settings.source).toMatchObject({ path: 'overlays/prod/kustomization.yaml', line: 20 });
    expect(settings.locate(['data', 'settings.properties'])).toMatchObject({ path: 'overlays/prod/kustomization.yaml', line: 22 });
  });
});

describe('kustomize source maps: an overlay of an overlay (prefixes accumulate), YAML ops, inline patches, images and replicas', async () => {
  const canary = await renderKustomize(overlay('overlays/canary'), snapshot, DEFAULT_CONFIG);
  const deploy = one(canary, 'Deployment', 'canary-prod-web-v1');

  it('names carry both prefixes and objects still come from the base', () => {
    expect(canary.errors).toEqual([]);
    expect(deploy.ref).toMatchObject({ name: 'canary-prod-web-v1', namespace: 'floe-prod' });
    expect(deploy.source).toEqual({ path: 'base/deployment.yaml', line: 1 });
  });

  it('JSON 6902 operations in a YAML file: inside an added value and a replaced value', () => {
    expect(deploy.locate([...container, 'env', 0, 'value'])).toMatchObject({ path: 'overlays/canary/ops.yaml', line: 5 });
    expect(deploy.locate([...container, 'securityContext', 'runAsUser'])).toMatchObject({ path: 'overlays/canary/ops.yaml', line: 8 });
  });

  it('images and replicas transformers land on their kustomization entries, over earlier patches', () => {
    expect(deploy.object).toMatchObject({ spec: { replicas: 1, template: { spec: { containers: [{ image: 'ghcr.io/example/web:2.0.0-rc1' }] } } } });
    expect(deploy.locate([...container, 'image'])).toMatchObject({ path: 'overlays/canary/kustomization.yaml', line: 23 });
    expect(deploy.locate(['spec', 'replicas'])).toMatchObject({ path: 'overlays/canary/kustomization.yaml', line: 26 });
  });

  it('an inline patch maps to its own line inside the kustomization', () => {
    const service = one(canary, 'Service', 'canary-prod-web-v1');
    expect(service.object).toMatchObject({ metadata: { annotations: { canary: 'true' } } });
    expect(service.locate(['metadata', 'annotations', 'canary'])).toMatchObject({ path: 'overlays/canary/kustomization.yaml', line: 20 });
  });
});

describe('kustomize source maps: patch targets by selector and regex, labels', () => {
  const deployment = (name: string, tier: string): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  labels:\n    tier: ${tier}\nspec:\n  template:\n    spec:\n      containers:\n        - name: main\n          image: example/${name}:1\n`;

  it('a patch targeting a label selector or a name pattern lands on every object it selects, and only those', async () => {
    const snap = MemorySnapshot.from('t', {
      'app/kustomization.yaml': kustomization(
        [
          'commonLabels:',
          '  team: platform',
          'resources:',
          '  - workloads.yaml',
          'patches:',
          '  - target:',
          '      kind: Deployment',
          '      labelSelector: tier=web',
          '    path: web-patch.yaml',
          '  - target:',
          '      name: api-.*',
          '    path: api-patch.yaml',
          '',
        ].join('\n'),
      ),
      'app/workloads.yaml': [deployment('web-a', 'web'), deployment('web-b', 'web'), deployment('api-x', 'api')].join('---\n'),
      'app/web-patch.yaml': '- op: add\n  path: /spec/replicas\n  value: 4\n',
      'app/api-patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ignored-when-targeted\nspec:\n  replicas: 2\n',
    });
    const r = await renderKustomize(overlay('app'), snap, DEFAULT_CONFIG);
    expect(r.errors).toEqual([]);
    for (const name of ['web-a', 'web-b']) {
      const o = one(r, 'Deployment', name);
      expect(o.object).toMatchObject({ spec: { replicas: 4 } });
      expect(o.locate(['spec', 'replicas'])).toMatchObject({ path: 'app/web-patch.yaml', line: 3 });
    }
    const api = one(r, 'Deployment', 'api-x');
    expect(api.object).toMatchObject({ spec: { replicas: 2 } });
    expect(api.locate(['spec', 'replicas'])).toMatchObject({ path: 'app/api-patch.yaml', line: 6 });
    expect(api.source).toEqual({ path: 'app/workloads.yaml', line: 27 });
    expect(api.locate(['metadata', 'labels', 'team'])).toMatchObject({ path: 'app/kustomization.yaml', line: 4 });
    expect(api.locate(['metadata', 'labels', 'tier'])).toMatchObject({ path: 'app/workloads.yaml', line: 32 });
  });
});

describe('kustomize source maps: list items paired by merge key, generators from env files and literals', async () => {
  const snap = MemorySnapshot.from('t', {
    'base/kustomization.yaml': 'resources:\n  - d.yaml\n',
    'base/d.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1\n          env:\n            - name: A\n              value: "1"\n        - name: old\n          image: old:1\n',
    'ov/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: p.yaml\nconfigMapGenerator:\n  - name: env\n    envs:\n      - app.env\n    literals:\n      - MODE=prod\nsecretGenerator:\n  - name: creds\n    literals:\n      - USER=admin\n',
    'ov/app.env': '# comment\nLOG=debug\nLEVEL=3\n',
    'ov/p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: sidecar\n          image: proxy:2\n        - name: old\n          $patch: delete\n        - name: app\n          env:\n            - name: B\n              value: "2"\n',
  });
  const r = await renderKustomize(overlay('ov'), snap, DEFAULT_CONFIG);
  const containers = ['spec', 'template', 'spec', 'containers'];

  it('containers and env entries keep their own lines when a patch adds, deletes and reorders list items', () => {
    expect(r.errors).toEqual([]);
    const deploy = one(r, 'Deployment', 'web');
    expect((deploy.object as { spec: { template: { spec: { containers: { name: string }[] } } } }).spec.template.spec.containers.map((c) => c.name)).toEqual(['sidecar', 'app']);
    expect(deploy.locate([...containers, 0, 'image'])).toMatchObject({ path: 'ov/p.yaml', line: 10 });
    expect(deploy.locate([...containers, 1, 'image'])).toMatchObject({ path: 'base/d.yaml', line: 10 });
    expect(deploy.locate([...containers, 1, 'env', 0, 'value'])).toMatchObject({ path: 'ov/p.yaml', line: 16 });
    expect(deploy.locate([...containers, 1, 'env', 1, 'value'])).toMatchObject({ path: 'base/d.yaml', line: 13 });
  });

  it('generated keys land on their env-file line or literal', () => {
    const env = one(r, 'ConfigMap', 'env-');
    expect(env.locate(['data', 'LOG'])).toEqual({ path: 'ov/app.env', line: 2 });
    expect(env.locate(['data', 'MODE'])).toMatchObject({ path: 'ov/kustomization.yaml', line: 10 });
    expect(one(r, 'Secret', 'creds-').locate(['data', 'USER'])).toMatchObject({ path: 'ov/kustomization.yaml', line: 14 });
  });
});

describe('kustomize references are checked before kubectl runs', () => {
  it('refuses remote bases in every spelling, each at its own line', async () => {
    const snap = MemorySnapshot.from('t', {
      'app/kustomization.yaml': kustomization(
        [
          'resources:',
          '  - cm.yaml',
          '  - github.com/example/repo//deploy?ref=v1.0.0',
          '  - https://raw.githubusercontent.com/example/repo/main/cm.yaml',
          '  - git::https://gitlab.com/example/repo.git//base',
          '  - git@github.com:example/repo.git',
          '  - ./local?ref=main',
          '',
        ].join('\n'),
      ),
      'app/cm.yaml': configMap('cm'),
    });
    const r = await renderKustomize(overlay('app'), snap, DEFAULT_CONFIG);
    expect(r.objects).toEqual([]);
    expect(r.errors.map((e) => [e.path, e.line, e.ruleId])).toEqual([5, 6, 7, 8, 9].map((line) => ['app/kustomization.yaml', line, 'path-escape']));
    expect(r.errors[0].message).toContain('github.com/example/repo//deploy?ref=v1.0.0');
    expect(r.errors[0].message).toMatch(/remote/);
  });

  it('refuses absolute paths and paths escaping the repository, and reports every broken entry', async () => {
    const snap = MemorySnapshot.from('t', {
      'app/kustomization.yaml': kustomization(
        ['resources:', '  - /etc/kubernetes/admin.yaml', '  - ../../outside', '  - missing.yaml', 'patches:', '  - path: ../../../etc/passwd', ''].join('\n'),
      ),
    });
    const r = await renderKustomize(overlay('app'), snap, DEFAULT_CONFIG);
    expect(r.errors.map((e) => [e.line, e.ruleId])).toEqual([
      [4, 'path-escape'],
      [5, 'path-escape'],
      [6, 'render-error'],
      [8, 'path-escape'],
    ]);
    expect(r.errors[2].message).toContain('"missing.yaml" not found');
  });

  it('a missing patch, generator file or component is an error at its entry', async () => {
    const snap = MemorySnapshot.from('t', {
      'app/kustomization.yaml': kustomization(
        ['resources:', '  - cm.yaml', 'components:', '  - ../components/none', 'patches:', '  - path: nope.yaml', 'configMapGenerator:', '  - name: gen', '    files:', '      - absent.properties', ''].join('\n'),
      ),
      'app/cm.yaml': configMap('cm'),
    });
    const r = await renderKustomize(overlay('app'), snap, DEFAULT_CONFIG);
    expect(r.errors.map((e) => e.line)).toEqual([6, 8, 12]);
    expect(r.errors.every((e) => e.path === 'app/kustomization.yaml')).toBe(true);
  });

  it('a resource file outside the kustomization folder is refused as kustomize would (load restrictor)', async () => {
    const snap = MemorySnapshot.from('t', {
      'app/overlay/kustomization.yaml': kustomization('resources:\n  - ../shared/cm.yaml\n'),
      'app/shared/cm.yaml': configMap('cm'),
    });
    const r = await renderKustomize(overlay('app/overlay'), snap, DEFAULT_CONFIG);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ path: 'app/overlay/kustomization.yaml', line: 4 });
    expect(r.errors[0].message).toMatch(/load restrictor/);
  });

  it('helmCharts are not inflated (kustomize would run helm and fetch the chart): the rest of the overlay is built and reviewed', async () => {
    const snap = MemorySnapshot.from('t', {
      'app/kustomization.yaml': kustomization('helmCharts:\n  - name: redis\n    repo: https://charts.example.com\n    version: 1.0.0\nresources:\n  - pod.yaml\n'),
      'app/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostPID: true\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    });
    const r = await renderKustomize(overlay('app'), snap, DEFAULT_CONFIG);
    expect(r.errors).toEqual([expect.objectContaining({ path: 'app/kustomization.yaml', line: 4, ruleId: 'helm-chart-not-inflated', severity: 'medium', partial: true, message: expect.stringMatching(/^helmCharts entry "redis" is not inflated/) })]);
    expect(r.objects.map((o) => o.ref.name)).toEqual(['web']);
    expect(r.objects[0].locate(['spec', 'hostPID'])).toMatchObject({ path: 'app/pod.yaml', line: 6 });
  });

  it('a kustomization holding nothing but charts is built empty, one finding per chart at its entry', async () => {
    const snap = MemorySnapshot.from('t', {
      'cache/kustomization.yaml': kustomization('helmCharts:\n  - name: redis\n    repo: https://charts.example.com\n  - name: memcached\n    repo: https://charts.example.com\n'),
      'app/kustomization.yaml': kustomization('resources:\n  - ../cache\n  - pod.yaml\n'),
      'app/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    });
    const r = await renderKustomize(overlay('app'), snap, DEFAULT_CONFIG);
    expect(r.errors.map((e) => [e.ruleId, e.path, e.line, /"(\w+)"/.exec(e.message)?.[1]])).toEqual([
      ['helm-chart-not-inflated', 'cache/kustomization.yaml', 4, 'redis'],
      ['helm-chart-not-inflated', 'cache/kustomization.yaml', 6, 'memcached'],
    ]);
    expect(r.objects.map((o) => o.ref.name)).toEqual(['web']);
  });

  it('invalid YAML in a kustomization is an error at its line', async () => {
    const snap = MemorySnapshot.from('t', { 'app/kustomization.yaml': kustomization('resources:\n  - a.yaml\n  b: [\n') });
    const r = await renderKustomize(overlay('app'), snap, DEFAULT_CONFIG);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0].path).toBe('app/kustomization.yaml');
    expect(r.errors[0].line).toBeGreaterThanOrEqual(4);
  });

  it('an alias bomb in a kustomization stops at the parse limit with a finding, before kubectl', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`), 'resources: [*h]', ''].join('\n');
    const snap = MemorySnapshot.from('t', { 'app/kustomization.yaml': bomb });
    const r = await renderKustomize(overlay('app'), snap, DEFAULT_CONFIG);
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ path: 'app/kustomization.yaml', ruleId: 'limit-exceeded' })]);
  });

  it('a kubectl failure is an error at the entry it names', async () => {
    const snap = MemorySnapshot.from('t', {
      'app/kustomization.yaml': kustomization('resources:\n  - cm.yaml\npatches:\n  - path: patch.yaml\n'),
      'app/cm.yaml': configMap('cm'),
      'app/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: absent\nspec:\n  replicas: 2\n',
    });
    const r = await renderKustomize(overlay('app'), snap, DEFAULT_CONFIG);
    expect(r.objects).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ path: 'app/kustomization.yaml', line: 6, ruleId: 'render-error' });
    expect(r.errors[0].message).toMatch(/absent/);
  });
});

describe('kustomize runs no plugins', () => {
  it('an exec KRM function is refused by kubectl and never runs; the error lands on its transformers entry', async () => {
    const marker = join(tmpdir(), `gg-exec-plugin-${process.pid}-${Date.now()}`);
    const snap = MemorySnapshot.from('t', {
      'app/kustomization.yaml': kustomization('resources:\n  - cm.yaml\ntransformers:\n  - fn.yaml\n'),
      'app/cm.yaml': configMap('cm'),
      'app/fn.yaml': 'apiVersion: example.com/v1\nkind: Evil\nmetadata:\n  name: evil\n  annotations:\n    config.kubernetes.io/function: |\n      exec:\n        path: ./evil.sh\n',
      'app/evil.sh': `#!/bin/sh\ntouch ${marker}\n`,
    });
    const r = await renderKustomize(overlay('app'), snap, DEFAULT_CONFIG);
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ path: 'app/kustomization.yaml', line: 6, message: expect.stringMatching(/plugin/) })]);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('kustomize never reads through a symlink out of the repository', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gg-kustomize-link-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };

  it('a base reached through a symlinked folder is neither read nor rendered', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'gg-outside-base-'));
    writeFileSync(join(outside, 'kustomization.yaml'), kustomization('resources:\n  - cm.yaml\n'));
    writeFileSync(join(outside, 'cm.yaml'), configMap('outside-base'));
    write('linked/kustomization.yaml', kustomization('resources:\n  - ../elsewhere\n'));
    symlinkSync(outside, join(dir, 'elsewhere'));
    const r = await renderKustomize(overlay('linked'), new DirSnapshot('t', dir), DEFAULT_CONFIG);
    rmSync(outside, { recursive: true, force: true });
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([{ path: 'linked/kustomization.yaml', line: 4, ruleId: 'path-escape', message: `resource "../elsewhere": symlink elsewhere to "${outside}" not followed: it leads outside the repository` }]);
  });

  it('a resource that is a symlink out of the repository is refused at its entry, and its target is never rendered', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'gg-outside-'));
    writeFileSync(join(outside, 'stolen.yaml'), configMap('stolen-from-outside'));
    write('app/kustomization.yaml', kustomization('resources:\n  - cm.yaml\n  - stolen.yaml\n'));
    write('app/cm.yaml', configMap('cm'));
    symlinkSync(join(outside, 'stolen.yaml'), join(dir, 'app/stolen.yaml'));
    const r = await renderKustomize(overlay('app'), new DirSnapshot('t', dir), DEFAULT_CONFIG);
    rmSync(outside, { recursive: true, force: true });
    expect(r.objects.map((o) => o.ref.name)).not.toContain('stolen-from-outside');
    expect(r.errors).toEqual([{ path: 'app/kustomization.yaml', line: 5, ruleId: 'path-escape', message: `resource "stolen.yaml": symlink app/stolen.yaml to "${join(outside, 'stolen.yaml')}" not followed: it leads outside the repository` }]);
  });

  it('a relative symlink climbing above the repository root and a generator file through a symlinked folder are refused the same way', async () => {
    write('climb/kustomization.yaml', kustomization('resources:\n  - up.yaml\nconfigMapGenerator:\n  - name: g\n    files:\n      - etc/passwd\n'));
    symlinkSync('../../up.yaml', join(dir, 'climb/up.yaml'));
    symlinkSync('/etc', join(dir, 'climb/etc'));
    const r = await renderKustomize(overlay('climb'), new DirSnapshot('t', dir), DEFAULT_CONFIG);
    expect(r.objects).toEqual([]);
    expect(r.errors.map((e) => [e.line, e.ruleId, e.message])).toEqual([
      [4, 'path-escape', 'resource "up.yaml": symlink climb/up.yaml to "../../up.yaml" not followed: it leads outside the repository'],
      [8, 'path-escape', 'generator file "etc/passwd": symlink climb/etc to "/etc" not followed: it leads outside the repository'],
    ]);
  });
});

describe('kustomize follows a symlink to a file of the repository, as kubectl does on a checkout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gg-kustomize-inlink-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.25\n';

  it('a resource, a patch and a generator file that are symlinks render from the files they lead to, and map to those files\' lines', async () => {
    write('app/versions/v2.yaml', pod);
    symlinkSync('versions/v2.yaml', join(dir, 'app/current.yaml'));
    write('app/patches/latest.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n');
    // a chain: patch.yaml -> patches/current.yaml -> latest.yaml
    symlinkSync('latest.yaml', join(dir, 'app/patches/current.yaml'));
    symlinkSync('patches/current.yaml', join(dir, 'app/patch.yaml'));
    write('shared/app.env', 'MODE=fast\n');
    symlinkSync('../shared/app.env', join(dir, 'app/app.env'));
    write('app/kustomization.yaml', kustomization('resources:\n  - current.yaml\npatches:\n  - path: patch.yaml\nconfigMapGenerator:\n  - name: settings\n    envs:\n      - app.env\n'));
    const r = await renderKustomize(overlay('app'), new DirSnapshot('t', dir), DEFAULT_CONFIG);
    expect(r.errors).toEqual([]);
    const p = one(r, 'Pod', 'p');
    expect(p.object.spec).toMatchObject({ containers: [{ image: 'nginx:latest' }] });
    expect(p.source).toMatchObject({ path: 'app/versions/v2.yaml', line: 1 });
    expect(p.locate(['spec', 'containers', 0, 'image'])).toMatchObject({ path: 'app/patches/latest.yaml', line: 8 });
    expect(one(r, 'ConfigMap', 'settings').locate(['data', 'MODE'])).toMatchObject({ path: 'shared/app.env', line: 1 });
  });

  it('a symlink to a folder of the repository, or to nothing, is refused with what it leads to', async () => {
    write('real/kustomization.yaml', kustomization('resources:\n  - pod.yaml\n'));
    write('real/pod.yaml', pod);
    symlinkSync('real', join(dir, 'alias'));
    symlinkSync('gone.yaml', join(dir, 'dangling.yaml'));
    write('kustomization.yaml', kustomization('resources:\n  - alias\n  - dangling.yaml\n'));
    const r = await renderKustomize(overlay('.'), new DirSnapshot('t', dir), DEFAULT_CONFIG);
    expect(r.errors.map((e) => [e.path, e.line, e.ruleId, e.message])).toEqual([
      ['kustomization.yaml', 4, 'render-error', 'resource "alias": symlink alias to "real" not followed: it leads to a folder (name the folder itself)'],
      ['kustomization.yaml', 5, 'render-error', 'resource "dangling.yaml": symlink dangling.yaml to "gone.yaml" not followed: it leads to no file of the repository'],
    ]);
  });
});

describe('a duplicate mapping key', () => {
  it('in a resource stops the build at its line, as kubectl refuses the file', async () => {
    const snap = MemorySnapshot.from('t', {
      'k/kustomization.yaml': kustomization('resources:\n  - pod.yaml\n'),
      'k/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: dup\nspec:\n  containers:\n    - name: c\n      image: nginx:1.25\n      securityContext:\n        privileged: true\n        privileged: false\n',
    });
    const r = await renderKustomize(overlay('k'), snap, DEFAULT_CONFIG);
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([{ path: 'k/pod.yaml', line: 11, ruleId: 'render-error', message: 'mapping key "privileged" already defined at line 10 (kubectl refuses duplicate keys)' }]);
  });

  it('in a patch or in the kustomization is read by kustomize without complaint, and renders', async () => {
    const snap = MemorySnapshot.from('t', {
      'k/kustomization.yaml': kustomization('namespace: a\nnamespace: b\nresources:\n  - cm.yaml\npatches:\n  - path: patch.yaml\n'),
      'k/cm.yaml': configMap('cm'),
      'k/patch.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  c: d\n  c: e\n',
    });
    const r = await renderKustomize(overlay('k'), snap, DEFAULT_CONFIG);
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => `${o.ref.namespace}/${o.ref.name}`)).toEqual(['b/cm']);
  });
});

describe('kustomize errors never quote a secret', () => {
  const secretA = ['Kq8vRz3m', 'Xw7pLt5n'].join('');
  const secretB = ['Wm4nQ7rT', '2xLp9vKs'].join('');
  it('a generator literal or a Secret value kubectl echoes in its error is redacted to its preview', async () => {
    const snap = MemorySnapshot.from('t', {
      'a/kustomization.yaml': kustomization(`secretGenerator:\n  - name: s\n    literals:\n      - "password: ${secretA}"\n`),
      'b/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: ${secretB}\n`,
      'b/kustomization.yaml': kustomization('resources:\n  - secret.yaml\nreplacements:\n  - source: {kind: Secret, name: s, fieldPath: metadata.name}\n    targets:\n      - select: {kind: Secret, name: s}\n        fieldPaths: [stringData.password.sub]\n'),
    });
    const [a, b] = await Promise.all([renderKustomize(overlay('a'), snap, DEFAULT_CONFIG), renderKustomize(overlay('b'), snap, DEFAULT_CONFIG)]);
    expect(a.errors).toHaveLength(1);
    expect(b.errors).toHaveLength(1);
    expect(a.errors[0].message).toContain('Kq8v…');
    expect(b.errors[0].message).toContain('Wm4n…');
    expect(JSON.stringify([a.errors, b.errors])).not.toMatch(new RegExp(`${secretA.slice(4, 12)}|${secretB.slice(4, 12)}`));
  });
});
