// The app's decisions, each on its own: which threads to leave or resolve, which comments GitHub
// would place, when a job is a duplicate, how errors complete the check run, how configs merge.
import { describe, expect, it } from 'vitest';
import { Deadline, DeadlineError, during, failureReportOf, safeMessage, withDeadline } from '../../../src/app/failure.js';
import type { ReviewJob } from '../../../src/app/review-job.js';
import { externalIdOf, planRun } from '../../../src/app/run-plan.js';
import { startServer } from '../../../src/app/server.js';
import { ConfigError } from '../../../src/config/config.js';
import { annotationBatches, retryDelayMs, withRetries } from '../../../src/github/check-runs.js';
import { mergeConfigs } from '../../../src/github/config.js';
import type { ReviewThread } from '../../../src/github/pull-request.js';
import { placeable } from '../../../src/github/reviews.js';
import { planThreads } from '../../../src/github/threads.js';
import type { CheckAnnotation } from '../../../src/report/github-bodies.js';
import { FINGERPRINT_MARKER } from '../../../src/report/review-comments.js';

const thread = (id: string, fps: string[], isResolved = false): ReviewThread => ({
  id, isResolved, path: 'a.yaml', firstCommentBody: `finding\n\n${fps.map((fp) => `<!-- ${FINGERPRINT_MARKER}${fp} -->`).join('\n')}`,
});

describe('planThreads', () => {
  it('keeps open threads whose findings remain, resolves those whose findings are all gone', () => {
    const plan = planThreads([thread('T1', ['aa']), thread('T2', ['bb', 'cc']), thread('T3', ['dd'])], new Set(['aa', 'cc']));
    expect([...plan.alreadyCommented].sort()).toEqual(['aa', 'bb', 'cc']);
    expect(plan.toResolve.map((t) => t.id)).toEqual(['T3']);
  });

  it('ignores threads without gitops-guard markers', () => {
    const human: ReviewThread = { id: 'H', isResolved: false, path: 'a.yaml', firstCommentBody: 'please rename this' };
    const plan = planThreads([human], new Set(['aa']));
    expect(plan).toEqual({ alreadyCommented: new Set(), toResolve: [], commentedBefore: 0 });
  });

  it('counts the findings of a thread a person resolved as commented while they remain, never resolving it again', () => {
    const plan = planThreads([thread('T1', ['aa'], true), thread('T2', ['bb'], true), thread('T3', ['cc'])], new Set(['aa']));
    expect([...plan.alreadyCommented]).toEqual(['aa']);
    expect(plan.toResolve.map((t) => t.id)).toEqual(['T3']);
    expect(plan.commentedBefore).toBe(3);
  });
});

describe('placeable', () => {
  const patches = new Map<string, string | undefined>([['a.yaml', '@@ -1,3 +1,4 @@\n a\n+b\n c\n d\n@@ -20,2 +21,3 @@\n x\n+y\n z'], ['bin.dat', undefined]]);
  const c = (path: string, line: number, start_line?: number) => ({ path, line, side: 'RIGHT' as const, body: 'x', ...(start_line ? { start_line, start_side: 'RIGHT' as const } : {}) });

  it('accepts lines and ranges inside one hunk', () => {
    expect(placeable(c('a.yaml', 2), patches)).toBe(true);
    expect(placeable(c('a.yaml', 4, 1), patches)).toBe(true);
    expect(placeable(c('a.yaml', 23, 21), patches)).toBe(true);
  });

  it('refuses lines off the diff, ranges across hunks, files without a patch', () => {
    expect(placeable(c('a.yaml', 10), patches)).toBe(false);
    expect(placeable(c('a.yaml', 22, 3), patches)).toBe(false);
    expect(placeable(c('bin.dat', 1), patches)).toBe(false);
    expect(placeable(c('other.yaml', 1), patches)).toBe(false);
  });
});

