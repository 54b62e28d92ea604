// Entry point of the `worker` function (bundled on its own): wiring only, see lambda.ts.
import { SSMClient } from '@aws-sdk/client-ssm';
import { appProbot, createWorkerHandler } from './lambda.js';
import { appLogger } from './logger.js';
import { fetchAppSecrets, once, secretParameterNames } from './lambda-secrets.js';
import { runReviewJob } from './review-job.js';

const log = appLogger();
const names = secretParameterNames(false);
const ssm = new SSMClient({});

const probot = once(async () => appProbot(await fetchAppSecrets(ssm, names), log));
// Awaited at the top level: Lambda's init phase waits for it, so the first event finds secrets
// and app ready, and a pre-initialised environment is never frozen halfway through an SSM call.
// A failure is logged and retried on the next batch.
await probot().catch((err) => log.error({ err }, 'initialisation failed; retrying on the next batch'));

const minRemaining = Number(process.env.WORKER_MIN_REMAINING_MS);
export const handler = createWorkerHandler(probot, log, { runJob: runReviewJob, ...(Number.isFinite(minRemaining) && minRemaining > 0 ? { minRemainingMs: minRemaining } : {}) });
