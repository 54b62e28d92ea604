// One unit of work for the app: review one pull request at one head SHA.
// The webhook handler builds it; it runs inline (server) or from a queue (Lambda worker).
//
// Flow: skip if this PR, base and head already have (or are getting) a check run → check run in_progress → in
// parallel: PR state and threads (GraphQL), config, PR files, tarballs at base and head → engine →
// complete the check run → one review (open threads not commented again) → resolve threads of
// findings that are gone. Octokit's throttling spaces writes 1 s apart, so reads run alongside.
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config/config.js';
import { reviewChange } from '../engine/review.js';
import { CheckRunPublisher } from '../github/check-run-publisher.js';
import { existingCheckRuns, startCheckRun } from '../github/check-runs.js';
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
import { Deadline, during, failureReportOf, safeMessage } from './failure.js';
import { externalIdOf, planRun } from './run-plan.js';

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
   * The job comes from a `pull_request.opened` webhook (the draft flag as it showed). Not the PR's
   * state: a late or retried `opened` job may run after the PR moved on, so the PR is read as always.
   */
  opened?: { draft: boolean };
}

export interface RunOptions {
  /** The whole review (after the check run exists) must finish within this; default 8 minutes. */
  deadlineMs?: number;
}

const DEFAULT_DEADLINE_MS = 8 * 60 * 1000;

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

async function review(octokit: GitHubClient, ref: RepoRef, job: ReviewJob, checkRunId: number, log: Logger, run: CheckRunPublisher): Promise<void> {
  const state = early(during('reading the pull request', readPullRequestState(octokit, ref, job.pullNumber)));
  const files = early(during('listing the pull request files', listPullFiles(octokit, ref, job.pullNumber)));
  const head = early(during('downloading the head tarball', fetchSnapshot(octokit, ref, job.headSha)));
  // The base side is the merge base (as in GitHub's PR diff and the CLI), not the base branch tip; the
  // config is the base branch tip's, so that an old branch point cannot pick a looser gate.
  const baseTip = job.baseSha ? Promise.resolve(job.baseSha) : state.then((s) => s.baseRefOid);
  const mergeBase = early(baseTip.then((tip) => findMergeBase(octokit, ref, tip, job.headSha)));
  const base = early(mergeBase.then((sha) => fetchSnapshot(octokit, ref, sha)));
  try {
    const { config, sources } = await loadAppConfig(octokit, ref, await baseTip);
    log.debug({ sources }, 'config loaded');
    await reviewAndPublish(octokit, ref, job, checkRunId, config, { state, files: await files, head: await head, base: await base }, log, run);
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

async function reviewAndPublish(octokit: GitHubClient, ref: RepoRef, job: ReviewJob, checkRunId: number, config: ResolvedConfig, inputs: Inputs, log: Logger, run: CheckRunPublisher): Promise<void> {
  const { files, head, base } = inputs;
  const changedFiles = changedFilesOf(files.files, (p) => head.snapshot.read(p));
  const onlyIntroduced = job.allFindings ? false : config.review.onlyIntroduced;
  const output = await reviewChange({ base: base.snapshot, head: head.snapshot, changedFiles, config, headSha: job.headSha, onlyIntroduced });
  const state = await inputs.state;
  if (state.isDraft && !config.review.drafts) {
    await run.fail({
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
  // False when the run already concluded (timed_out past the deadline): publish nothing more.
  if (!(await run.complete(checkRun))) return;
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
    await run.note(`⚠️ The review comments could not be posted (${safeMessage(e)}); every finding is in this check run.`);
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
  const checkRunId = 'resume' in plan ? plan.resume : await startCheckRun(octokit, ref, job.headSha, externalIdOf(job));
  jobLog.info({ checkRunId, resumed: 'resume' in plan }, 'check run started');
  // The deadline guards the conclusion: once it is written, a slow review post must not turn it into timed_out.
  const deadline = new Deadline(options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const run = new CheckRunPublisher(octokit, ref, checkRunId, { log: jobLog, onConcluded: () => deadline.disarm() });
  try {
    await deadline.race(review(octokit, ref, job, checkRunId, jobLog, run));
  } catch (e) {
    const report = failureReportOf(e);
    jobLog.error({ err: safeMessage(e), conclusion: run.conclusion ?? report.conclusion }, 'review failed');
    await run.fail(report);
  }
}
