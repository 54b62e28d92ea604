// Threat: exhausting the reviewer. YAML alias bombs and deep nesting (manifests and config), thousands
// of documents, a 100 MB file, binary and UTF-16 files, over-budget trees and a pull request of 3,000
// files. Each is stopped by a limit and reported as a finding at its file and line, every other unit
// is still reviewed, the process exits with the documented code and its peak memory stays bounded.
import { lstatSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewChange } from '../../src/engine/review.js';
import { GitSnapshot } from '../../src/workspace/git.js';
import { pullRequest } from './support/change.js';
import { findingsOf, runCli } from './support/cli.js';
import { gitRepo, treeDir } from './support/git-repo.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\n  namespace: apps\nspec:\n  containers:\n    - name: a\n      image: nginx:latest\n';

function aliasBomb(prefix: string, levels = 9): string {
  const lines = [`${prefix}a0: &a0 "lol"`];
  for (let i = 1; i <= levels; i++) lines.push(`${prefix}a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

const deepFlow = (depth: number): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;

describe('resource exhaustion through the files of a pull request', () => {
  it('an alias bomb, deep nesting and thousands of documents each become a finding at their file; other units are still reviewed', async () => {
    const many = Array.from({ length: 300 }, (_, i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`).join('');
    const input = pullRequest({}, {
      'apps/bomb.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n${aliasBomb('  ')}`,
      'apps/deep.yaml': deepFlow(20_000),
      'apps/many.yaml': many,
      'apps/pod.yaml': POD,
    }, { limits: { renderTimeoutMs: 30_000, maxRenderOutputBytes: 1 << 20, maxFileBytes: 1 << 20, maxDocuments: 100, maxAliasCount: 100 } });
    const out = await reviewChange(input);
    const at = (path: string) => out.findings.filter((f) => f.path === path);
    const bomb = at('apps/bomb.yaml').find((f) => f.ruleId === 'limit-exceeded');
    expect(bomb?.message).toMatch(/alias/i);
    expect(bomb?.line).toBe(1);
    const deep = at('apps/deep.yaml').find((f) => /render-error|limit-exceeded/.test(f.ruleId));
    expect(deep, JSON.stringify(at('apps/deep.yaml'))).toBeDefined();
    expect(deep!.line).toBe(6);
    const many300 = at('apps/many.yaml').find((f) => f.ruleId === 'limit-exceeded');
    expect(many300?.message).toContain('300 YAML documents exceed the limit of 100');
    // the pod is still reviewed: its own findings are there
    expect(at('apps/pod.yaml').some((f) => f.ruleId === 'image-not-pinned-by-digest')).toBe(true);
    expect(out.checkRun.conclusion).toBe('failure');
  });

  it('an alias bomb or deep nesting in the config is a fatal error naming the file and line (exit 2)', () => {
    const bomb = treeDir({ 'pod.yaml': POD, '.gitops-guard.yml': `failOn: high\nextra:\n${aliasBomb('  ')}` });
    const r1 = runCli(['scan', bomb, '--format', 'json']);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/^gitops-guard: \.gitops-guard\.yml:\d+: invalid YAML: .*alias/m);
    const deep = treeDir({ 'pod.yaml': POD, '.gitops-guard.yml': `failOn: high\nrules: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n` });
    const r2 = runCli(['scan', deep, '--format', 'json']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/^gitops-guard: \.gitops-guard\.yml:\d+: /m);
    expect(r2.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('an alias bomb or deep nesting in a chart\'s values is a finding at the values file; the other environment still renders', () => {
    const chart = {
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'charts/app/values.yaml': 'name: ok\n',
      'charts/app/values-bomb.yaml': aliasBomb(''),
      'charts/app/values-deep.yaml': `name: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
      'charts/app/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name | toString | trunc 20 | quote }}\n  namespace: apps\ndata:\n  k: v\n',
    };
    const repo = gitRepo({}, chart);
    const r = runCli(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json'], { measureTree: true });
    expect(r.code, r.stderr).toBe(1);
    const findings = findingsOf(r);
    const errorsIn = (env: string) => findings.filter((f) => f.environment === env && /render-error|limit-exceeded/.test(f.ruleId));
    for (const env of ['bomb', 'deep']) {
      const e = errorsIn(env);
      expect(e.length, `${env}: ${JSON.stringify(findings.filter((f) => f.environment === env))}`).toBeGreaterThan(0);
      expect(e[0].path).toMatch(/^charts\/app\//);
      expect(e[0].line).toBeGreaterThanOrEqual(1);
    }
    expect(errorsIn('default')).toEqual([]);
    expect(r.treeMaxRssBytes!).toBeLessThan(1536 * 1024 * 1024);
  });

  it('a 100 MB manifest is reported, not read, and the scan stays within bounded memory', () => {
    const dir = treeDir({
      'apps/huge.yaml': Buffer.alloc(100 * 1024 * 1024, 'apiVersion: v1\nkind: ConfigMap\n'),
      'apps/pod.yaml': POD,
    });
    const r = runCli(['scan', dir, '--format', 'json'], { measureMemory: true });
    expect(r.code).toBe(1);
    const findings = findingsOf(r);
    const huge = findings.find((f) => f.path === 'apps/huge.yaml');
    expect(huge).toMatchObject({ ruleId: 'limit-exceeded', line: 1, severity: 'high' });
    expect(huge!.message).toContain('104857600 bytes');
    expect(huge!.message).toContain('limits.maxFileBytes');
    expect(findings.some((f) => f.path === 'apps/pod.yaml')).toBe(true);
    // the 100 MB never enters memory: the whole CLI (node + rules + yaml) stays far below it
    expect(r.maxRssBytes).toBeGreaterThan(0);
    expect(r.maxRssBytes!).toBeLessThan(350 * 1024 * 1024);
  });

  it('binary, UTF-16 and invalid UTF-8 files: binary manifests are reported, invalid UTF-8 is reviewed as text', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n  name: hidden\nspec:\n  hostPID: true\n', 'utf16le')]);
    const repo = gitRepo({}, {
      'apps/utf16.yaml': utf16,
      'apps/binary.yaml': Buffer.from([0x61, 0x3a, 0x00, 0xff, 0xfe, 0x01, 0x02]),
      'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]),
      'apps/latin1.yaml': Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n  namespace: apps\n', 'latin1'),
      'apps/pod.yaml': POD,
    });
    const r = runCli(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const findings = findingsOf(r);
    for (const path of ['apps/utf16.yaml', 'apps/binary.yaml']) {
      expect(findings.find((f) => f.path === path)).toMatchObject({ ruleId: 'binary-file', line: 1, severity: 'high', introduced: true });
    }
    expect(findings.some((f) => f.path === 'assets/logo.png')).toBe(false);
    expect(findings.some((f) => f.path === 'apps/latin1.yaml' && /error/.test(f.ruleId))).toBe(false);
    expect(findings.some((f) => f.path === 'apps/pod.yaml' && f.ruleId === 'image-not-pinned-by-digest')).toBe(true);

    const snap = await GitSnapshot.load(repo, 'pr');
    expect(snap.read('apps/latin1.yaml')).toContain('name: caf\ufffd');
    expect(snap.skipped().map((s) => `${s.path}:${s.reason}`).sort()).toEqual(['apps/binary.yaml:binary', 'apps/utf16.yaml:binary', 'assets/logo.png:binary']);
  });

  it('a repository over the memory budget keeps its small files and reports the largest ones it left out', async () => {
    const big = (n: number): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  k: "${'x'.repeat(n)}"\n`;
    const repo = gitRepo({}, { 'a/one.yaml': big(40_000), 'a/two.yaml': big(50_000), 'a/pod.yaml': POD });
    const snap = await GitSnapshot.load(repo, 'pr', { maxFileBytes: 45_000, maxTotalBytes: 1_000 });
    expect(snap.list().sort()).toEqual(['README.md', 'a/pod.yaml']);
    expect(snap.skipped()).toEqual([
      { path: 'a/one.yaml', reason: 'over-budget', bytes: Buffer.byteLength(big(40_000)) },
      { path: 'a/two.yaml', reason: 'too-large', bytes: Buffer.byteLength(big(50_000)) },
    ]);
  });

  it('the checkout written to disk for the renderers stays within the same limits (no disk filled by compressible giants)', async () => {
    const big = (n: number): string => `k: "${'x'.repeat(n)}"\n`;
    const repo = gitRepo({}, { 'a/one.yaml': big(40_000), 'a/two.yaml': big(50_000), 'a/three.yaml': big(30_000), 'a/pod.yaml': POD, 'a/link.yaml': { symlink: 'pod.yaml' } });
    const snap = await GitSnapshot.load(repo, 'pr', { maxFileBytes: 45_000, maxTotalBytes: 40_000 });
    const dir = await snap.materialize();
    const onDisk = (p: string): number | undefined => statSync(join(dir, p), { throwIfNoEntry: false })?.size;
    expect(onDisk('a/two.yaml')).toBeUndefined(); // over maxFileBytes
    expect(onDisk('a/pod.yaml')).toBe(Buffer.byteLength(POD));
    expect(lstatSync(join(dir, 'a/link.yaml')).isSymbolicLink()).toBe(true);
    const total = ['a/one.yaml', 'a/two.yaml', 'a/three.yaml', 'a/pod.yaml', 'README.md'].reduce((n, p) => n + (onDisk(p) ?? 0), 0);
    expect(total).toBeLessThanOrEqual(40_000);
  });

  it('a file over the configured limits.maxFileBytes is reported in review, through git', () => {
    // the target branch's config governs the review
    const repo = gitRepo({ '.gitops-guard.yml': 'limits:\n  maxFileBytes: 65536\n' }, {
      'apps/big.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  k: "${'x'.repeat(200_000)}"\n`,
      'apps/pod.yaml': POD,
    });
    const r = runCli(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const findings = findingsOf(r);
    expect(findings.find((f) => f.path === 'apps/big.yaml')).toMatchObject({ ruleId: 'limit-exceeded', line: 1, introduced: true });
    expect(findings.find((f) => f.path === 'apps/big.yaml')!.message).toContain('over the limit of 65536 bytes');
  });

  it('a pull request of 3,000 files is reviewed whole, within GitHub limits, in bounded memory', () => {
    const head: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) head[`apps/team-${i % 30}/cm-${i}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: team-${i % 30}\ndata:\n  k: v\n`;
    head['apps/pod.yaml'] = POD;
    const repo = gitRepo({}, head);
    const r = runCli(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json'], { measureMemory: true });
    expect(r.code, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout) as { review: { comments: unknown[] }; checkRun: { output: { summary: string; text: string; annotations: unknown[] } } };
    expect(out.review.comments.length).toBeLessThanOrEqual(30);
    expect(out.checkRun.output.summary.length).toBeLessThanOrEqual(65_535);
    expect(out.checkRun.output.text.length).toBeLessThanOrEqual(65_535);
    expect(out.checkRun.output.summary).toContain('reviewed 3001 units');
    expect(r.maxRssBytes!).toBeLessThan(1024 * 1024 * 1024);
  });
});
