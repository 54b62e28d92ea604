// Threat: bad input of every kind in one pull request. Each broken unit yields a finding naming its
// file and line, every other unit is still reviewed, and the CLI exits with the documented code (1 for
// findings at or above the threshold, 2 with a one-line reason for an unusable config).
import { describe, expect, it } from 'vitest';
import { findingsOf, runCli } from './support/cli.js';
import { gitRepo, type Tree } from './support/git-repo.js';

const chart = (name: string, files: Tree): Tree => Object.fromEntries([
  [`charts/${name}/Chart.yaml`, `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`],
  ...Object.entries(files).map(([p, t]) => [`charts/${name}/${p}`, t]),
]);

const GOOD_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: good\n  namespace: apps\nspec:\n  containers:\n    - name: a\n      image: nginx:latest\n';

const BROKEN: Tree = {
  // invalid YAML: the error is on line 4
  'apps/invalid.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x: y\ndata:\n  k: v\n',
  // a Helm template error on line 3 of the template
  ...chart('tplerr', { 'values.yaml': 'a: 1\n', 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\n{{ .Values.a | nosuchfunction }}\n' }),
  // `required` fails for the prod environment only
  ...chart('required', {
    'values.yaml': 'image: nginx\n',
    'values-prod.yaml': 'image: ""\n',
    'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: req\ndata:\n  image: {{ required "image is required" .Values.image | quote }}\n',
  }),
  // a chart without templates and a chart whose dependency is missing
  ...chart('empty', { 'values.yaml': 'x: 1\n' }),
  'charts/deps/Chart.yaml': 'apiVersion: v2\nname: deps\nversion: 0.1.0\ndependencies:\n  - name: redis\n    version: 1.0.0\n    repository: https://charts.example.com\n',
  'charts/deps/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deps\n',
  // unknown kinds and CRDs are objects like any other: no crash, no false error
  'apps/crd.yaml': 'apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n---\napiVersion: v1\nkind: NoSuchKind\nmetadata:\n  name: n\n',
  // empty files
  'apps/empty.yaml': '',
  'apps/only-comments.yaml': '# nothing here\n---\n',
  // a kustomization naming a file that does not exist, on line 3
  'overlays/prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - missing.yaml\n',
  'apps/good.yaml': GOOD_POD,
};

describe('bad input of every kind', () => {
  it('every broken unit is a finding at its file and line; the good unit is still reviewed; exit 1', () => {
    const repo = gitRepo({}, BROKEN);
    const r = runCli(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const findings = findingsOf(r);
    const errorAt = (path: string) => findings.filter((f) => f.path === path && /render-error|limit-exceeded|path-escape/.test(f.ruleId));

    expect(errorAt('apps/invalid.yaml').map((f) => f.line)).toEqual([4]);
    expect(errorAt('charts/tplerr/templates/cm.yaml')[0]?.message).toMatch(/nosuchfunction/);
    expect(errorAt('charts/tplerr/templates/cm.yaml')[0]?.line).toBe(3);
    const req = findings.find((f) => f.ruleId === 'render-error' && /image is required/.test(f.message));
    expect(req?.path).toMatch(/^charts\/required\/(values-prod\.yaml|templates\/cm\.yaml)$/);
    expect(req?.message).toContain('prod');
    // a dependency that is not vendored: the chart is rendered without it, and that is reported
    expect(findings.find((f) => f.path === 'charts/deps/Chart.yaml' && f.ruleId === 'dependency-not-vendored')).toMatchObject({ line: 5, severity: 'medium', message: expect.stringMatching(/"redis"/) });
    expect(errorAt('overlays/prod/kustomization.yaml')[0]).toMatchObject({ line: 4 });
    expect(errorAt('overlays/prod/kustomization.yaml')[0].message).toContain('missing.yaml');

    // no error for valid-but-unusual input
    for (const p of ['apps/crd.yaml', 'apps/empty.yaml', 'apps/only-comments.yaml']) expect(errorAt(p)).toEqual([]);
    expect(findings.filter((f) => f.path.startsWith('charts/empty/') && f.ruleId === 'render-error')).toEqual([]);
    // every finding names a real line
    for (const f of findings) expect(f.line).toBeGreaterThanOrEqual(1);
    // the good unit is reviewed alongside the broken ones
    expect(findings.some((f) => f.path === 'apps/good.yaml' && f.ruleId === 'image-not-pinned-by-digest')).toBe(true);
  });

  it("an invalid .github/gitops-guard.yml in the change is a finding at its line; in the target branch it stops the review (exit 2)", () => {
    const repo = gitRepo({}, { '.github/gitops-guard.yml': 'failOn: high\nreview:\n  maxComments: lots\n', 'apps/good.yaml': GOOD_POD });
    const r = runCli(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const findings = findingsOf(r);
    expect(findings.find((f) => f.ruleId === 'config-error')).toMatchObject({ path: '.github/gitops-guard.yml', line: 3, severity: 'high', introduced: true });
    expect(findings.some((f) => f.path === 'apps/good.yaml')).toBe(true);

    const base = gitRepo({ '.github/gitops-guard.yml': 'failOn: high\nreview:\n  maxComments: lots\n' }, { 'apps/good.yaml': GOOD_POD });
    const r1 = runCli(['review', '--repo', base, '--base', 'main', '--head', 'pr', '--format', 'json']);
    expect(r1.code).toBe(2);
    expect(r1.stdout).toBe('');
    expect(r1.stderr.trim().split('\n')).toHaveLength(1);
    expect(r1.stderr).toMatch(/\.github\/gitops-guard\.yml:3: .*review\.maxComments/);

    const syntax = gitRepo({ '.github/gitops-guard.yml': 'failOn: high\nreview: [\n  x\n' }, { 'apps/good.yaml': GOOD_POD });
    const r2 = runCli(['review', '--repo', syntax, '--base', 'main', '--head', 'pr']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/\.github\/gitops-guard\.yml:[2-4]: invalid YAML/);
  });

  it('usage errors exit 2 with one line; a clean change exits 0', () => {
    const repo = gitRepo({}, { 'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: apps\ndata:\n  k: v\n' });
    expect(runCli(['review', '--repo', repo, '--base', 'no-such-ref', '--head', 'pr']).code).toBe(2);
    const bad = runCli(['scan', repo, '--format', 'html']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const clean = runCli(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json', '--fail-on', 'critical']);
    expect(clean.code, clean.stdout).toBe(0);
  });
});
