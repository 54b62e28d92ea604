// Threat: the webhook layer. Forged, unsigned and malformed deliveries, unknown events and actions,
// an installation or repository that is gone, and GitHub answering 403 (secondary rate limit with
// retry-after), 404, 422, 500 or not at all. The app stays up, calls GitHub for nothing it should
// not, and every check run it starts ends `completed` with an honest conclusion, never `in_progress`.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appLogger } from '../../src/app/logger.js';
import { runReviewJob } from '../../src/app/review-job.js';
import { fakeWithClient, startAppAgainstFake, until, type AppUnderTest } from '../support/fake-github/harness.js';
import type { FakeGitHub, PullRecord } from '../support/fake-github/server.js';
import { pullRequestEvent, sign } from '../support/fake-github/webhooks.js';

const CLEAN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: apps\ndata:\n  level: info\n';
const RISKY = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  hostPID: true\n  containers:\n    - name: web\n      image: nginx:latest\n';

let branch = 0;
/** A new pull request (its own branch and head commit) adding a risky pod, or the given files. */
function openPull(fake: FakeGitHub, files?: Record<string, string>): PullRecord {
  if (!fake.git.resolve('main')) fake.git.commit({ 'apps/settings.yaml': CLEAN }, 'base');
  const name = `pr-${++branch}`;
  fake.git.checkoutNew(name, 'main');
  fake.git.commit(files ?? { [`apps/web-${branch}.yaml`]: RISKY }, `change ${branch}`);
  return fake.openPull(name, 'main', `Change ${branch}`);
}

/** POSTs raw bytes with exactly the given headers (no signature unless given). */
function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function runsOf(fake: FakeGitHub, pull: PullRecord) {
  return fake.checkRuns.filter((r) => r.head_sha === fake.headSha(pull));
}

async function completedRun(app: AppUnderTest, pull: PullRecord) {
  await until(() => runsOf(app.fake, pull).some((r) => r.status === 'completed'), 60_000, `the check run of PR ${pull.number} to complete`);
  return runsOf(app.fake, pull)[0];
}

