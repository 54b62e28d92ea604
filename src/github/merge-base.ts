// The merge base of a pull request: what GitHub's PR diff (and `gitops-guard review`) compares the
// head with. The base branch tip is not it once the base branch moved on after the PR branched: its
// own changes would then be blamed on the PR. One compare request (`per_page: 1`: only the merge base
// is read, not the commit list).
import { statusOf, type GitHubClient, type RepoRef } from './client.js';

export class MergeBaseError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'MergeBaseError';
  }
}

export async function findMergeBase(octokit: GitHubClient, ref: RepoRef, baseSha: string, headSha: string): Promise<string> {
  const basehead = `${baseSha}...${headSha}`;
  let sha: string | undefined;
  try {
    const res = await octokit.rest.repos.compareCommitsWithBasehead({ ...ref, basehead, per_page: 1 });
    sha = res.data.merge_base_commit?.sha;
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new MergeBaseError(`finding the merge base of ${basehead} failed: ${why}`, statusOf(e));
  }
  if (!sha) throw new MergeBaseError(`GitHub's comparison ${basehead} names no merge base`);
  return sha;
}
