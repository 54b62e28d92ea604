// Posts the one review of a run. GitHub rejects the whole review (422) when any inline comment is
// not on a line of the diff or a multi-line comment starts in another hunk, without saying which.
// So comments the patches show GitHub would reject are left out before sending, and if GitHub still
// answers 422 the review goes again without inline comments. Dropped comments' findings remain
// check-run annotations.
import type { ReviewBody, ReviewComment } from '../report/github-bodies.js';
import { withRetries } from './check-runs.js';
import { statusOf, type GitHubClient, type RepoRef } from './client.js';
import { hunkRanges, type PullFile } from './patch-lines.js';

export interface PostedReview {
  /** null when nothing was posted (no comments). */
  reviewId: number | null;
  posted: ReviewComment[];
  dropped: ReviewComment[];
  attempts: number;
}

/** Would GitHub place this comment? Its line (and start_line) must be inside one hunk of the file's patch. */
export function placeable(comment: ReviewComment, patches: Map<string, string | undefined>): boolean {
  const patch = patches.get(comment.path);
  if (!patch) return false;
  const hunk = hunkRanges(patch).find((h) => comment.line >= h.start && comment.line <= h.end);
  if (!hunk) return false;
  if (comment.start_line === undefined) return true;
  return comment.start_line < comment.line && comment.start_line >= hunk.start;
}

export async function postReview(
  octokit: GitHubClient,
  ref: RepoRef,
  pullNumber: number,
  review: ReviewBody,
  files: PullFile[],
): Promise<PostedReview> {
  if (review.comments.length === 0) return { reviewId: null, posted: [], dropped: [], attempts: 0 };
  const patches = new Map(files.map((f) => [f.filename, f.patch]));
  let attempts = 0;
  const send = async (comments: ReviewComment[]): Promise<PostedReview> => {
    attempts++;
    const dropped = review.comments.filter((c) => !comments.includes(c));
    const body = dropped.length
      ? `${review.body}\n\n${dropped.length} comment${dropped.length === 1 ? '' : 's'} could not be placed on the diff; see the \`gitops-guard\` check run.`
      : review.body;
    const res = await withRetries(() => octokit.rest.pulls.createReview({
      ...ref, pull_number: pullNumber, event: review.event, body, comments, ...(review.commit_id ? { commit_id: review.commit_id } : {}),
    }));
    return { reviewId: res.data.id, posted: comments, dropped, attempts };
  };
  const placeableComments = review.comments.filter((c) => placeable(c, patches));
  if (placeableComments.length) {
    try {
      return await send(placeableComments);
    } catch (e) {
      if (statusOf(e) !== 422) throw e;
    }
  }
  return send([]);
}
