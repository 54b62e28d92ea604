// The handler logic of lambda.ts with a real Probot and stand-in app code (the packaged bundles are
// exercised end to end in package.test.ts).
import { generateKeyPairSync } from 'node:crypto';
import { pino } from 'pino';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { Probot } from 'probot';
import { describe, expect, it } from 'vitest';
import { lowercaseHeaders, rawBody, webhookRequest } from '../../src/app/lambda-http.js';
import { once } from '../../src/app/lambda-secrets.js';
import { createWebhooksHandler, createWorkerHandler, enqueuingProbot, type RunJob } from '../../src/app/lambda.js';
import { SqsReviewQueue } from '../../src/app/queue-sqs.js';
import { decodeJob, encodeJob } from '../../src/app/queue.js';
import { httpApiEvent, sign, sqsEvent } from './support.js';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const SECRET = 'shh';
const log = pino({ level: 'silent' });
const newProbot = () => new Probot({ appId: 1, privateKey, secret: SECRET, log });
const body = JSON.stringify({ action: 'opened', installation: { id: 9 } });
const delivery = (id: string, payload = body) => httpApiEvent({ 'X-GitHub-Delivery': id, 'x-github-event': 'pull_request', 'X-HUB-SIGNATURE-256': sign(SECRET, payload) }, payload);
const job = (n: number) => ({ installationId: 9, owner: 'o', repo: 'r', pullNumber: n, headSha: 'f'.repeat(40), deliveryId: `d-${n}` });

describe('lambda-http', () => {
  it('reads headers case-insensitively and decodes base64 bodies', () => {
    expect(lowercaseHeaders({ 'X-GitHub-Event': 'push', skip: undefined })).toEqual({ 'x-github-event': 'push' });
    expect(rawBody({ body: Buffer.from('{"a":"é"}').toString('base64'), isBase64Encoded: true })).toBe('{"a":"é"}');
    expect(rawBody({ body: '{"a":1}' })).toBe('{"a":1}');
    expect(webhookRequest(delivery('x'))).toMatchObject({ id: 'x', name: 'pull_request', payload: body });
  });

  it('names every missing header', () => {
    expect(() => webhookRequest({ headers: { 'x-github-event': 'push' }, body: '{}' })).toThrow('missing headers x-github-delivery, x-hub-signature-256');
    expect(() => webhookRequest({ headers: null, body: null })).toThrow(/missing headers/);
  });
});

describe('webhooks handler', () => {
  it('answers 200 once the app handlers finished, with the parsed payload and delivery id', async () => {
    const probot = newProbot();
    const seen: unknown[] = [];
    probot.on('pull_request.opened', async (ctx) => void seen.push([ctx.id, ctx.payload.installation?.id]));
    const handler = createWebhooksHandler(async () => probot, log);
    expect((await handler(delivery('abc'))).statusCode).toBe(200);
    expect(seen).toEqual([['abc', 9]]);
  });

  it('answers 401 for a wrong signature, 400 for a signed non-JSON body, 500 when a handler fails', async () => {
    const probot = newProbot();
    probot.on('pull_request', async () => {
      throw new Error('queue down');
    });
    const handler = createWebhooksHandler(async () => probot, log);
    const forged = delivery('1');
    (forged.headers as Record<string, string>)['X-HUB-SIGNATURE-256'] = sign('other', body);
    expect((await handler(forged)).statusCode).toBe(401);
    expect((await handler(delivery('2', 'not json'))).statusCode).toBe(400);
    const failed = await handler(delivery('3'));
    expect(failed.statusCode).toBe(500);
    expect(failed.body).not.toContain('queue down');
  });

  it('logs a failed delivery without the webhook payload Probot attaches to the error', async () => {
    const lines: string[] = [];
    const captured = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    const probot = newProbot();
    probot.on('pull_request', async () => {
      throw Object.assign(new Error('enqueue failed'), { status: 503 });
    });
    const payload = JSON.stringify({ action: 'opened', installation: { id: 9 }, pull_request: { body: 'PR-BODY-TEXT' } });
    expect((await createWebhooksHandler(async () => probot, captured)(delivery('p', payload))).statusCode).toBe(500);
    const logged = lines.join('');
    expect(logged).toContain('enqueue failed');
    expect(logged).toContain('"status":503');
    expect(logged).not.toContain('PR-BODY-TEXT');
  });

  it('answers 503 before the time budget runs out when the handlers hang', async () => {
    const probot = newProbot();
    probot.on('pull_request', () => new Promise(() => {}));
    const handler = createWebhooksHandler(async () => probot, log);
    const t = Date.now();
    const res = await handler(delivery('slow'), { getRemainingTimeInMillis: () => 800 });
    expect(res.statusCode).toBe(503);
    expect(Date.now() - t).toBeLessThan(800);
  });

  it('answers 500 while initialisation fails, and retries it on the next delivery', async () => {
    let attempts = 0;
    const probot = newProbot();
    const init = once(async () => {
      if (++attempts === 1) throw new Error('SSM throttled');
      return probot;
    });
    const handler = createWebhooksHandler(init, log);
    expect((await handler(delivery('a'))).statusCode).toBe(500);
    expect((await handler(delivery('b'))).statusCode).toBe(200);
    expect((await handler(delivery('c'))).statusCode).toBe(200);
    expect(attempts).toBe(2);
  });
});

