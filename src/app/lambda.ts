// AWS Lambda handlers over Probot 14, written here rather than taken from
// @probot/adapter-aws-lambda-serverless (whose 4.x pins Probot 13; see the README).
//  - webhooks: API Gateway event → signature check → the app's handlers, which enqueue a ReviewJob;
//    answers well inside GitHub's 10 s.
//  - worker: SQS batch → one review per message; failed messages are reported individually
//    (partial batch response) so only they return to the queue, and on to the DLQ after a few tries.
import { createProbot, type Probot } from 'probot';
import type { Logger } from 'pino';
import app from './app.js';
import { BadRequest, jsonResult, webhookRequest, type HttpEvent, type HttpResult } from './lambda-http.js';
import type { AppSecrets } from './lambda-secrets.js';
import { decodeJob, type ReviewQueue } from './queue.js';
import type { ReviewJob, RunOptions } from './review-job.js';

/** The part of the Lambda context object the handlers use. */
export interface LambdaContext {
  awsRequestId?: string;
  getRemainingTimeInMillis?: () => number;
}

export interface SqsRecord {
  messageId: string;
  body: string;
  attributes?: { ApproximateReceiveCount?: string };
}

export interface SqsEvent {
  Records: SqsRecord[];
}

export interface BatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/**
 * A ready Probot for the app's credentials. The API URL follows Probot's own convention
 * (GHE_HOST, GHE_PROTOCOL), as the server does.
 */
export async function appProbot(secrets: AppSecrets, log: Logger, env: NodeJS.ProcessEnv = process.env): Promise<Probot> {
  const appId = Number(env.APP_ID);
  if (!Number.isSafeInteger(appId) || appId <= 0) throw new Error('APP_ID must be the GitHub App id');
  const probot = createProbot({
    env: { ...env, PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: undefined, WEBHOOK_SECRET: undefined },
    overrides: { appId, privateKey: secrets.privateKey, secret: secrets.webhookSecret, log },
  });
  await probot.ready();
  return probot;
}

/** Loads the app so that its webhook handlers enqueue instead of reviewing inline. */
export async function enqueuingProbot(probot: Probot, queue: ReviewQueue): Promise<Probot> {
  await app(probot, { enqueue: (job) => queue.enqueue(job) });
  return probot;
}

/**
 * What to log of a failure: Probot attaches the whole webhook payload to handler errors
 * (`error.event`) and Octokit the request and response to its errors; type, message, status and
 * stack are what an operator needs.
 */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const out: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') out.status = status;
  if (error instanceof AggregateError) out.errors = error.errors.map(errorSummary);
  return out;
}

const WEBHOOK_BUDGET_MS = 9_000;
const SAFETY_MARGIN_MS = 500;

class DeadlineExceeded extends Error {}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(`not done within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function createWebhooksHandler(getProbot: () => Promise<Probot>, log: Logger) {
  return async (event: HttpEvent, context: LambdaContext = {}): Promise<HttpResult> => {
    let request;
    try {
      request = webhookRequest(event);
    } catch (e) {
      if (e instanceof BadRequest) return jsonResult(400, { error: e.message });
      throw e;
    }
    const deliveryLog = log.child({ deliveryId: request.id, event: request.name });
    let probot: Probot;
    try {
      // Probot 14 initialises asynchronously: `webhooks` is null until it is ready.
      probot = await (await getProbot()).ready();
    } catch (e) {
      deliveryLog.error({ err: e }, 'app initialisation failed');
      return jsonResult(500, { error: 'app not initialised' });
    }
    // verifyAndReceive in two steps, so that a bad signature (401) is told apart from a handler
    // that failed (500): both reject with an AggregateError otherwise.
    if (!(await probot.webhooks.verify(request.payload, request.signature))) {
      deliveryLog.warn('webhook signature does not match');
      return jsonResult(401, { error: 'signature does not match' });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(request.payload);
    } catch {
      return jsonResult(400, { error: 'body is not JSON' });
    }
    const budget = Math.min(WEBHOOK_BUDGET_MS, (context.getRemainingTimeInMillis?.() ?? Infinity) - SAFETY_MARGIN_MS);
    try {
      await withDeadline(probot.webhooks.receive({ id: request.id, name: request.name, payload } as Parameters<Probot['webhooks']['receive']>[0]), budget);
    } catch (e) {
      deliveryLog.error({ err: errorSummary(e) }, e instanceof DeadlineExceeded ? 'webhook handling timed out' : 'webhook handler failed');
      return jsonResult(e instanceof DeadlineExceeded ? 503 : 500, { error: 'webhook handling failed' });
    }
    return jsonResult(200, { ok: true });
  };
}

export type RunJob = (octokit: Awaited<ReturnType<Probot['auth']>>, job: ReviewJob, log: Logger, options: RunOptions) => Promise<void>;

export interface WorkerOptions {
  /** Runs one review: runReviewJob, passed in so that this module does not pull in the engine. */
  runJob: RunJob;
  /** A review is not started with less time than this left; its message goes back to the queue. */
  minRemainingMs?: number;
}

/** Time kept back from a review's deadline so the check run can still be completed before Lambda stops us. */
const WORKER_RESERVE_MS = 15_000;

export function createWorkerHandler(getProbot: () => Promise<Probot>, log: Logger, options: WorkerOptions) {
  const { runJob } = options;
  const minRemainingMs = options.minRemainingMs ?? 60_000;
  return async (event: SqsEvent, context: LambdaContext = {}): Promise<BatchResponse> => {
    // Without credentials nothing can succeed: fail the whole invocation so every message is retried.
    const probot = await (await getProbot()).ready();
    const failed: string[] = [];
    for (const record of event.Records) {
      const recordLog = log.child({ messageId: record.messageId, receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 1) });
      const remaining = context.getRemainingTimeInMillis?.() ?? Infinity;
      if (remaining < minRemainingMs) {
        recordLog.warn({ remainingMs: remaining }, 'too little time left to start a review; returning the message to the queue');
        failed.push(record.messageId);
        continue;
      }
      let job: ReviewJob;
      try {
        job = decodeJob(record.body);
      } catch (e) {
        recordLog.error({ err: e }, 'malformed review job');
        failed.push(record.messageId);
        continue;
      }
      try {
        const octokit = await probot.auth(job.installationId);
        const deadlineMs = Number.isFinite(remaining) ? remaining - WORKER_RESERVE_MS : undefined;
        await runJob(octokit, job, recordLog, deadlineMs === undefined ? {} : { deadlineMs });
        recordLog.info('review done');
      } catch (e) {
        recordLog.error({ err: errorSummary(e) }, 'review failed');
        failed.push(record.messageId);
      }
    }
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
