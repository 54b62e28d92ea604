// The CLI contract of DESIGN.md, through the built binary: formats, exit codes 0/1/2, one-line errors.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = join(process.cwd(), 'bin/gitops-guard.js');
const repo = join(mkdtempSync(join(tmpdir(), 'gg-cli-')), 'repo');

function run(args: string[], cwd = process.cwd()): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  spawnSync('scripts/example-repo.sh', [repo]);
});

describe('gitops-guard --version', () => {
  it('prints the package version and exits 0', () => {
    const { version } = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(run([flag])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });
});

describe('output into a pipe closed early', () => {
  it('ends quietly (| head), no EPIPE stack trace', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" rules --format json | head -c 1`], { encoding: 'utf8' });
    expect(r.stdout).toBe('{'); // the listing (67 kB) outgrows the pipe's buffer: the writer sees the pipe close
    expect(r.stderr).toBe('');
  });
});

describe('gitops-guard review', () => {
  it('prints {findings, review, checkRun} and exits 1 on introduced high findings', () => {
    const r = run(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: { ruleId: string; path: string; line: number; refs: string[] }[]; review: { event: string; comments: unknown[] }; checkRun: { name: string; head_sha: string } };
    expect(out.findings.length).toBeGreaterThan(0);
    for (const f of out.findings) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.path).not.toMatch(/^\//);
    }
    expect(out.review.comments.length).toBeGreaterThan(0);
    expect(out.checkRun.name).toBe('gitops-guard');
    expect(out.checkRun.head_sha).toMatch(/^[0-9a-f]{40}$/);
  }, 60_000);

  it('exits 0 with --fail-on never, and renders markdown', () => {
    const r = run(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'markdown', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('GAP-6');
  }, 60_000);

  it('exits 2 with a one-line reason on an unknown ref', () => {
    const r = run(['review', '--repo', repo, '--base', 'no-such-branch']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('gitops-guard scan', () => {
  it('writes valid SARIF 2.1.0 for a folder', () => {
    const r = run(['scan', join(process.cwd(), 'examples/floe-gitops/base'), '--format', 'sarif']);
    expect([0, 1]).toContain(r.code);
    const sarif = JSON.parse(r.stdout) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  }, 60_000);

  it('exits 2 naming the file and key of an invalid config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gg-cli-config-'));
    writeFileSync(join(dir, '.gitops-guard.yml'), 'failOn: high\nreview:\n  maxComments: lots\n');
    const r = run(['scan', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.gitops-guard\.yml/);
    expect(r.stderr).toMatch(/maxComments/);
    expect(r.stderr).toMatch(/line 3|:3/);
  });

  it('exits 2 on an unknown format and 0 on a clean folder', () => {
    expect(run(['scan', '.', '--format', 'yaml']).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'gg-cli-clean-'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs/readme.md'), '# nothing to see\n');
    const r = run(['scan', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
  });
});

describe('gitops-guard rules', () => {
  it('lists every rule with the spec items it enforces', () => {
    const r = run(['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const { rules } = JSON.parse(r.stdout) as { rules: { id: string; refs: string[] }[] };
    const refs = new Set(rules.flatMap((x) => x.refs));
    for (let n = 1; n <= 10; n++) expect(refs).toContain(`GAP-${n}`);
    for (let n = 426; n <= 435; n++) expect(refs).toContain(`REQ-${n}`);
  });
});
