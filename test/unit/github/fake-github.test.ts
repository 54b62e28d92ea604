// The fake GitHub answers like GitHub: what it accepts and what it refuses is what the e2e suite
// relies on, so it is tested on its own here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubClient } from '../../../src/github/client.js';
import { fakeWithClient } from '../../support/fake-github/harness.js';
import { findOperation, responseErrors } from '../../support/fake-github/openapi.js';
import type { FakeGitHub } from '../../support/fake-github/server.js';

let fake: FakeGitHub;
let octokit: GitHubClient;
let stop: () => Promise<void>;
let head: string;
const repo = { owner: 'floe', repo: 'gitops' };

const status = async (p: Promise<unknown>): Promise<number> => p.then(() => 200, (e: { status?: number }) => e.status ?? -1);

beforeAll(async () => {
  ({ fake, octokit, stop } = await fakeWithClient());
  const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
  fake.git.commit({ 'a.yaml': `${lines.join('\n')}\n` }, 'base');
  fake.git.checkoutNew('pr', 'main');
  const changed = [...lines];
  changed[4] = 'changed 5';
  changed[29] = 'changed 30';
  const files: Record<string, string> = { 'a.yaml': `${changed.join('\n')}\n` };
  for (let i = 0; i < 230; i++) files[`m/f${String(i).padStart(3, '0')}.yaml`] = `kind: ConfigMap\nname: f${i}\n`;
  head = fake.git.commit(files, 'pr');
  fake.openPull('pr');
}, 60_000);
afterAll(async () => stop());

describe('fake GitHub', () => {
  it('paginates the PR files with real patches', async () => {
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: 1, per_page: 100 });
    expect(files).toHaveLength(231);
    const a = files.find((f) => f.filename === 'a.yaml')!;
    expect(a.status).toBe('modified');
    expect(a.patch).toMatch(/^@@ -2,7 \+2,7 @@/);
    expect(fake.requests.filter((r) => r.operationId === 'pulls/list-files')).toHaveLength(3);
  });

  it('accepts comments inside a hunk and refuses them off the diff or across hunks (422)', async () => {
    const review = (comments: object[]) => octokit.rest.pulls.createReview({ ...repo, pull_number: 1, commit_id: head, event: 'COMMENT', body: 'x', comments: comments as never });
    expect(await status(review([{ path: 'a.yaml', line: 5, side: 'RIGHT', body: 'ok' }]))).toBe(200);
    expect(await status(review([{ path: 'a.yaml', line: 3, start_line: 2, side: 'RIGHT', start_side: 'RIGHT', body: 'context lines' }]))).toBe(200);
    expect(await status(review([{ path: 'a.yaml', line: 15, side: 'RIGHT', body: 'off the diff' }]))).toBe(422);
    expect(await status(review([{ path: 'a.yaml', line: 30, start_line: 5, side: 'RIGHT', start_side: 'RIGHT', body: 'two hunks' }]))).toBe(422);
    expect(await status(review([{ path: 'missing.yaml', line: 1, side: 'RIGHT', body: 'no such file' }]))).toBe(422);
    expect(fake.threads).toHaveLength(2);
  });

  it('refuses more than 50 annotations per request and output over 65,535 characters', async () => {
    const annotation = { path: 'a.yaml', start_line: 5, end_line: 5, annotation_level: 'warning' as const, message: 'm' };
    const create = (output: object) => octokit.rest.checks.create({ ...repo, name: 'gitops-guard', head_sha: head, status: 'in_progress', output: output as never });
    expect(await status(create({ title: 't', summary: 's', annotations: Array(50).fill(annotation) }))).toBe(200);
    expect(await status(create({ title: 't', summary: 's', annotations: Array(51).fill(annotation) }))).toBe(422);
    expect(await status(create({ title: 't', summary: 'x'.repeat(65_536) }))).toBe(422);
    expect(await status(create({ title: 't', summary: 's', text: 'x'.repeat(65_536) }))).toBe(422);
  });

  it('validates bodies against the OpenAPI description', async () => {
    const bad = octokit.request('POST /repos/{owner}/{repo}/check-runs', { ...repo, name: 'gitops-guard', head_sha: head, status: 'done' } as never);
    expect(await status(bad)).toBe(422);
    expect(fake.rejected.at(-1)?.message).toMatch(/status/);
  });

  it('requires a token it issued', async () => {
    const res = await fetch(`${fake.origin}/api/v3/repos/floe/gitops/pulls/1`, { headers: { authorization: 'token ghs_forged' } });
    expect(res.status).toBe(401);
  });

  it('validates GraphQL against GitHub\'s schema and resolves review threads', async () => {
    await expect(octokit.graphql('query { repository(owner: "floe", name: "gitops") { pullRequest(number: 1) { noSuchField } } }')).rejects.toThrow(/noSuchField/);
    const q = await octokit.graphql<{ repository: { pullRequest: { reviewThreads: { nodes: { id: string; isResolved: boolean }[] } } } }>(
      'query { repository(owner: "floe", name: "gitops") { pullRequest(number: 1) { reviewThreads(first: 10) { nodes { id isResolved } } } } }',
    );
    const [thread] = q.repository.pullRequest.reviewThreads.nodes;
    expect(thread.isResolved).toBe(false);
    await octokit.graphql('mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { isResolved } } }', { id: thread.id });
    expect(fake.threads.find((t) => t.id === thread.id)?.isResolved).toBe(true);
  });

  it('compares BASE...HEAD as GitHub does: the merge base, not the base tip, in the shape the description gives', async () => {
    const mergeBase = fake.git.resolve('main')!;
    fake.git.checkout('main');
    const tip = fake.git.commit({ 'later.yaml': 'kind: ConfigMap\n' }, 'main moves on');
    fake.git.checkout('pr');
    const res = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${tip}...${head}`, per_page: 1 });
    expect(res.data).toMatchObject({ merge_base_commit: { sha: mergeBase }, base_commit: { sha: tip }, status: 'diverged', ahead_by: 1, behind_by: 1 });
    expect(res.data.files?.map((f) => f.filename)).not.toContain('later.yaml');
    expect(responseErrors(findOperation('GET', `/repos/floe/gitops/compare/${tip}...${head}`)!, 200, res.data)).toEqual([]);
    expect(await status(octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${tip}...${'f'.repeat(40)}` }))).toBe(404);
  });

  it('serves the tarball of a commit through a redirect', async () => {
    const res = await octokit.rest.repos.downloadTarballArchive({ ...repo, ref: head });
    expect(res.status).toBe(200);
    expect(Buffer.from(res.data as ArrayBuffer).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });
});
