// The GitHub I/O layer against the fake GitHub: batching and truncation GitHub would otherwise
// refuse, config errors with their line, tarball snapshots that record symlinks and never follow them.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config.js';
import { appLogger } from '../../../src/app/logger.js';
import { CheckRunPublisher } from '../../../src/github/check-run-publisher.js';
import { startCheckRun, type FailureReport } from '../../../src/github/check-runs.js';
import type { GitHubClient } from '../../../src/github/client.js';
import { loadAppConfig } from '../../../src/github/config.js';
import { listPullFiles } from '../../../src/github/pull-files.js';
import { postReview } from '../../../src/github/reviews.js';
import { fetchSnapshot } from '../../../src/github/snapshots.js';
import { resolveLinks } from '../../../src/workspace/symlinks.js';
import type { CheckAnnotation } from '../../../src/report/github-bodies.js';
import { fakeWithClient } from '../../support/fake-github/harness.js';
import type { FakeGitHub } from '../../support/fake-github/server.js';

let fake: FakeGitHub;
let octokit: GitHubClient;
let stop: () => Promise<void>;
let head: string;
const repo = { owner: 'floe', repo: 'gitops' };
const publisherOf = (id: number): CheckRunPublisher => new CheckRunPublisher(octokit, repo, id, { log: appLogger({ LOG_LEVEL: 'silent' }) });
const updatesOf = (id: number) => fake.requests.filter((r) => r.operationId === 'checks/update' && r.path.endsWith(`/check-runs/${id}`));
const gitHubError: FailureReport = { conclusion: 'neutral', title: 'GitHub API error (502)', summary: 'gitops-guard could not finish because GitHub answered 502: Server Error\n\nNothing was concluded about this change; re-run the check.' };

beforeAll(async () => {
  ({ fake, octokit, stop } = await fakeWithClient());
  fake.git.commit({ '.github/gitops-guard.yml': 'review:\n  maxComments: 5\nfailOn: high\nfailOn: low\n', 'a.yaml': 'kind: ConfigMap\n' }, 'base');
  fake.git.checkoutNew('pr', 'main');
  const files: Record<string, string> = {};
  for (let i = 0; i < 130; i++) files[`m/f${i}.yaml`] = `kind: ConfigMap\nname: f${i}\n`;
  symlinkSync('/etc/passwd', join(fake.git.dir, 'leak.yaml'));
  head = fake.git.commit(files, 'pr');
  fake.openPull('pr');
}, 60_000);
afterAll(async () => stop());

describe('check run publishing', () => {
  it('sends 120 annotations in three updates, the first completing the run', async () => {
    const id = await startCheckRun(octokit, repo, head, 'delivery-1');
    const annotations: CheckAnnotation[] = Array.from({ length: 120 }, (_, i) => ({ path: 'a.yaml', start_line: 1, end_line: 1, annotation_level: 'warning', message: `finding ${i}` }));
    expect(await publisherOf(id).complete({ name: 'gitops-guard', status: 'completed', conclusion: 'failure', output: { title: 't', summary: 's', annotations } })).toBe(true);
    const patches = updatesOf(id);
    expect(patches).toHaveLength(3);
    const run = fake.checkRuns.find((r) => r.id === id)!;
    // Completed by the first update, before the other 70 annotations arrived.
    expect(run.completedAtMs).toBeLessThan(patches.at(-2)!.at);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', external_id: 'delivery-1' });
    expect(run.annotations.map((a) => a.message)).toEqual(annotations.map((a) => a.message));
    expect(fake.rejected).toEqual([]);
  }, 30_000);

  it('truncates a summary and text over 65,535 characters and says so', async () => {
    const id = await startCheckRun(octokit, repo, head, 'delivery-2');
    await publisherOf(id).complete({ name: 'gitops-guard', status: 'completed', conclusion: 'success', output: { title: 't', summary: 'x'.repeat(100_000), text: 'y'.repeat(70_000), annotations: [] } });
    const run = fake.checkRuns.find((r) => r.id === id)!;
    expect(run.output.summary!.length).toBeLessThan(65_535);
    expect(run.output.summary).toMatch(/truncated/);
    expect(run.output.text!.length).toBeLessThan(65_535);
    expect(fake.rejected).toEqual([]);
  }, 30_000);
});

