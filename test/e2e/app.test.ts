// End to end: signed webhooks over HTTP to the app running as `npm start` runs it, against a fake
// GitHub backed by a real git repository that validates every request body against GitHub's
// OpenAPI description and answers 422 where GitHub would. Assertions are on what GitHub ends up holding.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordedSubjectOf } from '../../src/app/run-plan.js';
import { fingerprintsInBody } from '../../src/report/review-comments.js';
import { startAppAgainstFake, until, type AppUnderTest } from '../support/fake-github/harness.js';
import { checkRunEvent, pullRequestEvent } from '../support/fake-github/webhooks.js';
import { exampleRepo, replaceLines, suggestionOf } from './example-repo.js';

const AWS_SECRET = /AWS_SECRET_ACCESS_KEY\n\s+value: (\S+)/.exec(readFileSync(join(import.meta.dirname, '../../examples/floe-gitops/pr/jobs/dbt-run.yaml'), 'utf8'))![1];

let app: AppUnderTest | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function opened(extraBase: Record<string, string> = {}, otherRepos?: Record<string, Record<string, string>>) {
  app = await startAppAgainstFake(otherRepos ? { otherRepos } : {});
  const pull = exampleRepo(app.fake, extraBase);
  const delivery = await app.send('pull_request', pullRequestEvent(app.fake, pull, 'opened'));
  const sha = app.fake.headSha(pull);
  await until(() => app!.fake.checkRuns.some((r) => r.head_sha === sha && r.status === 'completed'), 90_000, 'the check run to complete');
  return { app, fake: app.fake, pull, sha, delivery };
}

/** Waits until the app has answered the webhook and made no request for `quietMs`. */
async function settled(a: AppUnderTest, quietMs = 2500): Promise<void> {
  let count = -1;
  let since = Date.now();
  await until(() => {
    if (a.fake.requests.length !== count) {
      count = a.fake.requests.length;
      since = Date.now();
    }
    return Date.now() - since >= quietMs;
  }, 90_000, 'the app to settle');
}

describe('pull request opened', () => {
  it('completes one check run and posts one review with suggestions, every body valid for GitHub', async () => {
    const { fake, sha, delivery, pull } = await opened();
    await until(() => fake.reviews.length > 0, 30_000, 'the review');
    await settled(app!);
    expect([200, 202]).toContain(delivery.status);

    const runs = fake.checkRuns.filter((r) => r.head_sha === sha);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run.name).toBe('gitops-guard');
    expect(run.status).toBe('completed');
    expect(run.conclusion).toBe('failure'); // the example adds static AWS keys (critical)
    expect(recordedSubjectOf(run.external_id)).toEqual({ deliveryId: delivery.deliveryId, pullNumber: pull.number, baseSha: fake.baseSha(pull) });
    expect(run.annotations.length).toBeGreaterThan(0);
    expect(run.annotations.some((a) => a.path === 'jobs/dbt-run.yaml')).toBe(true);
    expect(run.output.summary!.length).toBeLessThan(65_535);
    expect(run.actions.map((a) => a.identifier)).toContain('rerun-all');

    expect(fake.reviews).toHaveLength(1);
    const [review] = fake.reviews;
    expect(review).toMatchObject({ pull_number: pull.number, commit_id: sha, event: 'COMMENT' });
    const comments = fake.comments.filter((c) => c.pull_request_review_id === review.id);
    expect(comments.length).toBeGreaterThan(0);
    expect(comments.length).toBeLessThanOrEqual(30);
    expect(comments.filter((c) => suggestionOf(c.body) !== undefined).length).toBeGreaterThan(0);
    for (const c of comments) expect(fingerprintsInBody(c.body).length).toBeGreaterThan(0);
    expect(comments.map((c) => c.path)).toEqual(expect.arrayContaining(['jobs/dbt-run.yaml', 'charts/floe-platform/values-prod.yaml']));

    // GitHub accepted everything the app sent: no 4xx body rejections.
    expect(fake.rejected).toEqual([]);
    // The secret in the PR never leaves in a comment, an annotation or a log line.
    const published = JSON.stringify([fake.reviews, fake.comments, fake.checkRuns]);
    expect(published).not.toContain(AWS_SECRET);
    const logs = app!.logs.join('\n');
    expect(logs).not.toContain(AWS_SECRET);
    expect(logs).not.toContain(app!.privateKey.split('\n')[1]);
    expect(logs).not.toMatch(/ghs_[0-9a-f]{20,}/);
    // Logs carry the delivery, repo, PR and SHA.
    const completed = app!.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'check run completed');
    expect(completed).toMatchObject({ deliveryId: delivery.deliveryId, repo: 'floe/gitops', pr: pull.number, sha });
  }, 120_000);
});

