// A monorepo's charts depend on each other with `repository: file://../common`: the render vendors
// those charts into charts/ as `helm dependency build` would, and maps what they write back to their
// own files. A library chart is not a unit of its own; a change to it re-renders its dependents.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import type { Unit } from '../../src/core/types.js';
import { renderHelm } from '../../src/render/helm.js';
import { discover } from '../../src/workspace/discover.js';
import { fileDependencyClosure } from '../../src/workspace/chart-dependencies.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels:
        {{- include "common.labels" . | nindent 8 }}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            {{- include "common.securityContext" . | nindent 12 }}
`;

const repo = (extra: Record<string, string> = {}) =>
  MemorySnapshot.from('t', {
    'charts/common/Chart.yaml': 'apiVersion: v2\nname: common\ntype: library\nversion: 0.1.0\n',
    'charts/common/templates/_helpers.tpl': '{{- define "common.labels" -}}\napp: app\n{{- end -}}\n{{- define "common.securityContext" -}}\nrunAsNonRoot: true\nprivileged: true\n{{- end -}}\n',
    'charts/worker/Chart.yaml': 'apiVersion: v2\nname: worker\nversion: 0.2.0\n',
    'charts/worker/values.yaml': 'hostNetwork: false\n',
    'charts/worker/templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\nspec:\n  hostNetwork: {{ .Values.hostNetwork }}\n  containers:\n    - name: w\n      image: busybox:1.36\n',
    'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: common\n    version: 0.1.0\n    repository: file://../common\n  - name: worker\n    version: 0.2.0\n    repository: "file://../worker"\n',
    'charts/app/values.yaml': 'worker:\n  hostNetwork: true\n',
    'charts/app/templates/deploy.yaml': DEPLOY,
    ...extra,
  });

const appUnit: Unit = { id: 'charts/app', kind: 'helm', root: 'charts/app', environments: ['default'] };

describe('dependencies the render cannot load', () => {
  const chart = (deps: string, extra: Record<string, string> = {}) =>
    MemorySnapshot.from('t', {
      'shop/Chart.yaml': `apiVersion: v2\nname: shop\nversion: 0.1.0\ndependencies:\n${deps}`,
      'shop/values.yaml': 'postgresql:\n  enabled: true\n',
      'shop/templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: shop\nspec:\n  hostPID: true\n  containers:\n    - name: shop\n      image: shop:1.0\n',
      ...extra,
    });
  const shop: Unit = { id: 'shop', kind: 'helm', root: 'shop', environments: ['default'] };
  const remote = '  - name: postgresql\n    version: 12.x.x\n    repository: https://charts.bitnami.com/bitnami\n    condition: postgresql.enabled\n  - name: redis\n    version: 17.0.0\n    repository: oci://registry-1.docker.io/bitnamicharts\n';

  it('are left out of the render, each reported at its entry; the chart itself is still reviewed', async () => {
    const r = await renderHelm(shop, 'default', chart(remote), DEFAULT_CONFIG);
    expect(r.objects.map((o) => o.ref.name)).toEqual(['shop']);
    expect(r.errors).toEqual([
      expect.objectContaining({ path: 'shop/Chart.yaml', line: 5, ruleId: 'dependency-not-vendored', severity: 'medium', partial: true, message: expect.stringContaining('"postgresql" (https://charts.bitnami.com/bitnami) is not vendored') }),
      expect.objectContaining({ path: 'shop/Chart.yaml', line: 9, ruleId: 'dependency-not-vendored', message: expect.stringContaining('"redis" (oci://registry-1.docker.io/bitnamicharts)') }),
    ]);
  });

  it('a vendored one is loaded as it is', async () => {
    const r = await renderHelm(shop, 'default', chart(remote, {
      'shop/charts/postgresql/Chart.yaml': 'apiVersion: v2\nname: postgresql\nversion: 12.1.0\n',
      'shop/charts/postgresql/templates/sts.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pg\n',
    }), DEFAULT_CONFIG);
    expect(r.objects.map((o) => o.ref.name).sort()).toEqual(['pg', 'shop']);
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringContaining('"redis"')]);
  });

  it('a file:// one leading out of the repository is a path-escape only', async () => {
    const r = await renderHelm(shop, 'default', chart('  - name: outside\n    version: 1.0.0\n    repository: file://../../elsewhere\n'), DEFAULT_CONFIG);
    expect(r.objects.map((o) => o.ref.name)).toEqual(['shop']);
    expect(r.errors.map((e) => e.ruleId)).toEqual(['path-escape']);
  });
});

describe('file:// dependencies inside the repository', () => {
  it('are vendored for the render; what they write maps to their own files', async () => {
    const r = await renderHelm(appUnit, 'default', repo(), DEFAULT_CONFIG);
    expect(r.errors).toEqual([]);
    const deploy = r.objects.find((o) => o.ref.kind === 'Deployment')!;
    const sc = ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged'];
    expect((deploy.object as { spec: { template: { spec: { containers: { securityContext: unknown }[] } } } }).spec.template.spec.containers[0].securityContext).toEqual({ runAsNonRoot: true, privileged: true });
    expect(deploy.locate(sc)).toMatchObject({ path: 'charts/common/templates/_helpers.tpl', line: 6 });
    // the subchart renders with the parent's values for it, located in the parent's values file
    const worker = r.objects.find((o) => o.ref.kind === 'Pod')!;
    expect((worker.object as { spec: { hostNetwork: boolean } }).spec.hostNetwork).toBe(true);
    expect(worker.source.path).toBe('charts/worker/templates/pod.yaml');
    expect(worker.locate(['spec', 'hostNetwork'])).toMatchObject({ path: 'charts/app/values.yaml', line: 2 });
  });

  it('vendor the dependencies of a dependency inside it, and leave alone what charts/ holds already', async () => {
    const nested = repo({
      'charts/common/Chart.yaml': 'apiVersion: v2\nname: common\ntype: library\nversion: 0.1.0\ndependencies:\n  - name: base\n    version: 1.0.0\n    repository: file://../../lib/base\n',
      'lib/base/Chart.yaml': 'apiVersion: v2\nname: base\ntype: library\nversion: 1.0.0\n',
      'lib/base/templates/_base.tpl': '{{- define "base.x" -}}x{{- end -}}\n',
      'charts/app/charts/worker/Chart.yaml': 'apiVersion: v2\nname: worker\nversion: 0.2.0\n',
      'charts/app/charts/worker/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vendored\n',
    });
    expect(fileDependencyClosure(nested, 'charts/app')).toEqual([
      { name: 'common', dir: 'charts/common', at: 'charts/app/charts/common' },
      { name: 'base', dir: 'lib/base', at: 'charts/app/charts/common/charts/base' },
    ]);
    const r = await renderHelm(appUnit, 'default', nested, DEFAULT_CONFIG);
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => `${o.ref.kind}/${o.ref.name}`).sort()).toEqual(['ConfigMap/vendored', 'Deployment/app']);
  });

  it('never leave the repository, and a cycle ends', () => {
    const s = MemorySnapshot.from('t', {
      'a/Chart.yaml': 'apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies:\n  - {name: b, version: 1.0.0, repository: "file://../b"}\n  - {name: out, version: 1.0.0, repository: "file://../../outside"}\n  - {name: abs, version: 1.0.0, repository: "file:///etc"}\n',
      'b/Chart.yaml': 'apiVersion: v2\nname: b\nversion: 1.0.0\ndependencies:\n  - {name: a, version: 1.0.0, repository: "file://../a"}\n',
    });
    expect(fileDependencyClosure(s, 'a')).toEqual([{ name: 'b', dir: 'b', at: 'a/charts/b' }]);
  });

  it('make a library chart no unit of its own, and a change to it re-render the charts using it', () => {
    const d = discover(repo());
    expect(d.units.map((u) => u.id)).toEqual(['charts/app', 'charts/worker']);
    expect(d.unitsTouchedBy('charts/common/templates/_helpers.tpl').map((u) => u.id)).toEqual(['charts/app']);
    expect(d.unitsTouchedBy('charts/worker/templates/pod.yaml').map((u) => u.id)).toEqual(['charts/app', 'charts/worker']);
  });
});
