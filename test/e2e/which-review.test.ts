// Which review a webhook asks for: the PR as it is now (not as a late `opened` delivery showed it),
// and one review per pull request and base, even when two PRs share a head commit.
import { afterEach, describe, expect, it } from 'vitest';
import { recordedSubjectOf } from '../../src/app/run-plan.js';
import { startAppAgainstFake, until, type AppUnderTest } from '../support/fake-github/harness.js';
import { pullRequestEvent } from '../support/fake-github/webhooks.js';

const HOST_NETWORK_POD = (name: string, hostNetwork: boolean) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n  hostNetwork: ${hostNetwork}\n  containers:\n    - name: c\n      image: busybox\n`;

let app: AppUnderTest | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('a late pull_request.opened delivery', () => {
  it('reads the PR as it is now: moved on, so no review on the stale commit', async () => {
    app = await startAppAgainstFake();
    const { fake } = app;
    fake.git.commit({ 'README.md': 'x\n' }, 'base');
    fake.git.checkoutNew('pr', 'main');
    const first = fake.git.commit({ 'apps/pod.yaml': HOST_NETWORK_POD('p', true) }, 'pod');
    const pull = fake.openPull('pr');
    const openedAtFirst = pullRequestEvent(fake, pull, 'opened');
    fake.git.commit({ 'apps/pod.yaml': HOST_NETWORK_POD('p', false) }, 'fix'); // pushed before the opened job ran
    await app.send('pull_request', openedAtFirst);
    await until(() => fake.checkRuns.some((r) => r.head_sha === first && r.status === 'completed'), 90_000, 'the check run on the first commit');
    await new Promise((r) => setTimeout(r, 2000));
    expect(fake.reviews).toEqual([]);
    expect(app.logs.some((l) => /moved on: review not posted/.test(l))).toBe(true);
  }, 120_000);
});

describe('two pull requests with the same head', () => {
  it('reviews the second (a backport) on its own base instead of skipping it as already reviewed', async () => {
    app = await startAppAgainstFake();
    const { fake } = app;
    fake.git.commit({ 'README.md': 'x\n' }, 'base');
    fake.git.checkoutNew('release-1', 'main');
    fake.git.checkoutNew('pr', 'main');
    const sha = fake.git.commit({ 'apps/pod.yaml': HOST_NETWORK_POD('p', true) }, 'pod');
    const intoMain = fake.openPull('pr', 'main');
    await app.send('pull_request', pullRequestEvent(fake, intoMain, 'opened'));
    await until(() => fake.reviews.length === 1, 90_000, 'the first review');
    const backport = fake.openPull('pr', 'release-1', 'backport');
    const delivery = await app.send('pull_request', pullRequestEvent(fake, backport, 'opened'));
    await until(() => fake.reviews.length === 2, 60_000, 'the backport review');
    expect(fake.reviews.map((r) => r.pull_number)).toEqual([intoMain.number, backport.number]);
    expect(fake.comments.filter((c) => c.pull_number === backport.number).length).toBeGreaterThan(0);
    const runs = fake.checkRuns.filter((r) => r.head_sha === sha);
    expect(runs.map((r) => recordedSubjectOf(r.external_id))).toEqual([
      expect.objectContaining({ pullNumber: intoMain.number, baseSha: fake.baseSha(intoMain) }),
      { deliveryId: delivery.deliveryId, pullNumber: backport.number, baseSha: fake.baseSha(backport) },
    ]);
    // Reopening the backport asks for nothing new: that PR was reviewed at this head and base.
    await app.send('pull_request', pullRequestEvent(fake, backport, 'reopened'));
    await new Promise((r) => setTimeout(r, 2000));
    expect(fake.checkRuns.filter((r) => r.head_sha === sha)).toHaveLength(2);
  }, 180_000);
});