describe('planRun', () => {
  const job: ReviewJob = { installationId: 1, owner: 'o', repo: 'r', pullNumber: 1, headSha: 'abc', deliveryId: 'd1' };
  const now = Date.parse('2026-01-01T12:00:00Z');
  const run = (id: number, status: string, externalId: string | null, startedAt = '2026-01-01T11:59:00Z') => ({ id, status, conclusion: status === 'completed' ? 'success' : null, externalId, startedAt });

  it('starts when the SHA has no check run', () => {
    expect(planRun([], job, now)).toEqual({ start: true });
  });

  it('skips a redelivery even when a re-run was asked for', () => {
    expect(planRun([run(1, 'completed', 'd1')], { ...job, rerun: true }, now)).toEqual({ skip: expect.stringMatching(/redelivered/) });
  });

  it('skips a SHA already reviewed or being reviewed, unless a re-run was asked for', () => {
    expect(planRun([run(1, 'completed', 'd0')], job, now)).toEqual({ skip: expect.stringMatching(/already reviewed/) });
    expect(planRun([run(1, 'in_progress', 'd0')], job, now)).toEqual({ skip: expect.stringMatching(/in progress/) });
    expect(planRun([run(1, 'in_progress', 'd1')], { ...job, rerun: true }, now)).toEqual({ skip: expect.stringMatching(/in progress/) });
    expect(planRun([run(1, 'completed', 'd0')], { ...job, rerun: true }, now)).toEqual({ start: true });
  });

  it('resumes a run left in_progress long ago (its worker died) instead of leaving it stuck', () => {
    expect(planRun([run(7, 'in_progress', 'd1', '2026-01-01T10:00:00Z')], job, now)).toEqual({ resume: 7 });
    expect(planRun([run(8, 'in_progress', 'd0', '2026-01-01T10:00:00Z')], job, now)).toEqual({ resume: 8 });
  });

  it('tells reviews apart by PR and base, not only head: the same head in another PR or on another base is reviewed', () => {
    const intoMain = { pullNumber: 1, baseSha: 'a'.repeat(40) };
    const backport = { pullNumber: 2, baseSha: 'b'.repeat(40) };
    const of = (id: number, status: string, subject: { pullNumber: number; baseSha: string }, deliveryId = 'd0') => run(id, status, externalIdOf({ ...subject, deliveryId }));
    expect(planRun([of(1, 'completed', intoMain)], { ...job, ...intoMain }, now)).toEqual({ skip: expect.stringMatching(/already reviewed/) });
    expect(planRun([of(1, 'completed', intoMain)], { ...job, ...backport }, now)).toEqual({ start: true });
    expect(planRun([of(1, 'completed', intoMain)], { ...job, ...intoMain, baseSha: 'c'.repeat(40) }, now)).toEqual({ start: true });
    expect(planRun([of(1, 'in_progress', intoMain)], { ...job, ...backport }, now)).toEqual({ start: true });
    expect(planRun([of(1, 'in_progress', intoMain, 'd0'), of(2, 'in_progress', backport, 'd0')].map((r) => ({ ...r, startedAt: '2026-01-01T10:00:00Z' })), { ...job, ...backport }, now)).toEqual({ resume: 2 });
    // One check_suite delivery names both PRs: the second is not a redelivery of the first.
    expect(planRun([of(1, 'completed', intoMain, 'd1')], { ...job, ...backport, rerun: true }, now)).toEqual({ start: true });
    expect(planRun([of(1, 'completed', backport, 'd1')], { ...job, ...backport, rerun: true }, now)).toEqual({ skip: expect.stringMatching(/redelivered/) });
  });
});

