import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import { buildCheckRun } from '../../src/report/check-run.js';
import { GITHUB_TEXT_LIMIT } from '../../src/report/github-bodies.js';
import { bodyErrors } from '../support/openapi-body.js';

const base = { failOn: 'high' as const, headSha: 'b'.repeat(40), onlyIntroduced: true, renderDiffs: [], resolved: [], leftOut: [], units: ['charts/app'] };
const f = (over: Partial<Finding>): Finding => ({ ruleId: 'r', refs: ['GAP-1'], severity: 'high', message: 'm', path: 'a.yaml', line: 3, introduced: true, fingerprint: 'f', ...over });

describe('buildCheckRun', () => {
  it('fails on introduced findings at or above failOn, not on pre-existing ones', () => {
    expect(buildCheckRun([f({})], base).conclusion).toBe('failure');
    expect(buildCheckRun([f({ introduced: false })], base).conclusion).toBe('success');
    expect(buildCheckRun([f({ severity: 'medium' })], base).conclusion).toBe('success');
    expect(buildCheckRun([f({})], { ...base, failOn: 'never' }).conclusion).toBe('success');
  });

  it('annotates every finding with a level by severity', () => {
    const run = buildCheckRun([f({ severity: 'critical' }), f({ severity: 'medium', line: 9, endLine: 12 }), f({ severity: 'info' })], base);
    expect(run.output.annotations.map((a) => [a.annotation_level, a.start_line, a.end_line])).toEqual([['failure', 3, 3], ['warning', 9, 12], ['notice', 3, 3]]);
  });

  it('stays under GitHub\'s 65,535 characters with a note, and validates against the OpenAPI schema', () => {
    const huge = { unit: 'charts/app', environment: 'prod', diff: '+x\n'.repeat(40_000) };
    const run = buildCheckRun(Array.from({ length: 3000 }, (_, i) => f({ line: i + 1, message: 'long message '.repeat(5) })), { ...base, renderDiffs: [huge] });
    expect(run.output.summary.length).toBeLessThan(GITHUB_TEXT_LIMIT);
    expect(run.output.text!.length).toBeLessThan(GITHUB_TEXT_LIMIT);
    expect(run.output.text).toContain('truncated');
    expect(run.output.summary).toContain('truncated');
    const firstBatch = { ...run, output: { ...run.output, annotations: run.output.annotations.slice(0, 50) } };
    expect(bodyErrors('POST', '/repos/{owner}/{repo}/check-runs', firstBatch)).toEqual([]);
  });

  it('puts the rendered diff in a collapsed section', () => {
    const run = buildCheckRun([], { ...base, renderDiffs: [{ unit: 'charts/app', environment: 'prod', diff: '-a: 1\n+a: 2' }] });
    expect(run.output.summary).toMatch(/<details><summary>charts\/app · prod<\/summary>[\s\S]*```diff\n-a: 1\n\+a: 2\n```/);
  });
});
