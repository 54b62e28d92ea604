import { describe, expect, it } from 'vitest';
import { discover } from '../../src/workspace/discover.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

const repo = MemorySnapshot.from('t', {
  'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
  'charts/app/values.yaml': 'a: 1\n',
  'charts/app/values-prod.yaml': 'a: 2\n',
  'charts/app/values.schema.json': '{}',
  'charts/app/templates/deploy.yaml': 'kind: Deployment\n',
  'charts/app/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n',
  'charts/app/charts/sub/templates/x.yaml': 'kind: ConfigMap\n',
  'kustomize/base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
  'kustomize/base/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\n',
  'kustomize/overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - https://github.com/x/y//z?ref=v1\npatches:\n  - path: patch.yaml\n',
  'kustomize/overlays/prod/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\n',
  'manifests/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n',
  'manifests/notes.yaml': 'just: data\n',
  '.github/workflows/ci.yaml': 'on: push\n',
  '.gitops-guard.yml': 'failOn: high\n',
});

describe('discover', () => {
  const d = discover(repo);
  it('finds charts (not subcharts) with one environment per values file, kustomize roots, manifests', () => {
    expect(d.units.map((u) => [u.kind, u.id, u.environments.join(',')])).toEqual([
      ['helm', 'charts/app', 'default,prod'],
      ['kustomize', 'kustomize/overlays/prod', 'default'],
      ['manifest', 'manifests/ns.yaml', 'default'],
    ]);
  });

  it('maps a changed file to the units it re-renders', () => {
    const ids = (p: string) => d.unitsTouchedBy(p).map((u) => u.id);
    expect(ids('charts/app/charts/sub/templates/x.yaml')).toEqual(['charts/app']);
    expect(ids('charts/app/values-prod.yaml')).toEqual(['charts/app']);
    expect(ids('kustomize/base/deploy.yaml')).toEqual(['kustomize/overlays/prod']);
    expect(ids('kustomize/overlays/prod/patch.yaml')).toEqual(['kustomize/overlays/prod']);
    expect(ids('manifests/ns.yaml')).toEqual(['manifests/ns.yaml']);
    expect(ids('README.md')).toEqual([]);
  });

  it('tells which kustomizations an overlay pulls in as bases, transitively, and which one holds a file', () => {
    const layered = discover(MemorySnapshot.from('t', {
      'kustomization.yaml': 'resources:\n  - app\n',
      'app/kustomization.yaml': 'resources:\n  - ../base/\n  - cm.yaml\ncomponents:\n  - ../comp\n',
      'base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
      'comp/kustomization.yaml': 'kind: Component\n',
    }));
    expect(layered.kustomizationBases('app')).toEqual(['base']);
    expect(layered.kustomizationClosure('.').sort()).toEqual(['.', 'app', 'base', 'comp']);
    expect(layered.kustomizationOf('app/cm.yaml')).toBe('app');
    expect(layered.kustomizationOf('base/sub/deploy.yaml')).toBe('base');
    expect(layered.kustomizationOf('README.md')).toBe('.');
    expect([layered.isKustomization('comp'), layered.isKustomization('app/cm.yaml')]).toEqual([true, false]);
  });

  it('takes JSON files holding Kubernetes objects as manifests (kubectl apply -f reads them), not other JSON', () => {
    const json = discover(MemorySnapshot.from('t', {
      'apps/deploy.json': '{\n  "apiVersion": "apps/v1",\n  "kind": "Deployment",\n  "metadata": {"name": "web"}\n}\n',
      'apps/list.json': '{"apiVersion": "v1", "kind": "List", "items": []}',
      'package.json': '{"name": "x", "version": "1.0.0"}',
      'dashboards/board.json': '{"title": "kind: apiVersion: not an object", "panels": []}',
      'schemas/crd.schema.json': '{"properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"}}}',
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'charts/app/templates/raw.json': '{"apiVersion": "v1", "kind": "ConfigMap"}',
      'apps/broken.json': '{"apiVersion": "v1", "kind": "ConfigMap",}',
    }));
    expect(json.units.filter((u) => u.kind === 'manifest').map((u) => u.id)).toEqual(['apps/broken.json', 'apps/deploy.json', 'apps/list.json']);
  });

  it('leaves out ignored paths', () => {
    expect(discover(repo, ['manifests/**']).units.map((u) => u.id)).not.toContain('manifests/ns.yaml');
  });
});