describe('a push that fixes two findings', () => {
  it('resolves their threads and comments nothing twice', async () => {
    const { fake, pull } = await opened();
    await until(() => fake.reviews.length > 0, 30_000, 'the first review');
    await settled(app!);
    // Accept two single-finding suggestions, in different places, as a developer would.
    const fixable = fake.comments.filter((c) => suggestionOf(c.body) !== undefined && fingerprintsInBody(c.body).length === 1);
    const chosen = fixable.filter((c, i) => fixable.findIndex((o) => o.path === c.path) === i).slice(0, 2);
    expect(chosen).toHaveLength(2);
    const edits: Record<string, string> = {};
    for (const c of chosen) {
      const text = fake.git.readFile(fake.headSha(pull), c.path)!.toString('utf8');
      edits[c.path] = replaceLines(text, c.start_line ?? c.line, c.line, suggestionOf(c.body)!);
    }
    const fixedSha = fake.git.commit(edits, 'Apply two suggestions');
    const before = fake.comments.length;

    await app!.send('pull_request', pullRequestEvent(fake, pull, 'synchronize'));
    await until(() => fake.checkRuns.some((r) => r.head_sha === fixedSha && r.status === 'completed'), 90_000, 'the second check run');
    await until(() => fake.threadsOf(pull.number).filter((t) => t.isResolved).length >= 2, 30_000, 'two threads resolved');
    await settled(app!);

    const resolved = fake.threadsOf(pull.number).filter((t) => t.isResolved).map((t) => t.comments[0].id);
    expect(resolved.sort()).toEqual(chosen.map((c) => c.id).sort());
    // No finding commented twice: every fingerprint appears in one comment only.
    const fps = fake.comments.flatMap((c) => fingerprintsInBody(c.body));
    expect(new Set(fps).size).toBe(fps.length);
    expect(fake.comments.length).toBe(before);
    expect(fake.rejected).toEqual([]);
  }, 180_000);
});

