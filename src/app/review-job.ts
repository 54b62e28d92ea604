// One unit of work for the app: review one pull request at one head SHA.
// The webhook handler builds it; it runs inline (server) or from a queue (Lambda worker).
//
// Flow: read PR state (one GraphQL query) → skip if closed, stale, or already done for this SHA
// → check run in_progress → config → PR files → tarballs at base and head → engine → complete the
// check run → one review (without re-commenting open threads) → resolve threads of gone findings.
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config/config.js';
import { reviewChange } from '../engine/review.js';
import type { ReviewOutput } from '../engine/review-types.js';
import { failCheckRun, completeCheckRun, startCheckRun } from '../github/check-runs.js';
import type { GitHubClient, RepoRef } from '../github/client.js';
import { loadAppConfig } from '../github/config.js';
import { changedFilesOf } from '../github/patch-lines.js';
import { listPullFiles } from '../github/pull-files.js';
import { readPullRequestState, type PullRequestState } from '../github/pull-request.js';
import { postReview } from '../github/reviews.js';
import { fetchSnapshot, type FetchedSnapshot } from '../github/snapshots.js';
import { planThreads, resolveThreads } from '../github/threads.js';
import { lineEndingsOf, planReview } from '../report/review-comments.js';
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
}

export interface RunOptions {
  /** The whole review (after the check run exists) must finish within this; default 8 minutes. */
  deadlineMs?: number;
}

/** An in_progress run younger than this is another worker's live run, older is abandoned. */
const LIVE_RUN_MS = 10 * 60 * 1000;
const DEFAULT_DEADLINE_MS = 8 * 60 * 1000;

/** Why this job must not run, or undefined when it should. */
export function reasonToSkip(state: PullRequestState, job: ReviewJob, now = Date.now()): string | undefined {
  if (state.state !== 'OPEN') return `pull request is ${state.state.toLowerCase()}`;
  if (state.headRefOid !== job.headSha) return `head moved on to ${state.headRefOid}`;
  if (state.checkRuns.some((r) => r.externalId === job.deliveryId)) return 'redelivered webhook: this delivery already has a check run';
  if (job.rerun) return undefined;
  if (state.checkRuns.some((r) => r.status === 'COMPLETED')) return 'this head SHA was already reviewed';
  const live = state.checkRuns.find((r) => r.status !== 'COMPLETED' && r.startedAt && now - Date.parse(r.startedAt) < LIVE_RUN_MS);
  if (live) return `a review of this head SHA is in progress (check run ${live.databaseId})`;
  return undefined;
}

function notes(state: { filesTruncated: boolean; rejected: number }): string {
  const out: string[] = [];
  if (state.filesTruncated) out.push('⚠️ This pull request changes more than 3,000 files; GitHub lists only the first 3,000 and only those were reviewed.');
  if (state.rejected) out.push(`⚠️ ${state.rejected} repository entr${state.rejected === 1 ? 'y was' : 'ies were'} not read (symlinks, links or paths escaping the repository).`);
  return out.length ? `\n\n${out.join('\n')}` : '';
}

async function review(octokit: GitHubClient, ref: RepoRef, job: ReviewJob, state: PullRequestState, checkRunId: number, config: ResolvedConfig, log: Logger, signal: AbortSignal): Promise<void> {
  const pullFiles = await listPullFiles(octokit, ref, job.pullNumber);
  const fetched: FetchedSnapshot[] = [];
  try {
    const [head, base] = await Promise.all([fetchSnapshot(octokit, ref, job.headSha), fetchSnapshot(octokit, ref, state.baseRefOid)]);
    fetched.push(head, base);
    const changedFiles = changedFilesOf(pullFiles.files, (p) => head.snapshot.read(p));
    const onlyIntroduced = job.allFindings ? false : config.review.onlyIntroduced;
    const output: ReviewOutput = await reviewChange({ base: base.snapshot, head: head.snapshot, changedFiles, config, headSha: job.headSha, onlyIntroduced });
    const threads = planThreads(state.threads, new Set(output.findings.map((f) => f.fingerprint ?? '')));
    const plan = planReview(output.findings, changedFiles, {
      event: config.review.event, maxComments: config.review.maxComments, onlyIntroduced, headSha: job.headSha, alreadyCommented: threads.alreadyCommented,
    lineEndingOf: lineEndingsOf((p) => head.snapshot.read(p)),
    });
    const checkRun = { ...output.checkRun, output: { ...output.checkRun.output, summary: output.checkRun.output.summary + notes({ filesTruncated: pullFiles.truncated, rejected: head.rejected.length }) } };
    // Past the deadline the check run was already completed as timed_out: publish nothing more.
    if (signal.aborted) return;
    await completeCheckRun(octokit, ref, checkRunId, checkRun);
    log.info({ findings: output.findings.length, conclusion: checkRun.conclusion, units: output.stats.units, renders: output.stats.renders, durationMs: output.stats.durationMs }, 'check run completed');

    try {
      const posted = await postReview(octokit, ref, job.pullNumber, plan.review, pullFiles.files);
      if (posted.reviewId !== null) log.info({ comments: posted.posted.length, dropped: posted.dropped.length, attempts: posted.attempts }, 'review posted');
      if (threads.toResolve.length) {
        await resolveThreads(octokit, threads.toResolve);
        log.info({ resolved: threads.toResolve.length }, 'review threads resolved');
      }
    } catch (e) {
      // The check run already holds every finding; say that the review part failed.
      log.error({ err: safeMessage(e) }, 'posting the review failed');
      await octokit.rest.checks.update({
        ...ref, check_run_id: checkRunId,
        output: { title: checkRun.output.title, summary: `${checkRun.output.summary}\n\n⚠️ The review comments could not be posted (${safeMessage(e)}); every finding is in this check run.`.slice(0, 65_000) },
      });
    }
  } finally {
    for (const f of fetched) f.dispose();
  }
}

export async function runReviewJob(octokit: GitHubClient, job: ReviewJob, log: Logger, options: RunOptions = {}): Promise<void> {
  const ref: RepoRef = { owner: job.owner, repo: job.repo };
  const jobLog = log.child({ deliveryId: job.deliveryId, repo: `${job.owner}/${job.repo}`, pr: job.pullNumber, sha: job.headSha });
  const state = await readPullRequestState(octokit, ref, job.pullNumber, job.headSha);
  const skip = reasonToSkip(state, job);
  if (skip) {
    jobLog.info({ reason: skip }, 'review skipped');
    return;
  }
  const checkRunId = await startCheckRun(octokit, ref, job.headSha, job.deliveryId);
  jobLog.info({ checkRunId }, 'check run started');
  const abort = new AbortController();
  try {
    await withDeadline((async () => {
      const { config, sources } = await loadAppConfig(octokit, ref);
      jobLog.debug({ sources }, 'config loaded');
      if (state.isDraft && !config.review.drafts) {
        await failCheckRun(octokit, ref, checkRunId, {
          conclusion: 'neutral', title: 'Draft pull request: not reviewed',
          summary: 'Drafts are not reviewed (`review.drafts: false`); gitops-guard reviews this pull request when it is marked ready for review.',
        });
        jobLog.info('draft pull request skipped');
        return;
      }
      await review(octokit, ref, job, state, checkRunId, config, jobLog, abort.signal);
    })(), options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  } catch (e) {
    abort.abort();
    const report = failureReportOf(e);
    jobLog.error({ err: safeMessage(e), conclusion: report.conclusion }, 'review failed');
    await failCheckRun(octokit, ref, checkRunId, report);
  }
}
