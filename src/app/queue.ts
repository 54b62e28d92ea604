// The hand-off between the webhook receiver and the review worker: a ReviewJob goes in as a small
// JSON message (ids and a SHA, never the webhook payload) and comes out validated.
import type { ReviewJob } from './review-job.js';

export interface ReviewQueue {
  /** Resolves once the job is accepted (durably, for SQS); processing happens later, elsewhere. */
  enqueue(job: ReviewJob): Promise<void>;
}

export class JobDecodeError extends Error {}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export function encodeJob(job: ReviewJob): string {
  return JSON.stringify(decodeJobObject(job));
}

export function decodeJob(body: string): ReviewJob {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new JobDecodeError(`review job is not JSON: ${(e as Error).message}`);
  }
  return decodeJobObject(value);
}

/** Checks every field and returns a copy holding only the ReviewJob fields. */
function decodeJobObject(value: unknown): ReviewJob {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new JobDecodeError('review job is not an object');
  const v = value as Record<string, unknown>;
  const positiveInt = (k: string): number => {
    const n = v[k];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) throw new JobDecodeError(`review job field ${k} must be a positive integer`);
    return n;
  };
  const matching = (k: string, re: RegExp): string => {
    const s = v[k];
    if (typeof s !== 'string' || !re.test(s)) throw new JobDecodeError(`review job field ${k} is missing or malformed`);
    return s;
  };
  const job: ReviewJob = {
    installationId: positiveInt('installationId'),
    owner: matching('owner', NAME),
    repo: matching('repo', NAME),
    pullNumber: positiveInt('pullNumber'),
    headSha: matching('headSha', SHA),
    deliveryId: matching('deliveryId', /^[\w-]{1,100}$/),
  };
  for (const flag of ['allFindings', 'rerun'] as const) {
    if (v[flag] === undefined) continue;
    if (typeof v[flag] !== 'boolean') throw new JobDecodeError(`review job field ${flag} must be a boolean`);
    job[flag] = v[flag];
  }
  if (v.baseSha !== undefined) job.baseSha = matching('baseSha', SHA);
  if (v.opened !== undefined) {
    const opened = v.opened as { draft?: unknown } | null;
    if (typeof opened !== 'object' || opened === null || typeof opened.draft !== 'boolean') throw new JobDecodeError('review job field opened must be {"draft": boolean}');
    job.opened = { draft: opened.draft };
  }
  return job;
}