describe('webhook authenticity and redelivery', () => {
  it('rejects a bad signature without calling GitHub', async () => {
    app = await startAppAgainstFake();
    const pull = exampleRepo(app.fake);
    const res = await app.send('pull_request', pullRequestEvent(app.fake, pull, 'opened'), undefined, `sha256=${'0'.repeat(64)}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 500));
    expect(app.fake.requests).toEqual([]);
  }, 60_000);

  it('does nothing new on a redelivery, even after a restart, nor for another event on a reviewed SHA', async () => {
    const { fake, pull, delivery } = await opened();
    await until(() => fake.reviews.length > 0, 30_000, 'the review');
    await settled(app!);
    const snapshot = (): string => JSON.stringify([fake.checkRuns, fake.reviews, fake.comments, fake.threads]);
    const held = snapshot();

    const again = await app!.send('pull_request', pullRequestEvent(fake, pull, 'opened'), delivery.deliveryId);
    expect(again.status).toBe(200);
    await settled(app!, 500);
    expect(snapshot()).toBe(held);

    // A new process has no memory of the delivery: the check run's external_id is the record.
    await app!.server.stop();
    const { startServer } = await import('../../src/app/server.js');
    const restartedEnv: NodeJS.ProcessEnv = { ...process.env, APP_ID: '4711', PRIVATE_KEY: app!.privateKey, WEBHOOK_SECRET: app!.secret, PORT: new URL(app!.webhookUrl).port, HOST: '127.0.0.1', GHE_HOST: fake.host, GHE_PROTOCOL: 'http', LOG_LEVEL: 'silent' as const };
    const restarted = await startServer(restartedEnv);
    app!.server = restarted;
    const redelivered = await app!.send('pull_request', pullRequestEvent(fake, pull, 'opened'), delivery.deliveryId);
    expect(redelivered.status).toBe(200);
    const reopened = await app!.send('pull_request', pullRequestEvent(fake, pull, 'reopened'));
    expect(reopened.status).toBe(200);
    await settled(app!, 500);
    expect(snapshot()).toBe(held);
  }, 180_000);
});

describe('a delivery that failed', () => {
  it('answers with an error and is reviewed when GitHub redelivers it', async () => {
    app = await startAppAgainstFake();
    const pull = exampleRepo(app.fake);
    app.fake.failNext('checks/list-for-ref', 403);
    const first = await app.send('pull_request', pullRequestEvent(app.fake, pull, 'opened'));
    expect(first.status).toBeGreaterThanOrEqual(400); // Probot passes the handler's error status on
    expect(app.fake.checkRuns).toEqual([]);
    const again = await app.send('pull_request', pullRequestEvent(app.fake, pull, 'opened'), first.deliveryId);
    expect([200, 202]).toContain(again.status);
    await until(() => app!.fake.checkRuns.some((r) => r.status === 'completed'), 90_000, 'the check run');
    expect(app.fake.checkRuns).toHaveLength(1);
  }, 120_000);
});

describe('configuration', () => {
  it('completes the check run as failure naming the line of an invalid config', async () => {
    const { fake, sha } = await opened({ '.github/gitops-guard.yml': 'review:\n  maxComments: 10\nfailOn: hihg\n' });
    await settled(app!);
    const run = fake.checkRuns.find((r) => r.head_sha === sha)!;
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toContain('.github/gitops-guard.yml:3');
    expect(run.output.summary).toContain('failOn');
    expect(run.annotations).toEqual([expect.objectContaining({ path: '.github/gitops-guard.yml', start_line: 3, annotation_level: 'failure' })]);
    expect(fake.reviews).toEqual([]);
  }, 120_000);

  /**
   * A PR into `release-1`, whose config differs from main's (main has none); with `tightenedTo`,
   * release-1 moves on after the PR branched off and its tip's config is that one.
   */
  async function intoRelease(releaseConfig: string, tightenedTo?: string) {
    app = await startAppAgainstFake();
    const { fake } = app;
    fake.git.commit({ 'apps/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: apps\ndata: { a: b }\n' }, 'base');
    fake.git.checkoutNew('release-1', 'main');
    const mergeBase = fake.git.commit({ '.github/gitops-guard.yml': releaseConfig }, 'release-1 config');
    fake.git.checkoutNew('pr', 'release-1');
    const sha = fake.git.commit({ 'apps/root.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: root\n  namespace: apps\nspec:\n  hostPID: true\n  containers:\n    - name: a\n      image: nginx:latest\n' }, 'risky pod');
    let tip = mergeBase;
    if (tightenedTo !== undefined) {
      fake.git.checkout('release-1');
      tip = fake.git.commit({ '.github/gitops-guard.yml': tightenedTo }, 'release-1 tightens its gate');
      fake.git.checkout('pr');
    }
    const pull = fake.openPull('pr', 'release-1');
    await app.send('pull_request', pullRequestEvent(fake, pull, 'opened'));
    await until(() => fake.checkRuns.some((r) => r.head_sha === sha && r.status === 'completed'), 90_000, 'the check run');
    await settled(app);
    return { fake, mergeBase, tip, run: fake.checkRuns[0] };
  }

  it('uses the config of the branch the PR targets, not the default branch\'s', async () => {
    const { fake, tip, run } = await intoRelease('failOn: never\nreview:\n  maxComments: 1\n');
    expect(run.conclusion).toBe('success');
    expect(run.output.title).toMatch(/introduced/);
    expect(fake.comments).toHaveLength(1);
    const reads = fake.requests.filter((r) => r.operationId === 'repos/get-content' && r.path.includes('/floe/gitops/')).map((r) => r.path);
    expect(reads).toEqual([`/api/v3/repos/floe/gitops/contents/.github%2Fgitops-guard.yml?ref=${tip}`]);
  }, 120_000);

  it('reads that config at the target branch\'s tip: a PR branched before the gate was tightened gets the tighter gate', async () => {
    const { fake, mergeBase, tip, run } = await intoRelease('failOn: never\n', 'failOn: high\n');
    expect(tip).not.toBe(mergeBase);
    expect(run.conclusion).toBe('failure');
    const reads = fake.requests.filter((r) => r.operationId === 'repos/get-content' && r.path.includes('/floe/gitops/')).map((r) => r.path);
    expect(reads).toEqual([`/api/v3/repos/floe/gitops/contents/.github%2Fgitops-guard.yml?ref=${tip}`]);
  }, 120_000);

  it('names the line of an invalid config in the target branch\'s copy', async () => {
    const { fake, run } = await intoRelease('review:\n  maxComments: 1\nfailOn: hihg\n');
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toContain('.github/gitops-guard.yml:3');
    expect(fake.reviews).toEqual([]);
  }, 120_000);

  it('follows _extends to the organisation defaults, the repository file winning', async () => {
    const { fake } = await opened(
      { '.github/gitops-guard.yml': '_extends: .github\nreview:\n  event: REQUEST_CHANGES\n' },
      { 'floe/.github': { '.github/gitops-guard.yml': 'review:\n  maxComments: 2\n  event: COMMENT\n' } },
    );
    await until(() => fake.reviews.length > 0, 30_000, 'the review');
    expect(fake.reviews[0].event).toBe('REQUEST_CHANGES');
    expect(fake.comments).toHaveLength(2);
  }, 120_000);
});

describe('a base branch that moved on after the pull request branched', () => {
  const web = (image: string, privileged: boolean) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: app\n          image: ${image}\n          securityContext:\n            privileged: ${privileged}\n`;
  const ADDED_ON_MAIN = '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: added-on-main\n  namespace: web\ndata: { a: b }\n';

  /** The PR only bumps the image; main meanwhile drops `privileged` and adds a ConfigMap to the same file. */
  async function movedOn() {
    app = await startAppAgainstFake();
    const { fake } = app;
    const mergeBase = fake.git.commit({ 'apps/web.yaml': web('nginx:1.27', true) }, 'web');
    fake.git.checkoutNew('pr', 'main');
    const sha = fake.git.commit({ 'apps/web.yaml': web('nginx:1.28', true) }, 'bump the image');
    fake.git.checkout('main');
    const tip = fake.git.commit({ 'apps/web.yaml': web('nginx:1.27', false) + ADDED_ON_MAIN }, 'main: unprivileged, a ConfigMap');
    return { fake, pull: fake.openPull('pr'), sha, mergeBase, tip };
  }

  it('reviews against the merge base, as GitHub\'s diff and the CLI do: main\'s changes are not blamed on the PR', async () => {
    const { fake, pull, sha, mergeBase, tip } = await movedOn();
    await app!.send('pull_request', pullRequestEvent(fake, pull, 'opened'));
    await until(() => fake.checkRuns.some((r) => r.head_sha === sha && r.status === 'completed'), 90_000, 'the check run');
    await settled(app!);
    const [run] = fake.checkRuns;
    expect(run.conclusion).toBe('success');
    expect(run.output.title).toMatch(/^0 introduced/);
    expect(run.annotations.filter((a) => a.title?.startsWith('pss-privileged')).map((a) => a.message)).toEqual([expect.stringMatching(/^\[pre-existing\]/)]);
    expect(run.output.summary).not.toContain('added-on-main');
    expect(fake.comments.filter((c) => c.body.includes('pss-privileged'))).toEqual([]);
    const tarballs = fake.requests.filter((r) => r.operationId === 'repos/download-tarball-archive').map((r) => r.path.split('/').pop());
    expect(tarballs.sort()).toEqual([mergeBase, sha].sort());
    expect(tarballs).not.toContain(tip);
    expect(fake.requests.filter((r) => r.operationId === 'repos/compare-commits-with-basehead')).toHaveLength(1);
  }, 120_000);

  it('completes the check run as neutral, saying so, when GitHub cannot give the merge base', async () => {
    const { fake, pull, sha } = await movedOn();
    fake.failNext('repos/compare-commits-with-basehead', 502, 10);
    await app!.send('pull_request', pullRequestEvent(fake, pull, 'opened'));
    await until(() => fake.checkRuns.some((r) => r.head_sha === sha && r.status === 'completed'), 90_000, 'the check run');
    const [run] = fake.checkRuns;
    expect(run.conclusion).toBe('neutral');
    expect(run.output.title).toContain('502');
    expect(run.output.summary).toContain('merge base');
    expect(fake.reviews).toEqual([]);
  }, 120_000);
});

describe('draft pull requests', () => {
  it('leaves a draft unreviewed when review.drafts is false, and reviews it once it is ready', async () => {
    app = await startAppAgainstFake();
    const pull = exampleRepo(app.fake, { '.github/gitops-guard.yml': 'review:\n  drafts: false\n' });
    pull.draft = true;
    const sha = app.fake.headSha(pull);
    await app.send('pull_request', pullRequestEvent(app.fake, pull, 'opened'));
    await until(() => app!.fake.checkRuns.some((r) => r.status === 'completed'), 90_000, 'the draft check run');
    expect(app.fake.checkRuns[0]).toMatchObject({ head_sha: sha, conclusion: 'neutral' });
    expect(app.fake.reviews).toEqual([]);

    pull.draft = false;
    await app.send('pull_request', pullRequestEvent(app.fake, pull, 'ready_for_review'));
    await until(() => app!.fake.reviews.length > 0, 90_000, 'the review once ready');
    expect(app.fake.checkRuns.filter((r) => r.head_sha === sha).map((r) => r.conclusion)).toEqual(['neutral', 'failure']);
  }, 180_000);
});

describe('errors', () => {
  it('completes the check run as neutral when GitHub keeps failing, never leaving it in_progress', async () => {
    app = await startAppAgainstFake();
    const pull = exampleRepo(app.fake);
    app.fake.failNext('pulls/list-files', 502, 10);
    await app.send('pull_request', pullRequestEvent(app.fake, pull, 'opened'));
    const sha = app.fake.headSha(pull);
    await until(() => app!.fake.checkRuns.some((r) => r.head_sha === sha && r.status === 'completed'), 90_000, 'the check run to complete');
    const run = app.fake.checkRuns.find((r) => r.head_sha === sha)!;
    expect(run.conclusion).toBe('neutral');
    expect(run.output.title).toContain('502');
    expect(app.fake.reviews).toEqual([]);
  }, 120_000);

  it('still posts the review when GitHub refuses its comments (422) for reasons the patch does not show', async () => {
    app = await startAppAgainstFake();
    app.fake.commentVeto = (c) => (c.path === 'jobs/dbt-run.yaml' ? 'Path could not be resolved' : undefined);
    const pull = exampleRepo(app.fake);
    await app.send('pull_request', pullRequestEvent(app.fake, pull, 'opened'));
    await until(() => app!.fake.reviews.length > 0, 90_000, 'the review');
    await settled(app!);
    expect(app.fake.reviews).toHaveLength(1);
    expect(app.fake.reviews[0].body).toMatch(/could not be placed/);
    // GitHub does not say which comment it refused: the retry goes without inline comments.
    expect(app.fake.comments).toEqual([]);
    expect(app.fake.rejected.map((r) => r.operationId)).toEqual(['pulls/create-review']);
    const run = app.fake.checkRuns[0];
    expect(run.status).toBe('completed');
    expect(run.annotations.some((a) => a.path === 'jobs/dbt-run.yaml')).toBe(true);
  }, 120_000);
});

describe('re-runs', () => {
  it('re-runs with all findings from the check run button and on GitHub\'s Re-run, without repeating open comments', async () => {
    const { fake, pull, sha } = await opened();
    await until(() => fake.reviews.length > 0, 30_000, 'the review');
    await settled(app!);
    const first = fake.checkRuns[0];
    await app!.send('check_run', checkRunEvent(fake, pull, 'requested_action', first.id, 'rerun-all'));
    await until(() => fake.checkRuns.filter((r) => r.head_sha === sha && r.status === 'completed').length === 2, 90_000, 'the re-run');
    await settled(app!);
    // GitHub's own "Re-run" button.
    await app!.send('check_run', checkRunEvent(fake, pull, 'rerequested', first.id));
    await until(() => fake.checkRuns.filter((r) => r.head_sha === sha && r.status === 'completed').length === 3, 90_000, 'the rerequested run');
    await settled(app!);
    const fps = fake.comments.flatMap((c) => fingerprintsInBody(c.body));
    expect(new Set(fps).size).toBe(fps.length);
    expect(fake.rejected).toEqual([]);
  }, 180_000);
});
