// The Probot app: turns pull_request / check_run / check_suite webhooks into ReviewJobs and runs
// them inline, or hands them to `enqueue` (the Lambda webhook function puts them on a queue).
import type { Context, Probot } from 'probot';
import { CHECK_RUN_NAME } from '../report/github-bodies.js';
import { RERUN_ALL_ACTION } from '../github/check-runs.js';
import { openPullsWithHead } from '../github/pulls-by-head.js';
import { runReviewJob, type ReviewJob } from './review-job.js';

export interface AppOptions {
  enqueue?: (job: ReviewJob) => Promise<void>;
}

interface PullRef {
  number: number;
  head: { sha: string };
  base: { sha: string; repo: { id: number } };
}

/** Delivery ids seen by this process: a redelivery arriving while the first is still running is dropped at once. */
class RecentDeliveries {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 2000) {}

  /** True the first time an id is seen. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }

  /** A delivery that failed may be redelivered: forget it. */
  forget(id: string): void {
    this.ids.delete(id);
  }
}

export default async function app(probot: Probot, options: AppOptions = {}): Promise<void> {
  const recent = new RecentDeliveries();

  const dispatch = async (context: Context, job: ReviewJob): Promise<void> => {
    if (options.enqueue) {
      await options.enqueue(job);
      context.log.info({ deliveryId: job.deliveryId, repo: `${job.owner}/${job.repo}`, pr: job.pullNumber, sha: job.headSha }, 'review job enqueued');
    } else {
      await runReviewJob(context.octokit, job, context.log);
    }
  };

  const jobsFor = (context: Context, pulls: PullRef[], headSha: string, extra: Partial<ReviewJob>): ReviewJob[] => {
    const { owner, repo } = context.repo();
    const repoId = (context.payload as { repository: { id: number } }).repository.id;
    const installationId = (context.payload as { installation?: { id: number } }).installation?.id;
    if (installationId === undefined) return [];
    // Only PRs into this repository (check suites also list PRs of other repos sharing the commit).
    return pulls
      .filter((p) => p.base.repo.id === repoId)
      .map((p) => ({ installationId, owner, repo, pullNumber: p.number, headSha, baseSha: p.base.sha, deliveryId: context.id, ...extra }));
  };

  /** The PRs a check_run / check_suite webhook names; for a fork's PR it names none, so they are looked up by head SHA. */
  const pullsAt = async (context: Context, listed: PullRef[], headSha: string): Promise<PullRef[]> =>
    listed.length ? listed : openPullsWithHead(context.octokit, context.repo(), headSha);

  const handle = async (context: Context, jobs: ReviewJob[]): Promise<void> => {
    if (!recent.add(context.id)) {
      context.log.info({ deliveryId: context.id }, 'redelivered webhook ignored');
      return;
    }
    if (jobs.length === 0) context.log.info({ deliveryId: context.id, event: context.name }, 'no pull request to review');
    // One delivery can name several PRs (a check suite); a failure of one must not hide the others.
    const results = await Promise.allSettled(jobs.map((job) => dispatch(context, job)));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length) {
      recent.forget(context.id);
      throw failed[0].reason;
    }
  };

  probot.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'], async (context) => {
    const pr = context.payload.pull_request;
    const { action } = context.payload;
    const extra: Partial<ReviewJob> = action === 'ready_for_review' ? { rerun: true } : action === 'opened' ? { opened: { draft: pr.draft ?? false } } : {};
    await handle(context, jobsFor(context, [pr], pr.head.sha, extra));
  });

  probot.on('check_run.rerequested', async (context) => {
    const run = context.payload.check_run;
    if (run.name !== CHECK_RUN_NAME) return;
    await handle(context, jobsFor(context, await pullsAt(context, run.pull_requests, run.head_sha), run.head_sha, { rerun: true }));
  });

  probot.on('check_run.requested_action', async (context) => {
    const run = context.payload.check_run;
    if (run.name !== CHECK_RUN_NAME || context.payload.requested_action?.identifier !== RERUN_ALL_ACTION.identifier) return;
    await handle(context, jobsFor(context, await pullsAt(context, run.pull_requests, run.head_sha), run.head_sha, { rerun: true, allFindings: true }));
  });

  probot.on('check_suite.rerequested', async (context) => {
    const suite = context.payload.check_suite;
    await handle(context, jobsFor(context, await pullsAt(context, suite.pull_requests as PullRef[], suite.head_sha), suite.head_sha, { rerun: true }));
  });
}
