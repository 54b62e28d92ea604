// One GraphQL round trip for what a review needs to know before it starts: the PR's state and
// SHAs, the gitops-guard check runs already on the head commit (redelivery / duplicate detection),
// and the review threads (no nagging: what was already commented, what can be resolved).
import type { GitHubClient, RepoRef } from './client.js';

export interface ReviewThread {
  id: string;
  isResolved: boolean;
  path: string;
  /** Body of the thread's first comment (where gitops-guard writes its fingerprint markers). */
  firstCommentBody: string;
  firstCommentAuthor?: string;
}

export interface ExistingCheckRun {
  databaseId: number;
  status: string;
  conclusion: string | null;
  externalId: string | null;
  startedAt: string | null;
}

export interface PullRequestState {
  number: number;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  isDraft: boolean;
  baseRefOid: string;
  headRefOid: string;
  threads: ReviewThread[];
  checkRuns: ExistingCheckRun[];
}

export const CHECK_RUN_NAME_FILTER = 'gitops-guard';

const QUERY = /* GraphQL */ `
  query GitopsGuardPullRequest($owner: String!, $repo: String!, $number: Int!, $headSha: GitObjectID!, $checkName: String!, $threads: String) {
    repository(owner: $owner, name: $repo) {
      pullRequest(number: $number) {
        number
        state
        isDraft
        baseRefOid
        headRefOid
        reviewThreads(first: 100, after: $threads) {
          pageInfo { hasNextPage endCursor }
          nodes {
            id
            isResolved
            path
            comments(first: 1) { nodes { body author { login } } }
          }
        }
      }
      object(oid: $headSha) {
        ... on Commit {
          checkSuites(first: 20, filterBy: { checkName: $checkName }) {
            nodes {
              checkRuns(first: 20, filterBy: { checkName: $checkName }) {
                nodes { databaseId status conclusion externalId startedAt }
              }
            }
          }
        }
      }
    }
  }
`;

const MORE_THREADS = /* GraphQL */ `
  query GitopsGuardReviewThreads($owner: String!, $repo: String!, $number: Int!, $threads: String) {
    repository(owner: $owner, name: $repo) {
      pullRequest(number: $number) {
        reviewThreads(first: 100, after: $threads) {
          pageInfo { hasNextPage endCursor }
          nodes {
            id
            isResolved
            path
            comments(first: 1) { nodes { body author { login } } }
          }
        }
      }
    }
  }
`;

interface ThreadPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { id: string; isResolved: boolean; path: string; comments: { nodes: { body: string; author: { login: string } | null }[] } }[];
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
    object: { checkSuites?: { nodes: { checkRuns: { nodes: ExistingCheckRun[] } }[] } } | null;
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
  }));
}

export async function readPullRequestState(octokit: GitHubClient, ref: RepoRef, pullNumber: number, headSha: string): Promise<PullRequestState> {
  const vars = { owner: ref.owner, repo: ref.repo, number: pullNumber };
  const result = await octokit.graphql<QueryResult>(QUERY, { ...vars, headSha, checkName: CHECK_RUN_NAME_FILTER });
  const pr = result.repository?.pullRequest;
  if (!pr) throw new Error(`pull request ${ref.owner}/${ref.repo}#${pullNumber} not found`);
  const threads = threadsOf(pr.reviewThreads);
  let page = pr.reviewThreads.pageInfo;
  for (let n = 1; page.hasNextPage && n < MAX_THREAD_PAGES; n++) {
    const more = await octokit.graphql<{ repository: { pullRequest: { reviewThreads: ThreadPage } } }>(MORE_THREADS, { ...vars, threads: page.endCursor });
    threads.push(...threadsOf(more.repository.pullRequest.reviewThreads));
    page = more.repository.pullRequest.reviewThreads.pageInfo;
  }
  const checkRuns = (result.repository?.object?.checkSuites?.nodes ?? []).flatMap((s) => s.checkRuns.nodes);
  return { number: pr.number, state: pr.state, isDraft: pr.isDraft, baseRefOid: pr.baseRefOid, headRefOid: pr.headRefOid, threads, checkRuns };
}
