// renderHelm against the real helm 4.1: every field lands on the line a human edits, and every
// failure is a finding at the file and line helm names.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RenderResult, RenderedObject, Unit } from '../../src/core/types.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { renderHelm } from '../../src/render/helm.js';
import { discover } from '../../src/workspace/discover.js';
import { DirSnapshot } from '../../src/workspace/dir-snapshot.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

const fixtures = fileURLToPath(new URL('../fixtures/render', import.meta.url));
const fixtureSnapshot = new DirSnapshot('fixtures', fixtures);
const appUnit: Unit = { id: 'helm:helm/app', kind: 'helm', root: 'helm/app', environments: ['default', 'dev', 'prod'] };

function one(result: RenderResult, kind: string, name: string): RenderedObject {
  const found = result.objects.filter((o) => o.ref.kind === kind && o.ref.name === name);
  expect(found, `${kind}/${name} in ${result.objects.map((o) => `${o.ref.kind}/${o.ref.name}`).join(', ')}`).toHaveLength(1);
  return found[0];
}

function chart(files: Record<string, string>, root = 'charts/demo'): { unit: Unit; snapshot: MemorySnapshot } {
  const all: Record<string, string> = { [`${root}/Chart.yaml`]: 'apiVersion: v2\nname: demo\nversion: 0.1.0\n' };
  for (const [path, text] of Object.entries(files)) all[`${root}/${path}`] = text;
  return { unit: { id: `helm:${root}`, kind: 'helm', root, environments: ['default'] }, snapshot: MemorySnapshot.from('test', all) };
}