describe('webhooks handler with the app and the SQS queue (SQS stubbed at the SDK boundary)', () => {
  const pr = {
    action: 'synchronize',
    number: 12,
    installation: { id: 9 },
    repository: { id: 100, name: 'gitops', owner: { login: 'floe' } },
    pull_request: { number: 12, head: { sha: 'c'.repeat(40) }, base: { repo: { id: 100 } } },
  };
  const setup = async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const probot = await enqueuingProbot(newProbot(), new SqsReviewQueue(new SQSClient({ region: 'us-east-1' }), 'https://sqs/q'));
    return { sqs, handler: createWebhooksHandler(async () => probot, log) };
  };

  it('a signed pull_request → 200 and exactly one SendMessage carrying the job', async () => {
    const { sqs, handler } = await setup();
    const payload = JSON.stringify(pr);
    expect((await handler(delivery('sync-1', payload))).statusCode).toBe(200);
    const calls = sqs.commandCalls(SendMessageCommand);
    expect(calls).toHaveLength(1);
    expect(decodeJob(calls[0].args[0].input.MessageBody!)).toEqual({ installationId: 9, owner: 'floe', repo: 'gitops', pullNumber: 12, headSha: 'c'.repeat(40), deliveryId: 'sync-1' });
    sqs.restore();
  });

  it('a bad signature → 401 and no SendMessage', async () => {
    const { sqs, handler } = await setup();
    const payload = JSON.stringify(pr);
    const event = delivery('sync-2', payload);
    (event.headers as Record<string, string>)['X-HUB-SIGNATURE-256'] = sign('wrong', payload);
    expect((await handler(event)).statusCode).toBe(401);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
    sqs.restore();
  });

  it('SQS refusing the message → 500, so GitHub shows the delivery failed', async () => {
    const { sqs, handler } = await setup();
    sqs.on(SendMessageCommand).rejects(new Error('AccessDenied'));
    expect((await handler(delivery('sync-3', JSON.stringify(pr)))).statusCode).toBe(500);
    sqs.restore();
  });
});

describe('worker handler', () => {
  it('reports exactly the failed messages, runs the others with an installation client and a deadline inside the invocation', async () => {
    const runs: { n: number; deadlineMs?: number; hasRequest: boolean }[] = [];
    const runJob: RunJob = async (octokit, j, _log, options) => {
      runs.push({ n: j.pullNumber, deadlineMs: options.deadlineMs, hasRequest: typeof octokit.request === 'function' });
      if (j.pullNumber === 2) throw new Error('GitHub 502');
    };
    const handler = createWorkerHandler(async () => newProbot(), log, { runJob, minRemainingMs: 1_000 });
    const event = sqsEvent([encodeJob(job(1)), encodeJob(job(2)), 'garbage', encodeJob(job(3))]);
    const ids = event.Records as { messageId: string }[];
    const res = await handler(event as never, { getRemainingTimeInMillis: () => 300_000 });
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: ids[1].messageId }, { itemIdentifier: ids[2].messageId }]);
    expect(runs.map((r) => r.n)).toEqual([1, 2, 3]);
    for (const r of runs) {
      expect(r.hasRequest).toBe(true);
      expect(r.deadlineMs).toBeGreaterThan(250_000);
      expect(r.deadlineMs).toBeLessThan(300_000);
    }
  });

  it('returns messages it has no time left to start to the queue without running them', async () => {
    const ran: number[] = [];
    let remaining = 100_000;
    const runJob: RunJob = async (_o, j) => {
      ran.push(j.pullNumber);
      remaining -= 60_000;
    };
    const handler = createWorkerHandler(async () => newProbot(), log, { runJob, minRemainingMs: 50_000 });
    const event = sqsEvent([encodeJob(job(1)), encodeJob(job(2)), encodeJob(job(3))]);
    const ids = (event.Records as { messageId: string }[]).map((r) => r.messageId);
    const res = await handler(event as never, { getRemainingTimeInMillis: () => remaining });
    expect(ran).toEqual([1]);
    expect(res.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(ids.slice(1));
  });

  it('fails the whole invocation when the app cannot initialise, so every message is retried', async () => {
    const handler = createWorkerHandler(async () => Promise.reject(new Error('no key')), log, { runJob: async () => {} });
    await expect(handler(sqsEvent([encodeJob(job(1))]) as never)).rejects.toThrow('no key');
  });
});
