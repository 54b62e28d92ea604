// The `gitops-guard` check run: created in_progress as soon as a review starts, completed with the
// engine's body. GitHub takes at most 50 annotations per request, so they go out in batches through
// checks.update (GitHub appends them), the first batch with the conclusion.
import { truncate } from '../report/escape.js';
import { ANNOTATIONS_PER_REQUEST, CHECK_RUN_NAME, GITHUB_TEXT_LIMIT, type CheckAnnotation, type CheckRunBody } from '../report/github-bodies.js';
import { statusOf, type GitHubClient, type RepoRef } from './client.js';

const TRUNCATION_NOTE = '_…truncated: GitHub limits this text to 65,535 characters; every finding is still an annotation._';

export const RERUN_ALL_ACTION = { label: 'Re-run: all findings', description: 'Comment on pre-existing findings too', identifier: 'rerun-all' } as const;

export type Conclusion = NonNullable<CheckRunBody['conclusion']>;

export interface ExistingCheckRun {
  id: number;
  status: string;
  conclusion: string | null;
  externalId: string | null;
  startedAt: string | null;
}

/** The gitops-guard check runs already on a commit (a REST GET: not held back by the write throttle). */
export async function existingCheckRuns(octokit: GitHubClient, ref: RepoRef, sha: string): Promise<ExistingCheckRun[]> {
  const res = await octokit.rest.checks.listForRef({ ...ref, ref: sha, check_name: CHECK_RUN_NAME, filter: 'all', per_page: 100 });
  return res.data.check_runs.map((r) => ({ id: r.id, status: r.status, conclusion: r.conclusion, externalId: r.external_id, startedAt: r.started_at }));
}

export async function startCheckRun(octokit: GitHubClient, ref: RepoRef, headSha: string, externalId: string): Promise<number> {
  const res = await octokit.rest.checks.create({
    ...ref,
    name: CHECK_RUN_NAME,
    head_sha: headSha,
    status: 'in_progress',
    external_id: externalId,
    started_at: new Date().toISOString(),
    output: { title: 'Reviewing…', summary: 'gitops-guard is rendering and checking what this pull request changes.' },
  });
  return res.data.id;
}

/** Keeps a text under GitHub's 65,535-character limit, saying so when it had to cut. */
export function fitText(text: string): string {
  return truncate(text, GITHUB_TEXT_LIMIT - 1, TRUNCATION_NOTE);
}

/** A summary with a note appended, cutting the summary rather than the note to stay under the limit. */
export function withNote(summary: string, note: string): string {
  const tail = `\n\n${note}`;
  return truncate(summary, GITHUB_TEXT_LIMIT - 1 - tail.length, TRUNCATION_NOTE) + tail;
}

export function annotationBatches(annotations: CheckAnnotation[]): CheckAnnotation[][] {
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  return batches.length ? batches : [[]];
}

const UPDATE_ATTEMPTS = 4;
const MAX_RETRY_WAIT_MS = 60_000;

/**
 * How long to wait before retrying a check-run write GitHub refused, or undefined when waiting
 * cannot help (404, 422…). Secondary rate limits (403/429) say how long in `retry-after`; server
 * errors and dropped connections back off. Without this a rate limit hit while completing would
 * leave the check run in_progress for ever.
 */
export function retryDelayMs(error: unknown, attempt: number): number | undefined {
  const status = statusOf(error);
  const headers = (error as { response?: { headers?: Record<string, string | number | undefined> } } | null)?.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  const backoff = Math.min(1000 * 2 ** attempt, MAX_RETRY_WAIT_MS);
  if (status === 403 || status === 429) {
    if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return Math.min(retryAfter * 1000, MAX_RETRY_WAIT_MS);
    const message = error instanceof Error ? error.message : '';
    return status === 429 || /rate limit/i.test(message) ? backoff : undefined;
  }
  if (status === undefined || status >= 500) return backoff;
  return undefined;
}

/** A write retried while `retryDelayMs` says waiting can help (also used for the review). */
export async function withRetries<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      const wait = attempt + 1 < UPDATE_ATTEMPTS ? retryDelayMs(e, attempt) : undefined;
      if (wait === undefined) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** One checks.update of a completion: the output, and for the first the conclusion too. */
export interface CompletionUpdate {
  output: { title: string; summary: string; text?: string; annotations: CheckAnnotation[] };
  completion?: { status: 'completed'; conclusion: Conclusion; completed_at: string; actions?: CheckRunBody['actions'] };
}

/**
 * The updates completing a check run with `body`. The first carries the conclusion (the gate is
 * known at once); further batches of 50 annotations are appended to the completed run, since
 * writes are spaced 1 s apart.
 */
export function completionUpdates(body: CheckRunBody): CompletionUpdate[] {
  const title = body.output.title.slice(0, 255);
  const summary = fitText(body.output.summary);
  const text = body.output.text === undefined ? undefined : fitText(body.output.text);
  return annotationBatches(body.output.annotations).map((annotations, i) => ({
    output: { title, summary, ...(text === undefined ? {} : { text }), annotations },
    ...(i === 0
      ? { completion: { status: 'completed' as const, conclusion: body.conclusion ?? 'neutral', completed_at: new Date().toISOString(), ...(body.actions ? { actions: body.actions } : {}) } }
      : {}),
  }));
}

export interface FailureReport {
  conclusion: Conclusion;
  title: string;
  summary: string;
  annotations?: CheckAnnotation[];
}

/** The body completing a check run with an error report. */
export function failureBody(report: FailureReport): CheckRunBody {
  return {
    name: CHECK_RUN_NAME,
    status: 'completed',
    conclusion: report.conclusion,
    output: { title: report.title, summary: report.summary, annotations: report.annotations ?? [] },
  };
}
