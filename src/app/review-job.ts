// One unit of work for the app: review one pull request at one head SHA.
// The webhook handler builds it; it runs inline (server) or from a queue (Lambda worker).
//
// Flow: skip if this SHA already has (or is getting) a check run → check run in_progress → in
// parallel: PR state and threads (GraphQL), config, PR files, tarballs at base and head → engine →
// complete the check run → one review (open threads not commented again) → resolve threads of
// findings that are gone. Octokit's throttling spaces writes 1 s apart, so reads run alongside.
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config/config.js';
import { reviewChange } from '../engine/review.js';
import { completeCheckRun, existingCheckRuns, failCheckRun, startCheckRun, type ExistingCheckRun } from '../github/check-runs.js';
import type { GitHubClient, RepoRef } from '../github/client.js';
import { loadAppConfig } from '../github/config.js';
import { dismissOwnChangeRequests } from '../github/dismiss-reviews.js';
import { findMergeBase } from '../github/merge-base.js';
import { changedFilesOf } from '../github/patch-lines.js';
import { listPullFiles } from '../github/pull-files.js';
import { readPullRequestState, type PullRequestState } from '../github/pull-request.js';
import { postReview } from '../github/reviews.js';
import { fetchSnapshot, type FetchedSnapshot } from '../github/snapshots.js';
import { planThreads, resolveThreads } from '../github/threads.js';
import { lineEndingsOf, planReview } from '../report/review-comments.js';
import type { ReviewOutput } from '../engine/review-types.js';
import { commentBudget, overBudgetNote } from './comment-budget.js';
import { failureReportOf, safeMessage, withDeadline } from './failure.js';

export interface ReviewJob {
  installationId: number;
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  deliveryId: string;
  /** Inline comments for pre-existing findings too (the check run's "re-run with all findings" button). */
  allFindings?: boolean;
  /** A re-run someone asked for (rerequested, requested_action, ready_for_review): review even if this SHA was reviewed. */
  rerun?: boolean;
  /** The PR's base SHA from the webhook, so the base tarball need not wait for the PR query. */
  baseSha?: string;
  /**
   * The PR as a `pull_request.opened` webhook showed it. A PR just opened has no review threads yet
   * (a redelivery of `opened` is stopped by the check-run check), so the PR query is not needed.
   */
  opened?: { draft: boolean };
}

export interface RunOptions {
  /** The whole review (after the check run exists) must finish within this; default 8 minutes. */
  deadlineMs?: number;
}

/** An in_progress run younger than this is another worker's live run (reviews end by 8 min); older ones were abandoned. */
const LIVE_RUN_MS = 10 * 60 * 1000;
const DEFAULT_DEADLINE_MS = 8 * 60 * 1000;

export type RunPlan = { skip: string } | { resume: number } | { start: true };

/**
 * What to do with a job, given the gitops-guard check runs already on its head commit: skip it
 * (a redelivery, a SHA reviewed or being reviewed), resume a run whose worker died (in_progress
 * for longer than any review takes, e.g. a Lambda killed mid-review, then retried), or start one.
 */
export function planRun(existing: ExistingCheckRun[], job: ReviewJob, now = Date.now()): RunPlan {
  const live = (r: ExistingCheckRun): boolean => r.status !== 'completed' && r.startedAt !== null && now - Date.parse(r.startedAt) < LIVE_RUN_MS;
  if (existing.some((r) => r.externalId === job.deliveryId && r.status === 'completed')) return { skip: 'redelivered webhook: this delivery was already reviewed' };
  const running = existing.find(live);
  if (running) return { skip: `a review of this head SHA is in progress (check run ${running.id})` };
  if (!job.rerun && existing.some((r) => r.status === 'completed')) return { skip: 'this head SHA was already reviewed' };
  const abandoned = existing.find((r) => r.status !== 'completed');
  return abandoned ? { resume: abandoned.id } : { start: true };
}

