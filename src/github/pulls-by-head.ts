// check_run / check_suite webhooks list no pull requests when the PR's head is in a fork (GitHub
// documents `pull_requests` as empty then), and a fork's commit has no "associated pull requests"
// in the base repository either: the open PRs of the repository are listed and matched by head SHA.
import type { GitHubClient, RepoRef } from './client.js';

export interface PullAtHead {
  number: number;
  head: { sha: string };
  base: { sha: string; repo: { id: number } };
}

export async function openPullsWithHead(octokit: GitHubClient, ref: RepoRef, headSha: string): Promise<PullAtHead[]> {
  const open = await octokit.paginate(octokit.rest.pulls.list, { ...ref, state: 'open', per_page: 100 });
  return open.filter((p) => p.head.sha === headSha).map((p) => ({ number: p.number, head: { sha: p.head.sha }, base: { sha: p.base.sha, repo: { id: p.base.repo.id } } }));
}
