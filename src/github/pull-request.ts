// One GraphQL round trip for the PR's state and SHAs and its review threads (no nagging: what was
// already commented, what can be resolved); more only when a PR has over 100 threads.
import type { GitHubClient, RepoRef } from './client.js';

export interface ReviewThread {
  id: string;
  isResolved: boolean;
  path: string;
  /** Body of the thread's first comment (where gitops-guard writes its fingerprint markers). */
  firstCommentBody: string;
  firstCommentAuthor?: string;
  /** False when a person (not an app) wrote the first comment: a thread they start is never ours, whatever markers it copies. */
  firstCommentByApp?: boolean;
}

export interface PullRequestState {
  number: number;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  isDraft: boolean;
  baseRefOid: string;
  headRefOid: string;
  threads: ReviewThread[];
}

/** One page of review threads, with the first comment of each (its fingerprint marker and author). */
const REVIEW_THREADS = /* GraphQL */ `reviewThreads(first: 100, after: $threads) {
          pageInfo { hasNextPage endCursor }
          nodes {
            id
            isResolved
            path
            comments(first: 1) { nodes { body author { __typename login } } }
          }
        }`;

const QUERY = /* GraphQL */ `
  query GitopsGuardPullRequest($owner: String!, $repo: String!, $number: Int!, $threads: String) {
    repository(owner: $owner, name: $repo) {
      pullRequest(number: $number) {
        number
        state
        isDraft
        baseRefOid
        headRefOid
        ${REVIEW_THREADS}
      }
    }
  }
`;

const MORE_THREADS = /* GraphQL */ `
  query GitopsGuardReviewThreads($owner: String!, $repo: String!, $number: Int!, $threads: String) {
    repository(owner: $owner, name: $repo) {
      pullRequest(number: $number) {
        ${REVIEW_THREADS}
      }
    }
  }
`;

interface ThreadPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { id: string; isResolved: boolean; path: string; comments: { nodes: { body: string; author: { __typename?: string; login: string } | null }[] } }[];
}

interface QueryResult {
  repository: {
    pullRequest: {
      number: number;
      state: PullRequestState['state'];
      isDraft: boolean;
      baseRefOid: string;
      headRefOid: string;
      reviewThreads: ThreadPage;
    } | null;
  } | null;
}

/** Review threads beyond this many are not read (a PR with more has bigger problems). */
const MAX_THREAD_PAGES = 10;

function threadsOf(page: ThreadPage): ReviewThread[] {
  return page.nodes.map((n) => ({
    id: n.id,
    isResolved: n.isResolved,
    path: n.path,
    firstCommentBody: n.comments.nodes[0]?.body ?? '',
    firstCommentAuthor: n.comments.nodes[0]?.author?.login,
    firstCommentByApp: n.comments.nodes[0]?.author?.__typename === 'Bot',
  }));
}

export async function readPullRequestState(octokit: GitHubClient, ref: RepoRef, pullNumber: number): Promise<PullRequestState> {
  const vars = { owner: ref.owner, repo: ref.repo, number: pullNumber };
  const result = await octokit.graphql<QueryResult>(QUERY, vars);
  const pr = result.repository?.pullRequest;
  if (!pr) throw new Error(`pull request ${ref.owner}/${ref.repo}#${pullNumber} not found`);
  const threads = threadsOf(pr.reviewThreads);
  let page = pr.reviewThreads.pageInfo;
  for (let n = 1; page.hasNextPage && n < MAX_THREAD_PAGES; n++) {
    const more = await octokit.graphql<{ repository: { pullRequest: { reviewThreads: ThreadPage } } }>(MORE_THREADS, { ...vars, threads: page.endCursor });
    threads.push(...threadsOf(more.repository.pullRequest.reviewThreads));
    page = more.repository.pullRequest.reviewThreads.pageInfo;
  }
  return { number: pr.number, state: pr.state, isDraft: pr.isDraft, baseRefOid: pr.baseRefOid, headRefOid: pr.headRefOid, threads };
}