function notes(filesTruncated: boolean, rejected: number): string {
  const out: string[] = [];
  if (filesTruncated) out.push('⚠️ GitHub lists at most 3,000 files of a pull request and this one reached that limit: files beyond them were not reviewed.');
  if (rejected) out.push(`⚠️ ${rejected} repository entr${rejected === 1 ? 'y was' : 'ies were'} not read (duplicate symlinks, hard links, special files or paths escaping the repository).`);
  return out.length ? `\n\n${out.join('\n')}` : '';
}

/** Would the head still get a comment (and so, under REQUEST_CHANGES, a change request)? Unsettled findings count: a broken render fixed nothing. */
function leavesSomethingToChange(output: ReviewOutput, onlyIntroduced: boolean): boolean {
  return output.unsettled.length > 0 || output.findings.some((f) => !onlyIntroduced || f.introduced !== false);
}

/** Starts a promise now without an unhandled rejection if it fails before anyone awaits it. */
function early<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

async function review(octokit: GitHubClient, ref: RepoRef, job: ReviewJob, checkRunId: number, log: Logger, signal: AbortSignal): Promise<void> {
  const state = early(job.opened && job.baseSha
    ? Promise.resolve<PullRequestState>({ number: job.pullNumber, state: 'OPEN', isDraft: job.opened.draft, baseRefOid: job.baseSha, headRefOid: job.headSha, threads: [] })
    : readPullRequestState(octokit, ref, job.pullNumber));
  const files = early(listPullFiles(octokit, ref, job.pullNumber));
  const head = early(fetchSnapshot(octokit, ref, job.headSha));
  // The base side is the merge base (as in GitHub's PR diff and the CLI), not the base branch tip; its config governs.
  const baseTip = job.baseSha ? Promise.resolve(job.baseSha) : state.then((s) => s.baseRefOid);
  const mergeBase = early(baseTip.then((tip) => findMergeBase(octokit, ref, tip, job.headSha)));
  const base = early(mergeBase.then((sha) => fetchSnapshot(octokit, ref, sha)));
  try {
    const { config, sources } = await loadAppConfig(octokit, ref, await mergeBase);
    log.debug({ sources }, 'config loaded');
    await reviewAndPublish(octokit, ref, job, checkRunId, config, { state, files: await files, head: await head, base: await base }, log, signal);
  } finally {
    const settled = await Promise.allSettled([head, base]);
    for (const s of settled) if (s.status === 'fulfilled') s.value.dispose();
  }
}

interface Inputs {
  /** Pending: the engine does not wait for it (the GraphQL request queues behind the check-run write). */
  state: Promise<PullRequestState>;
  files: Awaited<ReturnType<typeof listPullFiles>>;
  head: FetchedSnapshot;
  base: FetchedSnapshot;
}

