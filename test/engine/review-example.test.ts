// Acceptance: a branch that changes a chart's values-prod.yaml, a template and a plain manifest gets
// findings with the right path and line in all three kinds of file, and GitHub-valid bodies.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import { loadConfig } from '../../src/config/config.js';
import { reviewChange } from '../../src/engine/review.js';
import type { ReviewOutput } from '../../src/engine/review-types.js';
import { changedFiles, GitSnapshot, mergeBase } from '../../src/workspace/git.js';
import { bodyErrors } from '../support/openapi-body.js';

const repo = join(mkdtempSync(join(tmpdir(), 'gg-example-')), 'repo');
let out: ReviewOutput;
let head: GitSnapshot;

function lineOf(path: string, needle: string): number {
  const lines = head.read(path)!.split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${path}`);
  return i + 1;
}

const withRef = (ref: string) => (f: Finding) => f.refs.includes(ref);

beforeAll(async () => {
  execFileSync('scripts/example-repo.sh', [repo]);
  head = await GitSnapshot.load(repo, 'pr');
  const base = await GitSnapshot.load(repo, await mergeBase(repo, 'main', 'pr'));
  out = await reviewChange({
    base, head, changedFiles: await changedFiles(repo, 'main', 'pr'), config: loadConfig((p) => head.read(p)).config, headSha: head.ref,
  });
}, 120_000);

describe('review of the example pull request', () => {
  it('puts the prod image tag finding on the values-prod.yaml line', () => {
    const gap6 = out.findings.filter(withRef('GAP-6')).filter((f) => f.environment === 'prod' && f.introduced);
    expect(gap6.map((f) => [f.path, f.line])).toContainEqual(['charts/floe-platform/values-prod.yaml', lineOf('charts/floe-platform/values-prod.yaml', 'tag: "0.9.1"')]);
  });

  it('puts the disabled prod NetworkPolicy on its values line', () => {
    const gap2 = out.findings.filter(withRef('GAP-2')).filter((f) => f.introduced);
    expect(gap2.map((f) => [f.path, f.line])).toContainEqual(['charts/floe-platform/values-prod.yaml', lineOf('charts/floe-platform/values-prod.yaml', 'enabled: false')]);
  });

  it('puts the root init container on the template line', () => {
    const gap5 = out.findings.filter(withRef('GAP-5')).filter((f) => f.introduced);
    expect(gap5.length).toBeGreaterThan(0);
    const tpl = 'charts/floe-platform/templates/statefulset-postgresql.yaml';
    expect(gap5.every((f) => f.path === tpl)).toBe(true);
    const first = lineOf(tpl, 'init-permissions');
    const last = lineOf(tpl, 'runAsUser: 0');
    expect(gap5.some((f) => f.line >= first && f.line <= last)).toBe(true);
  });

  it('finds static AWS keys in the plain manifest on their lines, redacted', () => {
    const job = 'jobs/dbt-run.yaml';
    const onJob = out.findings.filter((f) => f.path === job && f.introduced);
    expect(onJob.filter(withRef('REQ-433')).map((f) => f.line)).toContain(lineOf(job, 'q8Rt2xVb'));
    const secretLine = lineOf(job, 'q8Rt2xVb');
    expect(onJob.filter(withRef('REQ-429')).map((f) => f.line)).toContain(secretLine);
    expect(JSON.stringify(out)).not.toContain('q8Rt2xVb7LmN4pZs9KdF3hJw6YcA1eGu5TiO0nXv');
  });

  it('produces request bodies GitHub accepts, with suggestions inside the diff', () => {
    expect(bodyErrors('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', out.review)).toEqual([]);
    const batch = { ...out.checkRun, output: { ...out.checkRun.output, annotations: out.checkRun.output.annotations.slice(0, 50) } };
    expect(bodyErrors('POST', '/repos/{owner}/{repo}/check-runs', batch)).toEqual([]);
    expect(out.checkRun.head_sha).toBe(head.ref);
    expect(out.checkRun.conclusion).toBe('failure');
    expect(out.review.comments.length).toBeGreaterThan(0);
    expect(out.review.comments.some((c) => c.body.includes('```suggestion'))).toBe(true);
  });

  it('reports what changes in the cluster per unit and environment', () => {
    const prod = out.renderDiffs.find((d) => d.unit === 'charts/floe-platform' && d.environment === 'prod');
    expect(prod?.diff).toContain('apache/polaris:0.9.1');
    expect(prod?.diff).toContain('-kind: NetworkPolicy');
  });
});
