// Finding a PR by head SHA and dismissing the app's own change requests, against the fake GitHub
// (whose list-pulls and dismiss-review answer as GitHub's description and documented errors say).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckRun } from '../../../src/github/check-runs.js';
import type { GitHubClient } from '../../../src/github/client.js';
import { dismissOwnChangeRequests } from '../../../src/github/dismiss-reviews.js';
import { openPullsWithHead } from '../../../src/github/pulls-by-head.js';
import { fakeWithClient } from '../../support/fake-github/harness.js';
import type { FakeGitHub } from '../../support/fake-github/server.js';

let fake: FakeGitHub;
let octokit: GitHubClient;
let stop: () => Promise<void>;
const repo = { owner: 'floe', repo: 'gitops' };
const status = async (p: Promise<unknown>): Promise<number> => p.then(() => 200, (e: { status?: number }) => e.status ?? -1);

beforeAll(async () => {
  ({ fake, octokit, stop } = await fakeWithClient());
  fake.git.commit({ 'a.yaml': 'kind: ConfigMap\n' }, 'base');
  for (let i = 0; i < 101; i++) {
    fake.git.checkoutNew(`b${i}`, 'main');
    fake.git.commit({ [`f${i}.yaml`]: `kind: ConfigMap\nname: f${i}\n` }, `pr ${i}`);
    fake.openPull(`b${i}`);
  }
}, 120_000);
afterAll(async () => stop());

describe('openPullsWithHead', () => {
  it('finds the open PR with that head across pages, and none for a closed one', async () => {
    const oldest = fake.pulls.get(1)!;
    expect((await openPullsWithHead(octokit, repo, fake.headSha(oldest))).map((p) => p.number)).toEqual([1]);
    expect(fake.requests.filter((r) => r.operationId === 'pulls/list').length).toBe(2);
    oldest.state = 'closed';
    expect(await openPullsWithHead(octokit, repo, fake.headSha(oldest))).toEqual([]);
    oldest.state = 'open';
  }, 30_000);
});

describe('dismissOwnChangeRequests', () => {
  it('dismisses only the app\'s own CHANGES_REQUESTED reviews, with the message', async () => {
    const pull = fake.pulls.get(2)!;
    const checkRunId = await startCheckRun(octokit, repo, fake.headSha(pull), 'd1');
    const own = (await octokit.rest.pulls.createReview({ ...repo, pull_number: 2, event: 'REQUEST_CHANGES', body: 'fix it' })).data;
    const ownComment = (await octokit.rest.pulls.createReview({ ...repo, pull_number: 2, event: 'COMMENT', body: 'note' })).data;
    const person = fake.addReviewBy({ login: 'alice', type: 'User' }, 2, 'REQUEST_CHANGES');
    const otherApp = fake.addReviewBy({ login: 'other[bot]', type: 'Bot' }, 2, 'REQUEST_CHANGES');
    expect(own.state).toBe('CHANGES_REQUESTED');

    expect(await dismissOwnChangeRequests(octokit, repo, 2, checkRunId, 'all fixed')).toEqual([own.id]);
    const state = (id: number) => fake.reviews.find((r) => r.id === id)!.state;
    expect([state(own.id), state(ownComment.id), person.state, otherApp.state]).toEqual(['DISMISSED', 'COMMENTED', 'CHANGES_REQUESTED', 'CHANGES_REQUESTED']);
    expect(fake.reviews.find((r) => r.id === own.id)?.dismissalMessage).toBe('all fixed');
    // Nothing left to dismiss: no further request but the listing.
    expect(await dismissOwnChangeRequests(octokit, repo, 2, checkRunId, 'again')).toEqual([]);
    expect(fake.rejected).toEqual([]);
  }, 30_000);

  it('is refused by the fake as by GitHub for a commented or dismissed review, or one of another PR', async () => {
    const dismiss = (pull: number, id: number) => octokit.rest.pulls.dismissReview({ ...repo, pull_number: pull, review_id: id, message: 'm' });
    const [dismissed, commented] = fake.reviews.filter((r) => r.pull_number === 2 && r.user.type === 'Bot' && r.user.login === 'gitops-guard[bot]');
    expect(await status(dismiss(2, dismissed.id))).toBe(422);
    expect(await status(dismiss(2, commented.id))).toBe(422);
    expect(await status(dismiss(3, dismissed.id))).toBe(404);
  });
});