async function reviewAndPublish(octokit: GitHubClient, ref: RepoRef, job: ReviewJob, checkRunId: number, config: ResolvedConfig, inputs: Inputs, log: Logger, signal: AbortSignal): Promise<void> {
  const { files, head, base } = inputs;
  const changedFiles = changedFilesOf(files.files, (p) => head.snapshot.read(p));
  const onlyIntroduced = job.allFindings ? false : config.review.onlyIntroduced;
  const output = await reviewChange({ base: base.snapshot, head: head.snapshot, changedFiles, config, headSha: job.headSha, onlyIntroduced });
  const state = await inputs.state;
  if (state.isDraft && !config.review.drafts) {
    await failCheckRun(octokit, ref, checkRunId, {
      conclusion: 'neutral', title: 'Draft pull request: not reviewed',
      summary: 'Drafts are not reviewed (`review.drafts: false`); gitops-guard reviews this pull request when it is marked ready for review.',
    });
    log.info('draft pull request skipped');
    return;
  }
  const threads = planThreads(state.threads, new Set([...output.findings.map((f) => f.fingerprint ?? ''), ...output.unsettled]));
  const plan = planReview(output.findings, changedFiles, {
    event: config.review.event, maxComments: commentBudget(config.review.maxComments, threads.commentedBefore, job.allFindings), onlyIntroduced, headSha: job.headSha, alreadyCommented: threads.alreadyCommented,
    lineEndingOf: lineEndingsOf((p) => head.snapshot.read(p)),
    read: (p) => head.snapshot.read(p),
  });
  // Too-large files are findings of their own (limit-exceeded); the note counts what was refused outright.
  const refused = new Set([...head.rejected, ...base.rejected].filter((r) => r.reason !== 'too-large').map((r) => r.path)).size;
  const budgetNote = overBudgetNote(plan.overCap, config.review.maxComments, job.allFindings ? 0 : threads.commentedBefore);
  const summary = output.checkRun.output.summary + notes(files.truncated, refused) + (budgetNote ? `\n\n${budgetNote}` : '');
  const checkRun = { ...output.checkRun, output: { ...output.checkRun.output, summary } };
  // Past the deadline the check run was already completed as timed_out: publish nothing more.
  if (signal.aborted) return;
  await completeCheckRun(octokit, ref, checkRunId, checkRun);
  log.info({ findings: output.findings.length, conclusion: checkRun.conclusion, units: output.stats.units, renders: output.stats.renders, engineMs: output.stats.durationMs }, 'check run completed');

  if (state.state !== 'OPEN' || state.headRefOid !== job.headSha) {
    log.info({ prState: state.state, prHead: state.headRefOid }, 'pull request closed or moved on: review not posted');
    return;
  }
  try {
    const posted = await postReview(octokit, ref, job.pullNumber, plan.review, files.files);
    if (posted.reviewId !== null) log.info({ comments: posted.posted.length, dropped: posted.dropped.length, attempts: posted.attempts }, 'review posted');
    if (threads.toResolve.length) {
      await resolveThreads(octokit, threads.toResolve);
      log.info({ resolved: threads.toResolve.length }, 'review threads resolved');
    }
    // A PR just opened has no earlier review to lift.
    if (!job.opened && !leavesSomethingToChange(output, onlyIntroduced)) {
      const dismissed = await dismissOwnChangeRequests(octokit, ref, job.pullNumber, checkRunId, `Nothing left to change: gitops-guard finds no ${onlyIntroduced ? 'introduced ' : ''}issues at ${job.headSha.slice(0, 7)}.`);
      if (dismissed.length) log.info({ dismissed }, 'earlier change requests dismissed');
    }
  } catch (e) {
    // The check run already holds every finding; say there that the review part failed.
    log.error({ err: safeMessage(e) }, 'posting the review failed');
    await octokit.rest.checks.update({
      ...ref, check_run_id: checkRunId,
      output: { title: checkRun.output.title, summary: `${summary.slice(0, 64_000)}\n\n⚠️ The review comments could not be posted (${safeMessage(e)}); every finding is in this check run.` },
    });
  }
}

export async function runReviewJob(octokit: GitHubClient, job: ReviewJob, log: Logger, options: RunOptions = {}): Promise<void> {
  const ref: RepoRef = { owner: job.owner, repo: job.repo };
  const jobLog = log.child({ deliveryId: job.deliveryId, repo: `${job.owner}/${job.repo}`, pr: job.pullNumber, sha: job.headSha });
  const plan = planRun(await existingCheckRuns(octokit, ref, job.headSha), job);
  if ('skip' in plan) {
    jobLog.info({ reason: plan.skip }, 'review skipped');
    return;
  }
  const checkRunId = 'resume' in plan ? plan.resume : await startCheckRun(octokit, ref, job.headSha, job.deliveryId);
  jobLog.info({ checkRunId, resumed: 'resume' in plan }, 'check run started');
  const abort = new AbortController();
  try {
    await withDeadline(review(octokit, ref, job, checkRunId, jobLog, abort.signal), options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  } catch (e) {
    abort.abort();
    const report = failureReportOf(e);
    jobLog.error({ err: safeMessage(e), conclusion: report.conclusion }, 'review failed');
    await failCheckRun(octokit, ref, checkRunId, report);
  }
}
