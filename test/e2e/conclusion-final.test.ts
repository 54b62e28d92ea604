// A review job against the fake GitHub when things go wrong after the check run concluded: the
// conclusion written is the one a required check sees, so nothing later may change it.
import { afterEach, describe, expect, it } from 'vitest';
import { appLogger } from '../../src/app/logger.js';
import { runReviewJob, type ReviewJob } from '../../src/app/review-job.js';
import { fakeWithClient } from '../support/fake-github/harness.js';
import type { FakeGitHub } from '../support/fake-github/server.js';

const PRIVILEGED_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: web\nspec:\n  containers:\n    - name: c\n      image: busybox\n      securityContext:\n        privileged: true\n';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function pullAddingAPrivilegedPod() {
  const client = await fakeWithClient();
  stop = client.stop;
  const { fake } = client;
  fake.git.commit({ 'README.md': 'x\n' }, 'base');
  fake.git.checkoutNew('pr', 'main');
  const sha = fake.git.commit({ 'apps/pod.yaml': PRIVILEGED_POD }, 'pod');
  const pull = fake.openPull('pr');
  const job: ReviewJob = { installationId: fake.installationId, owner: fake.owner, repo: fake.repoName, pullNumber: pull.number, headSha: sha, deliveryId: 'd1', baseSha: fake.baseSha(pull), opened: { draft: false } };
  return { ...client, job };
}

const onlyRun = (fake: FakeGitHub) => {
  expect(fake.checkRuns).toHaveLength(1);
  return fake.checkRuns[0];
};

describe('a conclusion written is final', () => {
  it('stays failure when posting the review fails and so does the note saying so', async () => {
    const { fake, octokit, job } = await pullAddingAPrivilegedPod();
    fake.failNext('pulls/create-review', 403, 1, { message: 'Resource not accessible by integration' });
    fake.failNext('checks/update', 0, 1); // the completion goes through
    fake.failNext('checks/update', 404, 4); // every later write is refused
    await runReviewJob(octokit, job, appLogger({ LOG_LEVEL: 'silent' }));
    const run = onlyRun(fake);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run.output.title).toMatch(/introduced/);
    expect(fake.reviews).toEqual([]);
  }, 60_000);

  it('is not turned into timed_out by a deadline passing while the review is posted', async () => {
    const { fake, octokit, job } = await pullAddingAPrivilegedPod();
    const deadlineMs = 8000;
    fake.failNext('pulls/create-review', 0, 1, { delayMs: deadlineMs + 3000 }); // slow, then accepted
    const started = Date.now();
    await runReviewJob(octokit, job, appLogger({ LOG_LEVEL: 'silent' }), { deadlineMs });
    const run = onlyRun(fake);
    expect(run.completedAtMs! - started, 'the conclusion must be written before the deadline for this test to mean anything').toBeLessThan(deadlineMs);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run.output.title).toMatch(/introduced/);
    expect(fake.reviews).toHaveLength(1);
  }, 60_000);
});
