// With review.event: REQUEST_CHANGES the app's review blocks the merge until it is dismissed: once
// the head has nothing left to request changes for, the app dismisses its own earlier
// CHANGES_REQUESTED reviews (never anyone else's).
import type { GitHubClient, RepoRef } from './client.js';

/**
 * The app's bot account is `<app slug>[bot]`; an installation token cannot read the app itself
 * (GET /app needs the app's JWT), but a check run it created names its app.
 */
async function botLoginOf(octokit: GitHubClient, ref: RepoRef, checkRunId: number): Promise<string | undefined> {
  const run = await octokit.rest.checks.get({ ...ref, check_run_id: checkRunId });
  return run.data.app?.slug ? `${run.data.app.slug}[bot]` : undefined;
}

/** Dismisses the app's own CHANGES_REQUESTED reviews of the PR; returns their ids. */
export async function dismissOwnChangeRequests(octokit: GitHubClient, ref: RepoRef, pullNumber: number, checkRunId: number, message: string): Promise<number[]> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...ref, pull_number: pullNumber, per_page: 100 });
  const blocking = reviews.filter((r) => r.state === 'CHANGES_REQUESTED' && r.user?.type === 'Bot');
  if (blocking.length === 0) return [];
  const login = await botLoginOf(octokit, ref, checkRunId);
  const own = blocking.filter((r) => r.user?.login === login);
  for (const r of own) await octokit.rest.pulls.dismissReview({ ...ref, pull_number: pullNumber, review_id: r.id, message, event: 'DISMISS' });
  return own.map((r) => r.id);
}
