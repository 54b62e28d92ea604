// End to end, what happens on a PR after its first review: pushes that fix or change nothing,
// threads a person resolved, a change request to lift, re-runs of a PR from a fork. Small
// repositories keep each review short; assertions are on what the fake GitHub ends up holding.
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintsInBody } from '../../src/report/review-comments.js';
import { startAppAgainstFake, until, type AppUnderTest } from '../support/fake-github/harness.js';
import type { PullRecord } from '../support/fake-github/server.js';
import { checkRunEvent, pullRequestEvent } from '../support/fake-github/webhooks.js';

let app: AppUnderTest | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const pod = (privileged: boolean): string => `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: web
spec:
  hostNetwork: ${privileged}
  hostPID: ${privileged}
  containers:
    - name: c
      image: busybox
      securityContext:
        privileged: ${privileged}
`;

/** Waits for the check run on `sha`, then until the app has made no request for `quietMs`. */
async function reviewed(a: AppUnderTest, sha: string, runs = 1, quietMs = 2500): Promise<void> {
  await until(() => a.fake.checkRuns.filter((r) => r.head_sha === sha && r.status === 'completed').length >= runs, 90_000, `the check run on ${sha.slice(0, 7)}`);
  let count = -1;
  let since = Date.now();
  await until(() => {
    if (a.fake.requests.length !== count) [count, since] = [a.fake.requests.length, Date.now()];
    return Date.now() - since >= quietMs;
  }, 60_000, 'the app to settle');
}

/**
 * A PR making a pod privileged on a base with `config` (and the unprivileged pod, so that undoing
 * the change leaves nothing introduced; without it every finding of the pod is introduced), opened and reviewed.
 */
async function openedPodPull(config: string, podAtBase = true): Promise<{ a: AppUnderTest; pull: PullRecord; sha: string }> {
  const a = (app = await startAppAgainstFake());
  a.fake.git.commit({ 'README.md': 'x\n', '.github/gitops-guard.yml': config, ...(podAtBase ? { 'apps/pod.yaml': pod(false) } : {}) }, 'base');
  a.fake.git.checkoutNew('pr', 'main');
  const sha = a.fake.git.commit({ 'apps/pod.yaml': pod(true) }, 'privileged pod');
  const pull = a.fake.openPull('pr');
  await a.send('pull_request', pullRequestEvent(a.fake, pull, 'opened'));
  await reviewed(a, sha);
  return { a, pull, sha };
}

async function push(a: AppUnderTest, pull: PullRecord, files: Record<string, string>): Promise<string> {
  const sha = a.fake.git.commit(files, 'push');
  await a.send('pull_request', pullRequestEvent(a.fake, pull, 'synchronize'));
  await reviewed(a, sha);
  return sha;
}

describe('review.maxComments', () => {
  it('is a budget for the PR: a push changing no manifest posts no comment, and the check run says what was left out', async () => {
    const { a, pull } = await openedPodPull('review:\n  maxComments: 2\n', false);
    expect(a.fake.comments).toHaveLength(2);
    const sha = await push(a, pull, { 'README.md': 'docs\n' });
    expect(a.fake.comments).toHaveLength(2);
    expect(a.fake.reviews).toHaveLength(1);
    const run = a.fake.checkRuns.find((r) => r.head_sha === sha)!;
    expect(run.output.summary).toMatch(/\d+ findings were left out of inline comments: `review.maxComments: 2` allows 2 comments per pull request and 2 are already on it/);
    expect(a.fake.rejected).toEqual([]);
  }, 180_000);
});

describe('a thread a person resolved', () => {
  it('is not commented again while its findings are unchanged', async () => {
    const { a, pull } = await openedPodPull('review:\n  maxComments: 30\n', false);
    const before = a.fake.comments.length;
    expect(before).toBeGreaterThan(0);
    for (const t of a.fake.threadsOf(pull.number)) t.isResolved = true;
    await push(a, pull, { 'README.md': 'docs\n' });
    expect(a.fake.comments).toHaveLength(before);
    const fps = a.fake.comments.flatMap((c) => fingerprintsInBody(c.body));
    expect(new Set(fps).size).toBe(fps.length);
  }, 180_000);
});

describe('review.event: REQUEST_CHANGES', () => {
  it('dismisses the app\'s own change request once a push fixes everything, and nobody else\'s', async () => {
    const { a, pull } = await openedPodPull('review:\n  event: REQUEST_CHANGES\n');
    expect(a.fake.reviews.map((r) => r.state)).toEqual(['CHANGES_REQUESTED']);
    const person = a.fake.addReviewBy({ login: 'alice', type: 'User' }, pull.number, 'REQUEST_CHANGES', 'please split this');
    const otherBot = a.fake.addReviewBy({ login: 'other-app[bot]', type: 'Bot' }, pull.number, 'REQUEST_CHANGES', 'licence check failed');

    // A push that fixes some findings only: the change request stands.
    await push(a, pull, { 'apps/pod.yaml': pod(true).replace('hostPID: true', 'hostPID: false') });
    expect(a.fake.reviews[0].state).toBe('CHANGES_REQUESTED');

    const fixed = await push(a, pull, { 'apps/pod.yaml': pod(false) });
    expect(a.fake.checkRuns.find((r) => r.head_sha === fixed)?.conclusion).toBe('success');
    expect(a.fake.reviews[0]).toMatchObject({ state: 'DISMISSED', dismissalMessage: expect.stringContaining(fixed.slice(0, 7)) });
    expect([person.state, otherBot.state]).toEqual(['CHANGES_REQUESTED', 'CHANGES_REQUESTED']);
    expect(a.fake.rejected).toEqual([]);
  }, 240_000);
});

describe('a PR from a fork', () => {
  it('is reviewed again on Re-run and on "Re-run: all findings", whose webhooks name no pull request', async () => {
    const { a, pull, sha } = await openedPodPull('review:\n  maxComments: 30\n');
    // Another open PR, whose head is elsewhere, must not be reviewed.
    a.fake.git.checkoutNew('other', 'main');
    a.fake.git.commit({ 'README.md': 'other\n' }, 'other');
    a.fake.openPull('other');
    const first = a.fake.checkRuns[0];
    for (const [action, identifier, runs] of [['rerequested', undefined, 2], ['requested_action', 'rerun-all', 3]] as const) {
      const event = checkRunEvent(a.fake, pull, action, first.id, identifier);
      event.check_run.pull_requests = [];
      if (event.check_run.check_suite) Object.assign(event.check_run.check_suite, { pull_requests: [], head_branch: null });
      await a.send('check_run', event);
      await reviewed(a, sha, runs);
    }
    expect(a.fake.checkRuns.map((r) => r.head_sha)).toEqual([sha, sha, sha]);
    expect(a.fake.rejected).toEqual([]);
  }, 240_000);
});
