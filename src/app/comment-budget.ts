// review.maxComments is a budget for the whole pull request, not for each review: the comments
// gitops-guard already has on the PR count against it, so a push that changes nothing relevant
// posts nothing new. The "Re-run: all findings" button is an explicit request: it gets a review's worth.
import type { Finding } from '../core/types.js';

export function commentBudget(maxComments: number, commentedBefore: number, allFindings = false): number {
  return allFindings ? maxComments : Math.max(0, maxComments - commentedBefore);
}

/** The check run's note on findings the budget kept out of inline comments ('' when none). */
export function overBudgetNote(overCap: Finding[], maxComments: number, commentedBefore: number): string {
  if (overCap.length === 0) return '';
  const n = overCap.length;
  const already = commentedBefore ? ` and ${commentedBefore} ${commentedBefore === 1 ? 'is' : 'are'} already on it` : '';
  return `ℹ️ ${n} finding${n === 1 ? ' was' : 's were'} left out of inline comments: \`review.maxComments: ${maxComments}\` allows ${maxComments} comment${maxComments === 1 ? '' : 's'} per pull request${already}. Every finding is an annotation of this check run.`;
}
