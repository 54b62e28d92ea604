// Threat: reading outside the checkout. Symlinks in the tree (to /proc/self/environ, /etc/passwd,
// ~/.ssh), `.Files.Get` through them, `../` and absolute paths and remote bases in kustomizations,
// helm `file://` dependencies outside the repository. Nothing outside the repository snapshot is read,
// and a finding says what was refused.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirSnapshot } from '../../src/workspace/dir-snapshot.js';
import { findingsOf, runCli } from './support/cli.js';
import { gitRepo, tempDir, treeDir, type Tree } from './support/git-repo.js';

const MARKER = 'OUTSIDE-THE-REPO-7c1e';

/** A fake HOME with an ssh key and a folder outside any repository, both carrying MARKER. */
function outside(): { home: string; dir: string } {
  const home = tempDir('gg-home-');
  mkdirSync(join(home, '.ssh'));
  writeFileSync(join(home, '.ssh', 'id_rsa'), `-----BEGIN OPENSSH PRIVATE KEY-----\n${MARKER}\n-----END OPENSSH PRIVATE KEY-----\n`);
  const dir = tempDir('gg-outside-');
  writeFileSync(join(dir, 'cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside\ndata:\n  m: ${MARKER}\n`);
  writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - cm.yaml\n');
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: outside\nversion: 1.0.0\n');
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'templates', 'cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside-chart\ndata:\n  m: ${MARKER}\n`);
  return { home, dir };
}

function expectNothingFromOutside(text: string): void {
  expect(text).not.toContain(MARKER);
  expect(text).not.toMatch(/root:x:0:0/);
  expect(text).not.toContain('PLANTED_ENV_VALUE_31337');
}

function leakyTree(home: string, dir: string): Tree {
  return {
    // symlinks a chart reads with .Files.Get / .Files.Glob
    'charts/leak/Chart.yaml': 'apiVersion: v2\nname: leak\nversion: 0.1.0\n',
    'charts/leak/values.yaml': 'x: 1\n',
    'charts/leak/files/environ': { symlink: '/proc/self/environ' },
    'charts/leak/files/passwd': { symlink: '/etc/passwd' },
    'charts/leak/files/ssh': { symlink: join(home, '.ssh') },
    'charts/leak/files/outside': { symlink: dir },
    'charts/leak/templates/cm.yaml': [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: leak',
      'data:',
      '  environ: {{ .Files.Get "files/environ" | quote }}',
      '  passwd: {{ .Files.Get "files/passwd" | quote }}',
      '  key: {{ .Files.Get "files/ssh/id_rsa" | quote }}',
      '  glob: {{ range $p, $_ := .Files.Glob "files/**" }}{{ $p }}={{ $.Files.Get $p | b64enc }} {{ end }}',
      '',
    ].join('\n'),
    // a symlinked template: helm would load it as a template of the chart
    'charts/leak/templates/outside.yaml': { symlink: join(dir, 'templates', 'cm.yaml') },
    // a helm dependency outside the repository
    'charts/deps/Chart.yaml': `apiVersion: v2\nname: deps\nversion: 0.1.0\ndependencies:\n  - name: outside\n    version: 1.0.0\n    repository: file://${dir}\n  - name: up\n    version: 1.0.0\n    repository: file://../../..\n`,
    'charts/deps/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deps\n',
    // kustomizations reaching out: ../ beyond the repo, absolute, remote, through a symlinked folder
    'overlays/escape/kustomization.yaml': [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      '  - ../../../outside/cm.yaml',
      `  - ${dir}/cm.yaml`,
      '  - github.com/example/repo//base?ref=main',
      '  - https://raw.githubusercontent.com/example/repo/main/cm.yaml',
      '  - link/cm.yaml',
      'configMapGenerator:',
      '  - name: stolen',
      '    files:',
      '      - passwd=link-etc/passwd',
      '      - environ=environ',
      '',
    ].join('\n'),
    'overlays/escape/link': { symlink: dir },
    'overlays/escape/link-etc': { symlink: '/etc' },
    'overlays/escape/environ': { symlink: '/proc/self/environ' },
    'apps/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: apps\nspec:\n  containers:\n    - name: a\n      image: nginx:latest\n',
  };
}

describe('nothing outside the repository is read', () => {
  it('review (git): symlinks, .Files.Get, file:// dependencies, ../, absolute and remote kustomize entries are refused with findings', () => {
    const { home, dir } = outside();
    const repo = gitRepo({}, leakyTree(home, dir));
    const r = runCli(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json'], { env: { HOME: home, PLANTED_ENV: 'PLANTED_ENV_VALUE_31337' } });
    expect(r.code, r.stderr).toBe(1);
    expectNothingFromOutside(r.stdout + r.stderr);
    const findings = findingsOf(r);
    const at = (path: string) => findings.filter((f) => f.path === path);

    // the chart renders, with the symlinked files simply absent
    expect(at('charts/leak/templates/cm.yaml').some((f) => f.ruleId === 'render-error')).toBe(false);
    const out = JSON.parse(r.stdout) as { checkRun: { output: { summary: string } } };
    expect(out.checkRun.output.summary).toContain('environ: ""');

    // the chart renders without them; each is refused at its Chart.yaml entry
    const deps = findings.filter((f) => f.path === 'charts/deps/Chart.yaml' && f.ruleId === 'path-escape');
    expect(deps.map((f) => f.line).sort((a, b) => a - b)).toEqual([7, 10]);
    expect(deps.every((f) => /leads outside the repository/.test(f.message))).toBe(true);

    const k = at('overlays/escape/kustomization.yaml').filter((f) => /path-escape|render-error/.test(f.ruleId));
    const refusedLines = new Set(k.map((f) => f.line));
    for (const line of [4, 5, 6, 7, 8, 12, 13]) expect(refusedLines.has(line), `line ${line}: ${JSON.stringify(k)}`).toBe(true);
    expect(k.find((f) => f.line === 6)?.ruleId).toBe('path-escape');
    expect(k.find((f) => f.line === 6)?.message).toMatch(/remote/);
    // the unrelated pod is still reviewed
    expect(at('apps/pod.yaml').some((f) => f.ruleId === 'image-not-pinned-by-digest')).toBe(true);
  });

  it('scan (a checkout on disk): the same tree reads nothing through its symlinks', () => {
    const { home, dir } = outside();
    const tree = treeDir(leakyTree(home, dir));
    const r = runCli(['scan', tree, '--format', 'json'], { env: { HOME: home, PLANTED_ENV: 'PLANTED_ENV_VALUE_31337' } });
    expect(r.code, r.stderr).toBe(1);
    expectNothingFromOutside(r.stdout + r.stderr);
    const k = findingsOf(r).filter((f) => f.path === 'overlays/escape/kustomization.yaml');
    expect(k.length).toBeGreaterThan(0);
  });

  it('a directory snapshot never serves a path through a symlink, a symlinked folder or outside its root', () => {
    const { dir } = outside();
    const root = treeDir({ 'a/real.yaml': 'k: v\n', 'a/link': { symlink: dir }, 'file-link.yaml': { symlink: join(dir, 'cm.yaml') } });
    const snap = new DirSnapshot('t', root);
    expect(snap.list()).toEqual(['a/real.yaml']);
    expect(snap.read('a/real.yaml')).toBe('k: v\n');
    for (const p of ['a/link/cm.yaml', 'file-link.yaml', '../' + dir.split('/').pop() + '/cm.yaml', `${dir}/cm.yaml`, 'a/../a/link/cm.yaml']) {
      expect(snap.read(p), p).toBeUndefined();
    }
  });
});