describe('failureReportOf', () => {
  it('names the file and line of an invalid config and annotates it when it is in this repository', () => {
    const local = failureReportOf(new ConfigError('invalid config: "failOn" must be equal to one of the allowed values', '.github/gitops-guard.yml', 3));
    expect(local.conclusion).toBe('failure');
    expect(local.title).toContain('.github/gitops-guard.yml:3');
    expect(local.annotations).toEqual([expect.objectContaining({ path: '.github/gitops-guard.yml', start_line: 3 })]);
    const org = failureReportOf(new ConfigError('bad', 'floe/.github:.github/gitops-guard.yml', 2));
    expect(org.title).toContain('floe/.github:.github/gitops-guard.yml:2');
    expect(org.annotations).toEqual([]);
  });

  it('times out as timed_out, GitHub errors as neutral, anything else as failure', () => {
    expect(failureReportOf(new DeadlineError(1000)).conclusion).toBe('timed_out');
    expect(failureReportOf(Object.assign(new Error('Bad gateway'), { status: 502 }))).toMatchObject({ conclusion: 'neutral', title: 'GitHub API error (502)' });
    expect(failureReportOf(new TypeError('x is undefined')).conclusion).toBe('failure');
  });

  it('names the request GitHub refused, keeping its status', async () => {
    const notFound = Object.assign(new Error('Not Found - https://docs.github.com/rest'), { status: 404 });
    const error = await during('downloading the head tarball', Promise.reject(notFound)).catch((e: unknown) => e);
    expect(failureReportOf(error)).toMatchObject({ conclusion: 'neutral', title: 'GitHub API error (404)', summary: expect.stringMatching(/^gitops-guard could not finish because downloading the head tarball: GitHub answered 404: Not Found/) });
    const crash = new TypeError('x is undefined');
    await expect(during('listing the pull request files', Promise.reject(crash))).rejects.toBe(crash);
  });

  it('never repeats a credential from an error message', () => {
    const msg = safeMessage(new Error('request with token ghs_0123456789abcdefghij0123 failed\nstack'));
    expect(msg).not.toContain('ghs_0123456789');
    expect(msg).not.toContain('stack');
  });
});

describe('withDeadline', () => {
  it('rejects with DeadlineError when the work is slower', async () => {
    await expect(withDeadline(new Promise(() => undefined), 20)).rejects.toBeInstanceOf(DeadlineError);
    await expect(withDeadline(Promise.resolve(7), 1000)).resolves.toBe(7);
  });

  it('lets work finish past the deadline once disarmed', async () => {
    const deadline = new Deadline(20);
    const work = new Promise((r) => setTimeout(() => r('done'), 80));
    setTimeout(() => deadline.disarm(), 5);
    await expect(deadline.race(work)).resolves.toBe('done');
  });
});

describe('annotationBatches', () => {
  const a: CheckAnnotation = { path: 'a', start_line: 1, end_line: 1, annotation_level: 'notice', message: 'm' };
  it('splits into requests of at most 50, keeping one (empty) batch when there is nothing', () => {
    expect(annotationBatches(Array(120).fill(a)).map((b) => b.length)).toEqual([50, 50, 20]);
    expect(annotationBatches(Array(50).fill(a)).map((b) => b.length)).toEqual([50]);
    expect(annotationBatches([])).toEqual([[]]);
  });
});

describe('mergeConfigs', () => {
  it('merges objects deeply, later files winning, arrays replaced', () => {
    const org = { failOn: 'high', review: { maxComments: 5, event: 'COMMENT' }, ignorePaths: ['a/**'] };
    const repo = { review: { event: 'REQUEST_CHANGES' }, ignorePaths: ['b/**'] };
    expect(mergeConfigs([org, repo])).toEqual({ failOn: 'high', review: { maxComments: 5, event: 'REQUEST_CHANGES' }, ignorePaths: ['b/**'] });
  });
});

describe('startServer', () => {
  it('refuses to start without the app credentials, naming them', async () => {
    await expect(startServer({ PORT: '0' })).rejects.toThrow(/APP_ID.*PRIVATE_KEY.*WEBHOOK_SECRET/);
  });
});

describe('retried writes', () => {
  const refused = (status: number, headers: Record<string, string>, message = 'refused') => Object.assign(new Error(message), { status, response: { headers } });

  it('waits what retry-after says (at most a minute) on a secondary limit, never on a 422', () => {
    expect(retryDelayMs(refused(403, { 'retry-after': '2' }), 0)).toBe(2000);
    expect(retryDelayMs(refused(429, { 'retry-after': '3600' }), 0)).toBe(60_000);
    expect(retryDelayMs(refused(403, {}, 'Resource not accessible by integration'), 0)).toBeUndefined();
    expect(retryDelayMs(refused(422, {}), 0)).toBeUndefined();
  });

  it('retries a limited write until it goes through, and lets a 422 through at once (the review fallback needs it)', async () => {
    let calls = 0;
    await expect(withRetries(async () => {
      if (++calls < 3) throw refused(403, { 'retry-after': '0' });
      return 'written';
    })).resolves.toBe('written');
    calls = 0;
    await expect(withRetries(async () => {
      calls++;
      throw refused(422, {});
    })).rejects.toMatchObject({ status: 422 });
    expect(calls).toBe(1);
  });
});
