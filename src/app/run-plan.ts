// Whether a job needs a review, from the gitops-guard check runs already on its head commit.
// A review depends on the pull request and its base as much as on the head: the same head proposed
// into another branch (a backport) is another review. Each check run records what it reviewed in its
// external_id — delivery, PR number, base SHA — so that redeliveries and repeats are recognised.
import type { ExistingCheckRun } from '../github/check-runs.js';

export interface RunSubject {
  pullNumber: number;
  baseSha?: string;
  deliveryId: string;
  /** A re-run someone asked for: review even if this was reviewed. */
  rerun?: boolean;
}

interface RecordedSubject {
  deliveryId: string;
  /** Absent in check runs written before PR and base were recorded: they count for every PR. */
  pullNumber?: number;
  baseSha?: string;
}

export function externalIdOf(subject: RunSubject): string {
  const fields: Record<string, string> = { delivery: subject.deliveryId, pr: String(subject.pullNumber) };
  if (subject.baseSha) fields.base = subject.baseSha;
  return new URLSearchParams(fields).toString();
}

export function recordedSubjectOf(externalId: string | null): RecordedSubject {
  if (!externalId?.includes('=')) return { deliveryId: externalId ?? '' };
  const fields = new URLSearchParams(externalId);
  const pr = Number(fields.get('pr'));
  return { deliveryId: fields.get('delivery') ?? '', pullNumber: Number.isSafeInteger(pr) && pr > 0 ? pr : undefined, baseSha: fields.get('base') ?? undefined };
}

/** Did this run review what the job would (same PR, same base where both are known)? */
function sameReview(run: ExistingCheckRun, subject: RunSubject): boolean {
  const recorded = recordedSubjectOf(run.externalId);
  if (recorded.pullNumber === undefined) return true;
  if (recorded.pullNumber !== subject.pullNumber) return false;
  return recorded.baseSha === undefined || subject.baseSha === undefined || recorded.baseSha === subject.baseSha;
}

/** An in_progress run younger than this is another worker's live run (reviews end by 8 min); older ones were abandoned. */
const LIVE_RUN_MS = 10 * 60 * 1000;

export type RunPlan = { skip: string } | { resume: number } | { start: true };

/**
 * What to do with a job, given the gitops-guard check runs already on its head commit: skip it
 * (a redelivery, a review already done or under way), resume a run whose worker died (in_progress
 * for longer than any review takes, e.g. a Lambda killed mid-review, then retried), or start one.
 * Only runs of the same review count: another PR with this head, or this PR on another base, does not.
 */
export function planRun(onCommit: ExistingCheckRun[], subject: RunSubject, now = Date.now()): RunPlan {
  const existing = onCommit.filter((r) => sameReview(r, subject));
  const live = (r: ExistingCheckRun): boolean => r.status !== 'completed' && r.startedAt !== null && now - Date.parse(r.startedAt) < LIVE_RUN_MS;
  if (existing.some((r) => recordedSubjectOf(r.externalId).deliveryId === subject.deliveryId && r.status === 'completed')) return { skip: 'redelivered webhook: this delivery was already reviewed' };
  const running = existing.find(live);
  if (running) return { skip: `a review of this head SHA is in progress (check run ${running.id})` };
  if (!subject.rerun && existing.some((r) => r.status === 'completed')) return { skip: 'this pull request was already reviewed at this head and base' };
  const abandoned = existing.find((r) => r.status !== 'completed');
  return abandoned ? { resume: abandoned.id } : { start: true };
}
