// Entry point of the `webhooks` function (bundled on its own): wiring only, see lambda.ts.
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { appProbot, createWebhooksHandler, enqueuingProbot } from './lambda.js';
import { appLogger } from './logger.js';
import { fetchAppSecrets, once, secretParameterNames } from './lambda-secrets.js';
import { SqsReviewQueue } from './queue-sqs.js';

const log = appLogger();
const queueUrl = process.env.REVIEW_QUEUE_URL;
if (!queueUrl) throw new Error('REVIEW_QUEUE_URL must be set');
const queue = new SqsReviewQueue(new SQSClient({}), queueUrl);
const names = secretParameterNames(true);
const ssm = new SSMClient({});

const probot = once(async () => enqueuingProbot(await appProbot(await fetchAppSecrets(ssm, names), log), queue));
// Awaited at the top level: Lambda's init phase waits for it, so the first event finds secrets
// and app ready, and a pre-initialised environment is never frozen halfway through an SSM call.
// A failure is logged and retried on the next delivery.
await probot().catch((err) => log.error({ err }, 'initialisation failed; retrying on the next delivery'));

export const handler = createWebhooksHandler(probot, log);