describe('renderHelm source maps (fixture chart with helpers, ranges, ifs, a subchart)', async () => {
  const prod = await renderHelm(appUnit, 'prod', fixtureSnapshot, DEFAULT_CONFIG);
  const dflt = await renderHelm(appUnit, 'default', fixtureSnapshot, DEFAULT_CONFIG);

  it('renders every document without errors', () => {
    expect(prod.errors).toEqual([]);
    expect(prod.objects.map((o) => `${o.ref.kind}/${o.ref.name}`).sort()).toEqual([
      'ConfigMap/app-app-alpha',
      'ConfigMap/app-app-beta',
      'Deployment/app-app',
      'NetworkPolicy/app-app',
      'Service/app-app',
      'ServiceAccount/app-app',
      'StatefulSet/app-cache',
    ]);
    expect(prod.values?.file).toBe('helm/app/values-prod.yaml');
  });

  it('a value the environment overrides lands on its key in values-prod.yaml', () => {
    const deploy = one(prod, 'Deployment', 'app-app');
    expect(deploy.locate(['spec', 'replicas'])).toMatchObject({ path: 'helm/app/values-prod.yaml', line: 1 });
    expect(deploy.locate(['spec', 'template', 'spec', 'containers', 0, 'image'])).toMatchObject({ path: 'helm/app/values-prod.yaml', line: 5 });
  });

  it('a value the environment does not set falls back to values.yaml', () => {
    const deploy = one(prod, 'Deployment', 'app-app');
    expect(deploy.locate(['spec', 'template', 'spec', 'securityContext', 'fsGroup'])).toMatchObject({ path: 'helm/app/values.yaml', line: 16 });
    expect(one(dflt, 'Deployment', 'app-app').locate(['spec', 'replicas'])).toMatchObject({ path: 'helm/app/values.yaml', line: 2 });
  });

  it('toYaml through an included helper maps each field to its values key, per environment', () => {
    const deploy = one(prod, 'Deployment', 'app-app');
    const sc = ['spec', 'template', 'spec', 'containers', 0, 'securityContext'];
    expect(deploy.object).toMatchObject({ spec: { template: { spec: { containers: [{ securityContext: { runAsUser: 0 } }] } } } });
    expect(deploy.locate([...sc, 'runAsUser'])).toMatchObject({ path: 'helm/app/values-prod.yaml', line: 8 });
    expect(deploy.locate([...sc, 'readOnlyRootFilesystem'])).toMatchObject({ path: 'helm/app/values.yaml', line: 21 });
    expect(deploy.commentsAt([...sc, 'readOnlyRootFilesystem'])).toEqual([]);
    expect(deploy.commentsAt([...sc, 'allowPrivilegeEscalation'])).toEqual(['Required by PSS restricted.']);
  });

  it('range items map to their list element in the environment file', () => {
    const deploy = one(prod, 'Deployment', 'app-app');
    expect(deploy.locate(['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value'])).toMatchObject({ path: 'helm/app/values-prod.yaml', line: 12 });
    const env = ['spec', 'template', 'spec', 'containers', 0, 'env'];
    expect(one(dflt, 'Deployment', 'app-app').locate([...env, 1, 'value'])).toMatchObject({ path: 'helm/app/values.yaml', line: 36 });
  });

  it('a range that emits several documents from one file maps each to its own values entry', () => {
    const alpha = one(prod, 'ConfigMap', 'app-app-alpha');
    const beta = one(prod, 'ConfigMap', 'app-app-beta');
    expect(alpha.locate(['data', 'mode'])).toMatchObject({ path: 'helm/app/values.yaml', line: 40 });
    expect(beta.locate(['data', 'mode'])).toMatchObject({ path: 'helm/app/values.yaml', line: 42 });
    expect(alpha.locate(['data', 'retries'])).toMatchObject({ path: 'helm/app/templates/configmaps.yaml', line: 12 });
    expect(alpha.commentsAt(['data', 'retries'])).toEqual(['literal setting']);
  });

  it('if blocks: the object exists only where the values turn it on', () => {
    expect(dflt.objects.some((o) => o.ref.kind === 'NetworkPolicy')).toBe(false);
    const netpol = one(prod, 'NetworkPolicy', 'app-app');
    expect(netpol.source).toMatchObject({ path: 'helm/app/templates/networkpolicy.yaml' });
    const hostNetwork = ['spec', 'template', 'spec', 'hostNetwork'];
    expect(one(prod, 'Deployment', 'app-app').object).not.toHaveProperty(hostNetwork.join('.'));
  });

  it('a multi-document template file maps each document to its own lines', () => {
    const service = one(prod, 'Service', 'app-app');
    const account = one(prod, 'ServiceAccount', 'app-app');
    expect(service.source).toMatchObject({ path: 'helm/app/templates/service.yaml', line: 1 });
    expect(account.source.path).toBe('helm/app/templates/service.yaml');
    expect(account.locate(['automountServiceAccountToken'])).toMatchObject({ path: 'helm/app/values.yaml', line: 12 });
    expect(service.locate(['spec', 'ports', 0, 'targetPort'])).toMatchObject({ path: 'helm/app/templates/service.yaml', line: 9 });
  });

  it('a subchart value set by the parent environment lands in the parent file, else in the subchart values.yaml', () => {
    const image = ['spec', 'template', 'spec', 'containers', 0, 'image'];
    expect(one(prod, 'StatefulSet', 'app-cache').locate(image)).toMatchObject({ path: 'helm/app/values-prod.yaml', line: 19 });
    expect(one(dflt, 'StatefulSet', 'app-cache').locate(image)).toMatchObject({ path: 'helm/app/values.yaml', line: 52 });
    const repo = one(dflt, 'StatefulSet', 'app-cache');
    expect(repo.object).toMatchObject({ spec: { template: { spec: { containers: [{ image: 'redis:7.2' }] } } } });
  });
});