describe('hostile webhook deliveries and a failing GitHub', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startAppAgainstFake();
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('forged, unsigned and malformed deliveries are refused without a single call to GitHub; unknown events and actions are ignored', async () => {
    const pull = openPull(app.fake);
    const body = JSON.stringify(pullRequestEvent(app.fake, pull, 'opened'));
    const headers = (event: string, signature?: string): Record<string, string> => ({
      'x-github-event': event, 'x-github-delivery': `d-${Math.random()}`, ...(signature ? { 'x-hub-signature-256': signature } : {}),
    });
    const before = app.fake.requests.length;
    const refused = [
      await post(app.webhookUrl, headers('pull_request'), body),
      await post(app.webhookUrl, headers('pull_request', `sha256=${'0'.repeat(64)}`), body),
      await post(app.webhookUrl, headers('pull_request', sign('another-secret', body)), body),
      await post(app.webhookUrl, headers('pull_request', sign(app.secret, body).replace('sha256=', 'sha1=')), body),
    ];
    for (const status of refused) expect(status).toBeGreaterThanOrEqual(400);
    for (const status of refused) expect(status).toBeLessThan(500);

    const garbage = '{"action": "opened", "pull_request": ';
    const malformed = await post(app.webhookUrl, headers('pull_request', sign(app.secret, garbage)), garbage);
    expect(malformed).toBeGreaterThanOrEqual(400);
    // validly signed (only GitHub could) but not a pull request: answered, nothing done, server up
    for (const odd of ['null', '[]', '"x"', '{}']) {
      const status = await post(app.webhookUrl, headers('pull_request', sign(app.secret, odd)), odd);
      expect([200, 400, 500], odd).toContain(status);
    }

    const ignored = [
      await app.send('star', { action: 'created', repository: app.fake.repoJson(), installation: { id: app.fake.installationId } }),
      await app.send('pull_request', { ...JSON.parse(body), action: 'labeled' }),
      await app.send('ping', { zen: 'Keep it logically awesome.', hook_id: 1 }),
    ];
    for (const d of ignored) expect(d.status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(app.fake.requests.slice(before)).toEqual([]);
    expect(app.fake.checkRuns).toEqual([]);

    // and the app is still up: the genuine delivery is reviewed
    const genuine = await app.send('pull_request', JSON.parse(body));
    expect(genuine.status).toBeLessThan(300);
    const run = await completedRun(app, pull);
    expect(run.conclusion).toBe('failure');
  }, 90_000);

  it('a repository the installation can no longer read (404) ends the check run neutral, saying so', async () => {
    const pull = openPull(app.fake);
    app.fake.failNext('pulls/list-files', 404, 1, { message: 'Not Found' });
    await app.send('pull_request', pullRequestEvent(app.fake, pull, 'opened'));
    const run = await completedRun(app, pull);
    expect(run.conclusion).toBe('neutral');
    expect(run.output.title).toContain('404');
  }, 90_000);

  it('an installation that is gone (no token) starts nothing and leaves the app up', async () => {
    const pull = openPull(app.fake);
    const gone = { ...pullRequestEvent(app.fake, pull, 'opened'), installation: { id: 999_999 } };
    const d = await app.send('pull_request', gone);
    expect(d.status).toBeGreaterThanOrEqual(200);
    await new Promise((r) => setTimeout(r, 1000));
    expect(runsOf(app.fake, pull)).toEqual([]);
    await app.send('pull_request', pullRequestEvent(app.fake, pull, 'opened'));
    expect((await completedRun(app, pull)).conclusion).toBe('failure');
  }, 90_000);

  it('403 secondary rate limits with retry-after, on reads and on the completing write, still end completed', async () => {
    const limited = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', headers: { 'retry-after': '1' } };
    const pull = openPull(app.fake);
    app.fake.failNext('pulls/list-files', 403, 1, limited);
    app.fake.failNext('checks/update', 403, 2, limited);
    await app.send('pull_request', pullRequestEvent(app.fake, pull, 'opened'));
    const run = await completedRun(app, pull);
    // either the review went through after waiting (failure: the pod is risky) or it says GitHub refused (neutral)
    expect(['failure', 'neutral']).toContain(run.conclusion);
    if (run.conclusion === 'neutral') expect(run.output.title).toContain('403');
  }, 90_000);

  it('a manifest too large for the tarball limit is an annotation of the check run, not silently left out', async () => {
    const hidden = RISKY + '# padding\n'.repeat(700_000);
    const pull = openPull(app.fake, { 'apps/hidden.yaml': hidden });
    await app.send('pull_request', pullRequestEvent(app.fake, pull, 'opened'));
    const run = await completedRun(app, pull);
    expect(run.conclusion).toBe('failure');
    const note = run.annotations.find((a) => a.path === 'apps/hidden.yaml');
    expect(note, JSON.stringify(run.annotations)).toMatchObject({ start_line: 1, annotation_level: 'failure' });
    expect(note!.title).toContain('limit-exceeded');
    expect(note!.message).toContain(`${Buffer.byteLength(hidden)} bytes`);
  }, 90_000);

  it('500s and a 422 on the check run update are survived: completed, never stuck in_progress', async () => {
    const pull = openPull(app.fake);
    app.fake.failNext('checks/update', 500, 1);
    app.fake.failNext('checks/update', 422, 1, { message: 'Invalid request.' });
    await app.send('pull_request', pullRequestEvent(app.fake, pull, 'opened'));
    const run = await completedRun(app, pull);
    expect(['failure', 'neutral']).toContain(run.conclusion);
  }, 90_000);
});

describe('GitHub that does not answer', () => {
  it('a review past its deadline completes the check run as timed_out', async () => {
    const { fake, octokit, stop } = await fakeWithClient();
    try {
      const pull = openPull(fake);
      fake.failNext('pulls/list-files', 0, 1, { delayMs: 4_000 });
      const job = { installationId: fake.installationId, owner: fake.owner, repo: fake.repoName, pullNumber: pull.number, headSha: fake.headSha(pull), baseSha: fake.git.resolve('main')!, deliveryId: 'slow-1' };
      await runReviewJob(octokit, job, appLogger({ LOG_LEVEL: 'silent' }), { deadlineMs: 1_500 });
      const [run] = fake.checkRuns.filter((r) => r.head_sha === job.headSha);
      expect(run.status).toBe('completed');
      expect(run.conclusion).toBe('timed_out');
    } finally {
      await stop();
    }
  }, 60_000);
});
