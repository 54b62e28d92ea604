// No nagging: gitops-guard's own review threads carry fingerprint markers. A finding whose
// fingerprint sits in one of them is not commented again, also when a person resolved the thread
// (they acknowledged it); an open thread all of whose findings are gone is resolved (one GraphQL
// mutation for all of them).
import { FINGERPRINT_MARKER, fingerprintsInBody } from '../report/review-comments.js';
import type { GitHubClient } from './client.js';
import type { ReviewThread } from './pull-request.js';

export interface ThreadPlan {
  /** Fingerprints already commented on, in open or resolved threads. */
  alreadyCommented: Set<string>;
  /** Open gitops-guard threads whose findings are all gone at the head. */
  toResolve: ReviewThread[];
  /** How many comments gitops-guard already has on the PR (one per thread): they count against review.maxComments. */
  commentedBefore: number;
}

function isOurs(thread: ReviewThread): boolean {
  return thread.firstCommentByApp !== false && thread.firstCommentBody.includes(FINGERPRINT_MARKER);
}

export function planThreads(threads: ReviewThread[], currentFingerprints: Set<string>): ThreadPlan {
  const alreadyCommented = new Set<string>();
  const toResolve: ReviewThread[] = [];
  const ours = threads.filter(isOurs);
  for (const thread of ours) {
    const fps = fingerprintsInBody(thread.firstCommentBody);
    if (fps.some((fp) => currentFingerprints.has(fp))) fps.forEach((fp) => alreadyCommented.add(fp));
    else if (!thread.isResolved) toResolve.push(thread);
  }
  return { alreadyCommented, toResolve, commentedBefore: ours.length };
}

/** Resolves threads in one GraphQL request (aliases), at most `chunk` per request. */
export async function resolveThreads(octokit: GitHubClient, threads: ReviewThread[], chunk = 50): Promise<number> {
  let requests = 0;
  for (let i = 0; i < threads.length; i += chunk) {
    const part = threads.slice(i, i + chunk);
    const params = part.map((_, j) => `$t${j}: ID!`).join(', ');
    const fields = part.map((_, j) => `r${j}: resolveReviewThread(input: { threadId: $t${j} }) { thread { id isResolved } }`).join('\n');
    const variables = Object.fromEntries(part.map((t, j) => [`t${j}`, t.id]));
    await octokit.graphql(`mutation GitopsGuardResolveThreads(${params}) {\n${fields}\n}`, variables);
    requests++;
  }
  return requests;
}