describe('a written conclusion is final', () => {
  it('turns a later failure, deadline or completion into notes: the conclusion and findings stay', async () => {
    const id = await startCheckRun(octokit, repo, head, 'delivery-3');
    const run = publisherOf(id);
    const annotations: CheckAnnotation[] = [{ path: 'a.yaml', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'privileged' }];
    expect(await run.complete({ name: 'gitops-guard', status: 'completed', conclusion: 'failure', output: { title: '1 introduced', summary: 'findings table', annotations } })).toBe(true);
    await run.fail(gitHubError);
    await run.fail({ conclusion: 'timed_out', title: 'Review timed out', summary: 'the review did not finish within 480 s. Re-run the check.' });
    expect(await run.complete({ name: 'gitops-guard', status: 'completed', conclusion: 'success', output: { title: 'late', summary: 'late', annotations: [] } })).toBe(false);
    const stored = fake.checkRuns.find((r) => r.id === id)!;
    expect(stored).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 introduced' } });
    expect(stored.output.summary).toMatch(/^findings table\n\n⚠️ [^\n]*GitHub answered 502[^\n]*stands\.\n\n⚠️ [^\n]*did not finish within 480 s[^\n]*stands\.$/);
    expect(stored.annotations.map((a) => a.message)).toEqual(['privileged']);
    expect(run.conclusion).toBe('failure');
    expect(fake.rejected).toEqual([]);
  }, 30_000);

  it('lets a failure arriving while the conclusion is in flight wait for it, then only note it', async () => {
    const id = await startCheckRun(octokit, repo, head, 'delivery-4');
    const run = publisherOf(id);
    fake.failNext('checks/update', 0, 1, { delayMs: 1000 });
    const completing = run.complete({ name: 'gitops-guard', status: 'completed', conclusion: 'failure', output: { title: 't', summary: 's', annotations: [] } });
    await new Promise((r) => setTimeout(r, 100));
    await run.fail(gitHubError);
    await completing;
    expect(fake.checkRuns.find((r) => r.id === id)).toMatchObject({ conclusion: 'failure', output: { title: 't' } });
  }, 30_000);

  it('logs a note GitHub refuses instead of throwing, keeping the conclusion', async () => {
    const id = await startCheckRun(octokit, repo, head, 'delivery-5');
    const run = publisherOf(id);
    await run.complete({ name: 'gitops-guard', status: 'completed', conclusion: 'failure', output: { title: 't', summary: 's', annotations: [] } });
    fake.failNext('checks/update', 404, 2);
    await expect(run.note('the review comments could not be posted')).resolves.toBeUndefined();
    await expect(run.fail(gitHubError)).resolves.toBeUndefined();
    expect(fake.checkRuns.find((r) => r.id === id)).toMatchObject({ conclusion: 'failure', output: { summary: 's' } });
  }, 30_000);
});

describe('review publishing', () => {
  it('leaves out comments the patches show GitHub would refuse, in one request', async () => {
    const { files } = await listPullFiles(octokit, repo, 1);
    const before = fake.requests.filter((r) => r.operationId === 'pulls/create-review').length;
    const posted = await postReview(octokit, repo, 1, {
      event: 'COMMENT', body: 'review', commit_id: head,
      comments: [{ path: 'm/f1.yaml', line: 2, side: 'RIGHT', body: 'in the diff' }, { path: 'a.yaml', line: 1, side: 'RIGHT', body: 'not in the diff' }],
    }, files);
    expect(posted).toMatchObject({ attempts: 1, posted: [{ path: 'm/f1.yaml' }], dropped: [{ path: 'a.yaml' }] });
    expect(fake.requests.filter((r) => r.operationId === 'pulls/create-review').length - before).toBe(1);
    expect(fake.reviews.at(-1)?.body).toMatch(/1 comment could not be placed/);
    expect(fake.rejected).toEqual([]);
  }, 30_000);
});

describe('reading a pull request', () => {
  it('lists every file across pages', async () => {
    const { files, truncated } = await listPullFiles(octokit, repo, 1);
    expect(files).toHaveLength(131);
    expect(truncated).toBe(false);
    expect(files.every((f) => f.patch !== undefined || f.filename === 'leak.yaml')).toBe(true);
  });

  it('stops at GitHub\'s 3,000 files and says the list was cut', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3001; i++) files[`big/f${i}.txt`] = `${i}\n`;
    fake.git.checkoutNew('big', 'main');
    fake.git.commit(files, 'many files');
    const pull = fake.openPull('big');
    const listed = await listPullFiles(octokit, repo, pull.number);
    expect(listed.files).toHaveLength(3000);
    expect(listed.truncated).toBe(true);
  }, 60_000);

  it('fetches a commit as a snapshot that records symlinks without following them', async () => {
    const snap = await fetchSnapshot(octokit, repo, head);
    try {
      expect(snap.snapshot.read('m/f7.yaml')).toBe('kind: ConfigMap\nname: f7\n');
      expect(snap.snapshot.read('leak.yaml')).toBeUndefined();
      expect(snap.snapshot.links()).toEqual(new Map([['leak.yaml', '/etc/passwd']]));
      expect(resolveLinks(snap.snapshot, 'leak.yaml')).toEqual({ kind: 'outside', link: 'leak.yaml', target: '/etc/passwd' });
      expect(snap.rejected).toEqual([]);
    } finally {
      snap.dispose();
    }
  });

  it('lets a GitHub failure while reading the config through as such, not as an invalid config', async () => {
    fake.failNext('repos/get-content', 403);
    const error = await loadAppConfig(octokit, repo).then(() => undefined, (e: unknown) => e);
    expect(error).not.toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ status: 403 });
  });

  it('reports a config YAML error with the file and line', async () => {
    const error = await loadAppConfig(octokit, repo).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ path: '.github/gitops-guard.yml', line: 4 });
  });
});