describe('renderHelm source maps: with blocks, printf, range over a map, toYaml of a list', async () => {
  const template = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  {{- with .Values.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: {{ printf "%s:%s" .Values.image.repository .Values.image.tag }}
          {{- with .Values.securityContext }}
          securityContext:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          env:
            {{- range $k, $v := .Values.extraEnv }}
            - name: {{ $k }}
              value: {{ $v | quote }}
            {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      volumes:
      {{- toYaml .Values.volumes | nindent 8 }}
`;
  const values = `image:
  repository: nginx
  tag: "1.0"
annotations: {}
securityContext:
  runAsNonRoot: true
  capabilities:
    drop: [ALL]
extraEnv:
  A: "1"
  B: "2"
nodeSelector: {}
volumes:
  - name: tmp
    emptyDir: {}
`;
  const prodValues = `image:
  tag: "2.0"
annotations:
  team: core
securityContext:
  runAsUser: 0
extraEnv:
  B: "20"
nodeSelector:
  pool: prod
volumes:
  - name: data
    hostPath:
      path: /var/data
`;
  const snapshot = MemorySnapshot.from('t', {
    'c/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
    'c/values.yaml': values,
    'c/values-prod.yaml': prodValues,
    'c/templates/deployment.yaml': template,
  });
  const r = await renderHelm({ id: 'helm:c', kind: 'helm', root: 'c', environments: ['default', 'prod'] }, 'prod', snapshot, DEFAULT_CONFIG);
  const c = ['spec', 'template', 'spec', 'containers', 0];
  const cases: [string, (string | number)[], string, number][] = [
    ['a map under `with` + toYaml', ['metadata', 'annotations', 'team'], 'c/values-prod.yaml', 4],
    ['a printf of two values, the one prod sets', [...c, 'image'], 'c/values-prod.yaml', 2],
    ['a key prod adds to a `with` block', [...c, 'securityContext', 'runAsUser'], 'c/values-prod.yaml', 6],
    ['a key of the same block only values.yaml sets', [...c, 'securityContext', 'runAsNonRoot'], 'c/values.yaml', 6],
    ['a list item inside the block', [...c, 'securityContext', 'capabilities', 'drop', 0], 'c/values.yaml', 8],
    ['range over a map: the entry values.yaml sets', [...c, 'env', 0, 'value'], 'c/values.yaml', 10],
    ['range over a map: the entry prod overrides', [...c, 'env', 1, 'value'], 'c/values-prod.yaml', 8],
    ['a range key is template text', [...c, 'env', 1, 'name'], 'c/templates/deployment.yaml', 21],
    ['a `with` block only prod fills', ['spec', 'template', 'spec', 'nodeSelector', 'pool'], 'c/values-prod.yaml', 10],
    ['a list prod replaces', ['spec', 'template', 'spec', 'volumes', 0, 'hostPath', 'path'], 'c/values-prod.yaml', 14],
    ['a missing key of a values block: the block in the environment file', [...c, 'securityContext', 'readOnlyRootFilesystem'], 'c/values-prod.yaml', 5],
    ['a missing field nothing feeds: the template line of its parent', [...c, 'resources'], 'c/templates/deployment.yaml', 13],
  ];

  it('renders without errors', () => expect(r.errors).toEqual([]));
  it.each(cases)('%s', (_what, path, file, line) => {
    expect(one(r, 'Deployment', 'demo').locate(path)).toMatchObject({ path: file, line });
  });
});

describe('renderHelm source maps: text a named template writes maps to its line in the helper file', async () => {
  const helpers = `{{- define "demo.labels" -}}
app.kubernetes.io/name: demo
app.kubernetes.io/owner: "dns team"
app.kubernetes.io/version: {{ .Chart.Version | quote }}
team: {{ .Values.team }}
{{- end -}}
{{- define "demo.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: true
{{- end -}}
{{- define "demo.passThrough" -}}
{{- toYaml .extra -}}
{{- end -}}
`;
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: demo
  labels:
    {{- include "demo.labels" . | nindent 4 }}
    tier: web
spec:
  template:
    metadata:
      annotations:
        {{- include "demo.passThrough" (dict "extra" (dict "built" "in-template")) | nindent 8 }}
    spec:
      containers:
        - name: demo
          image: nginx
          securityContext:
            {{- include "demo.containerSecurityContext" . | nindent 12 }}
`;
  const service = `apiVersion: v1
kind: Service
metadata:
  name: demo
  labels:
    {{- include "demo.labels" . | nindent 4 }}
spec:
  ports: [{port: 80}]
`;
  const { unit, snapshot } = chart({ 'values.yaml': 'team: core\n', 'templates/_helpers.tpl': helpers, 'templates/deployment.yaml': deployment, 'templates/service.yaml': service });
  const r = await renderHelm(unit, 'default', snapshot, DEFAULT_CONFIG);
  const tpl = 'charts/demo/templates/_helpers.tpl';
  const labels = ['metadata', 'labels'];
  const sc = ['spec', 'template', 'spec', 'containers', 0, 'securityContext'];

  it('renders without errors', () => expect(r.errors).toEqual([]));

  it('a label the helper writes lands on the helper line for every object that includes it', () => {
    for (const kind of ['Deployment', 'Service']) {
      expect(one(r, kind, 'demo').locate([...labels, 'app.kubernetes.io/owner'])).toEqual({ path: tpl, line: 3 });
      expect(one(r, kind, 'demo').locate([...labels, 'app.kubernetes.io/version'])).toEqual({ path: tpl, line: 4 });
    }
  });

  it('a helper line reading values still points at the values key', () => {
    expect(one(r, 'Service', 'demo').locate([...labels, 'team'])).toMatchObject({ path: 'charts/demo/values.yaml', line: 1 });
  });

  it('a field the including template writes itself stays on its line there', () => {
    const deploy = one(r, 'Deployment', 'demo');
    expect(deploy.locate([...labels, 'tier'])).toEqual({ path: 'charts/demo/templates/deployment.yaml', line: 7 });
    expect(deploy.locate([...sc, 'runAsUser'])).toEqual({ path: 'charts/demo/templates/deployment.yaml', line: 17 });
  });

  it('a security setting written in the helper points at the helper line, which a fix edits', () => {
    expect(one(r, 'Deployment', 'demo').locate([...sc, 'allowPrivilegeEscalation'])).toEqual({ path: tpl, line: 9 });
  });

  it('a helper that only passes its argument through leaves the field on the include line', () => {
    const annotation = ['spec', 'template', 'metadata', 'annotations', 'built'];
    expect(one(r, 'Deployment', 'demo').locate(annotation)).toEqual({ path: 'charts/demo/templates/deployment.yaml', line: 12 });
  });
});

describe('renderHelm source maps: the part of a value composed of several values keys', async () => {
  const image = (from: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: demo
spec:
  template:
    spec:
      containers:
        - name: demo
          image: ${from}
`;
  const values = 'global:\n  registry: docker.io\nimage:\n  name: library/nginx\n  tag: "1.27"\n';
  const composed = '{{ .Values.global.registry }}/{{ .Values.image.name }}:{{ .Values.image.tag }}';
  const { unit, snapshot } = chart({ 'values.yaml': values, 'values-prod.yaml': 'global:\n  registry: registry.prod.example.com\n', 'templates/deployment.yaml': image(composed) });
  const prod = await renderHelm({ ...unit, environments: ['default', 'prod'] }, 'prod', snapshot, DEFAULT_CONFIG);
  const field = ['spec', 'template', 'spec', 'containers', 0, 'image'];
  const rendered = 'registry.prod.example.com/library/nginx:1.27';
  const partOf = (text: string, s = rendered) => ({ start: s.lastIndexOf(text), end: s.lastIndexOf(text) + text.length });

  it('renders the environment\'s registry with the default tag', () => {
    expect(prod.errors).toEqual([]);
    expect(one(prod, 'Deployment', 'demo').object).toMatchObject({ spec: { template: { spec: { containers: [{ image: rendered }] } } } });
  });

  it('the tag points at the key supplying it (values.yaml), the registry at the environment\'s key', () => {
    const deploy = one(prod, 'Deployment', 'demo');
    expect(deploy.locate(field, partOf('1.27'))).toMatchObject({ path: 'charts/demo/values.yaml', line: 5 });
    expect(deploy.locate(field, partOf('registry.prod.example.com'))).toMatchObject({ path: 'charts/demo/values-prod.yaml', line: 2 });
    expect(deploy.locate(field, partOf('library/nginx'))).toMatchObject({ path: 'charts/demo/values.yaml', line: 4 });
  });

  it('a part no single key supplies (template text, or several keys) points at the template line', () => {
    const deploy = one(prod, 'Deployment', 'demo');
    const templateLine = { path: 'charts/demo/templates/deployment.yaml', line: 10 };
    expect(deploy.locate(field, { start: rendered.indexOf('/'), end: rendered.indexOf('/') + 1 })).toEqual(templateLine);
    expect(deploy.locate(field, { start: 0, end: rendered.length })).toEqual(templateLine);
  });

  it('a tag the template takes from Chart.yaml when the values leave it empty points at the template line', async () => {
    const c = chart({ 'values.yaml': 'image:\n  repository: nginx\n  tag: ""\n', 'templates/deployment.yaml': image('{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.Version }}') });
    const r = await renderHelm(c.unit, 'default', c.snapshot, DEFAULT_CONFIG);
    expect(r.errors).toEqual([]);
    const deploy = one(r, 'Deployment', 'demo');
    expect(deploy.locate(field, partOf('0.1.0', 'nginx:0.1.0'))).toEqual({ path: 'charts/demo/templates/deployment.yaml', line: 10 });
    expect(deploy.locate(field, partOf('nginx', 'nginx:0.1.0'))).toMatchObject({ path: 'charts/demo/values.yaml', line: 2 });
  });

  it('one printf of two values: each part points at its own key', async () => {
    const c = chart({ 'values.yaml': 'image:\n  repository: nginx\n  tag: "1.0"\n', 'values-prod.yaml': 'image:\n  tag: "2.0"\n', 'templates/deployment.yaml': image('{{ printf "%s:%s" .Values.image.repository .Values.image.tag }}') });
    const r = await renderHelm({ ...c.unit, environments: ['default', 'prod'] }, 'prod', c.snapshot, DEFAULT_CONFIG);
    const deploy = one(r, 'Deployment', 'demo');
    expect(deploy.locate(field, partOf('2.0', 'nginx:2.0'))).toMatchObject({ path: 'charts/demo/values-prod.yaml', line: 2 });
    expect(deploy.locate(field, partOf('nginx', 'nginx:2.0'))).toMatchObject({ path: 'charts/demo/values.yaml', line: 2 });
  });

  it('a value one values key supplies whole points at that key whatever the part', async () => {
    const c = chart({ 'values.yaml': 'image: nginx:1.27\n', 'templates/deployment.yaml': image('{{ .Values.image }}') });
    const r = await renderHelm(c.unit, 'default', c.snapshot, DEFAULT_CONFIG);
    expect(one(r, 'Deployment', 'demo').locate(field, partOf('1.27', 'nginx:1.27'))).toMatchObject({ path: 'charts/demo/values.yaml', line: 1 });
  });
});

describe('renderHelm failures become findings at the line helm names', () => {
  it('a missing required value points at the template line', async () => {
    const { unit, snapshot } = chart({
      'values.yaml': 'db: {}\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\ndata:\n  host: {{ required "db.host is required" .Values.db.host }}\n',
    });
    const r = await renderHelm(unit, 'default', snapshot, DEFAULT_CONFIG);
    expect(r.objects).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ path: 'charts/demo/templates/cm.yaml', line: 6, ruleId: 'render-error' });
    expect(r.errors[0].message).toContain('db.host is required');
  });

  it('invalid YAML in an environment values file points at its line', async () => {
    const { unit, snapshot } = chart({
      'values.yaml': 'db:\n  host: a\n',
      'values-prod.yaml': 'db:\n  host: b\n  ports: [1, 2\nother: x\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\ndata:\n  host: {{ .Values.db.host }}\n',
    });
    const r = await renderHelm({ ...unit, environments: ['default', 'prod'] }, 'prod', snapshot, DEFAULT_CONFIG);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ path: 'charts/demo/values-prod.yaml', line: 3, ruleId: 'render-error' });
    expect(r.errors[0].message).toContain('values-prod.yaml');
  });

  it('invalid YAML in the chart values.yaml points at its line', async () => {
    const { unit, snapshot } = chart({
      'values.yaml': 'db:\n  host: a\n  bad: : x\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n',
    });
    const r = await renderHelm(unit, 'default', snapshot, DEFAULT_CONFIG);
    expect(r.errors).toEqual([expect.objectContaining({ path: 'charts/demo/values.yaml', line: 3, ruleId: 'render-error' })]);
  });

  it('values failing the chart schema point at the offending key in the environment file', async () => {
    const { unit, snapshot } = chart({
      'values.yaml': 'db:\n  host: a\n  port: 5432\n',
      'values-prod.yaml': 'replicas: 2\ndb:\n  port: "5432"\n',
      'values.schema.json': '{"type":"object","properties":{"db":{"type":"object","properties":{"port":{"type":"integer"}}}}}',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n',
    });
    const r = await renderHelm({ ...unit, environments: ['default', 'prod'] }, 'prod', snapshot, DEFAULT_CONFIG);
    expect(r.errors).toEqual([expect.objectContaining({ path: 'charts/demo/values-prod.yaml', line: 3, ruleId: 'render-error' })]);
    expect(r.errors[0].message).toMatch(/\/db\/port/);
  });

  it('a template that renders invalid YAML points at the template line that produced it', async () => {
    const { unit, snapshot } = chart({
      'values.yaml': 'name: demo\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\ndata:\n  a: b\n   c: d\n',
    });
    const r = await renderHelm(unit, 'default', snapshot, DEFAULT_CONFIG);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ path: 'charts/demo/templates/cm.yaml', ruleId: 'render-error' });
    expect([6, 7]).toContain(r.errors[0].line);
  });

  it('a dependency missing from charts/ is reported at its entry in Chart.yaml, without fetching it; the chart renders without it', async () => {
    const { unit, snapshot } = chart({ 'values.yaml': '', 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n' });
    const withDeps = MemorySnapshot.from('test', {
      'charts/demo/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\ndependencies:\n  - name: common\n    version: 1.0.0\n    repository: file://../common\n  - name: redis\n    version: 1.0.0\n    repository: https://charts.example.com\n',
      'charts/demo/values.yaml': snapshot.read('charts/demo/values.yaml')!,
      'charts/demo/templates/cm.yaml': snapshot.read('charts/demo/templates/cm.yaml')!,
    });
    const r = await renderHelm(unit, 'default', withDeps, DEFAULT_CONFIG);
    // rendered without them (test/render/helm-file-dependencies.test.ts), each reported at its entry
    expect(r.objects.map((o) => o.ref.name)).toEqual(['demo']);
    expect(r.errors).toEqual([
      expect.objectContaining({ path: 'charts/demo/Chart.yaml', line: 5, ruleId: 'dependency-not-vendored', message: expect.stringMatching(/^dependency "common" \(file:\/\/\.\.\/common\) names no chart of the repository \(no Chart.yaml in charts\/common\)/) }),
      expect.objectContaining({ path: 'charts/demo/Chart.yaml', line: 8, ruleId: 'dependency-not-vendored', message: expect.stringMatching(/^dependency "redis" \(https:\/\/charts.example.com\) is not vendored/) }),
    ]);
  });

  it('a file:// dependency leading outside the repository is reported at its repository line', async () => {
    const snap = MemorySnapshot.from('test', {
      'charts/demo/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\ndependencies:\n  - name: up\n    version: 1.0.0\n    repository: file://../../../elsewhere\n  - name: abs\n    version: 1.0.0\n    repository: file:///srv/charts/abs\n',
      'charts/demo/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n',
    });
    const r = await renderHelm({ id: 'helm:charts/demo', kind: 'helm', root: 'charts/demo', environments: ['default'] }, 'default', snap, DEFAULT_CONFIG);
    expect(r.errors.filter((e) => e.ruleId === 'path-escape').map((e) => [e.path, e.line])).toEqual([
      ['charts/demo/Chart.yaml', 7],
      ['charts/demo/Chart.yaml', 10],
    ]);
  });

  it('a dependency vendored as charts/*.tgz is rendered from the archive and mapped to the parent values or its Chart.yaml entry', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'gg-helm-tgz-'));
    try {
      const sub = join(repo, 'build/redis');
      mkdirSync(join(sub, 'templates'), { recursive: true });
      writeFileSync(join(sub, 'Chart.yaml'), 'apiVersion: v2\nname: redis\nversion: 1.0.0\n');
      writeFileSync(join(sub, 'values.yaml'), 'port: 6379\n');
      writeFileSync(join(sub, 'templates/svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: redis\nspec:\n  ports:\n    - port: {{ .Values.port }}\n');
      mkdirSync(join(repo, 'charts/demo/charts'), { recursive: true });
      writeFileSync(join(repo, 'charts/demo/Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\ndependencies:\n  - name: redis\n    version: 1.0.0\n    repository: https://charts.example.com\n');
      writeFileSync(join(repo, 'charts/demo/values.yaml'), 'redis:\n  port: 7000\n');
      execFileSync('tar', ['-czf', join(repo, 'charts/demo/charts/redis-1.0.0.tgz'), '-C', join(repo, 'build'), 'redis']);
      const r = await renderHelm({ id: 'helm:charts/demo', kind: 'helm', root: 'charts/demo', environments: ['default'] }, 'default', new DirSnapshot('t', repo), DEFAULT_CONFIG);
      expect(r.errors).toEqual([]);
      expect(r.objects.map((o) => o.object)).toEqual([expect.objectContaining({ kind: 'Service', spec: { ports: [{ port: 7000 }] } })]);
      // The archive's templates cannot be read: the value is found by name and value, the rest points at the dependency entry.
      expect(r.objects[0].locate(['spec', 'ports', 0, 'port'])).toMatchObject({ path: 'charts/demo/values.yaml', line: 2 });
      expect(r.objects[0].source).toEqual({ path: 'charts/demo/Chart.yaml', line: 5 });
      expect(r.objects[0].locate(['spec', 'type'])).toEqual({ path: 'charts/demo/Chart.yaml', line: 5 });
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('a chart without templates renders nothing and reports nothing', async () => {
    const { unit, snapshot } = chart({ 'values.yaml': 'a: 1\n' });
    const r = await renderHelm(unit, 'default', snapshot, DEFAULT_CONFIG);
    expect(r.errors).toEqual([]);
    expect(r.objects).toEqual([]);
  });

  it('a chart at the root of the snapshot (scan run inside the chart) renders its environments and maps to its files', async () => {
    const snapshot = MemorySnapshot.from('test', {
      'Chart.yaml': 'apiVersion: v2\nname: tiny\nversion: 0.1.0\n',
      'values.yaml': 'image: nginx:1.0\n',
      'values-prod.yaml': 'image: nginx:1.1\n',
      'templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n    - name: app\n      image: {{ .Values.image }}\n',
    });
    const [unit] = discover(snapshot).units;
    expect(unit).toMatchObject({ kind: 'helm', root: '.', environments: ['default', 'prod'] });
    const r = await renderHelm(unit, 'prod', snapshot, DEFAULT_CONFIG);
    expect(r.errors).toEqual([]);
    const pod = one(r, 'Pod', 'tiny');
    expect(pod.locate(['spec', 'containers', 0, 'image'])).toMatchObject({ path: 'values-prod.yaml', line: 1 });
    expect(pod.locate(['kind'])).toMatchObject({ path: 'templates/pod.yaml', line: 2 });
  });

  it('an object placed with .Release.Namespace is left unplaced, not put in `default`; a literal or values namespace stays', async () => {
    const cm = (name: string, ns: string) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns}`;
    const { unit, snapshot } = chart({
      'values.yaml': 'ns: default\n',
      'templates/_helpers.tpl': '{{- define "demo.namespace" -}}{{ .Release.Namespace }}{{- end -}}\n',
      'templates/cms.yaml': [
        cm('release', '  namespace: {{ .Release.Namespace }}\n'),
        cm('helper', '  namespace: {{ include "demo.namespace" . }}\n'),
        cm('none', ''),
        cm('literal', '  namespace: default\n'),
        cm('values', '  namespace: {{ .Values.ns }}\n'),
      ].join(''),
    });
    const r = await renderHelm(unit, 'default', snapshot, DEFAULT_CONFIG);
    expect(r.errors).toEqual([]);
    expect(Object.fromEntries(r.objects.map((o) => [o.ref.name, o.ref.namespace ?? null]))).toEqual({ release: null, helper: null, none: null, literal: 'default', values: 'default' });
  });

  it('a value a generated block takes from the template (a dict, .Chart) points at the template line, not at an unrelated values key', async () => {
    const { unit, snapshot } = chart({
      'values.yaml': 'extraLabels: {}\nteam: {owner: a}\n',
      'templates/_labels.tpl': '{{- define "demo.labels" -}}\n{{- toYaml (merge (dict "version" .ctx.Chart.Version) .custom) -}}\n{{- end -}}\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lbl\n  labels: {{- include "demo.labels" (dict "custom" .Values.extraLabels "ctx" $) | nindent 4 }}\n  annotations: {{- toYaml .Values.team | nindent 4 }}\n',
    });
    const r = await renderHelm(unit, 'default', snapshot, DEFAULT_CONFIG);
    expect(r.errors).toEqual([]);
    const cm = one(r, 'ConfigMap', 'lbl');
    expect(cm.locate(['metadata', 'labels', 'version'])).toMatchObject({ path: 'charts/demo/templates/cm.yaml', line: 5 });
    expect(cm.locate(['metadata', 'annotations', 'owner'])).toMatchObject({ path: 'charts/demo/values.yaml', line: 2 });
  });

  it('an environment without a values file is an error at Chart.yaml', async () => {
    const { unit, snapshot } = chart({ 'values.yaml': 'a: 1\n' });
    const r = await renderHelm(unit, 'staging', snapshot, DEFAULT_CONFIG);
    expect(r.errors[0]).toMatchObject({ path: 'charts/demo/Chart.yaml', line: 1 });
    expect(r.errors[0].message).toContain('staging');
  });
});

describe('renderHelm never reaches a cluster and renders for the configured Kubernetes version', () => {
  it('lookup returns nothing, DNS is not resolved, and Capabilities.KubeVersion is config.kubeVersion', async () => {
    const { unit, snapshot } = chart({
      'values.yaml': '',
      'templates/cm.yaml': [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: demo',
        'data:',
        '  found: {{ len (lookup "v1" "Secret" "kube-system" "") | quote }}',
        '  kube: {{ .Capabilities.KubeVersion.Version | quote }}',
        '  dns: {{ getHostByName "localhost" | quote }}',
        '',
      ].join('\n'),
    });
    const r = await renderHelm(unit, 'default', snapshot, { ...DEFAULT_CONFIG, kubeVersion: '1.33.2' });
    expect(r.errors).toEqual([]);
    expect(r.objects[0].object).toMatchObject({ data: { found: '0', kube: 'v1.33.2', dns: '' } });
  });
});
