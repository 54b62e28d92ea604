import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../src/app/queue-memory.js';
import { SqsReviewQueue } from '../../src/app/queue-sqs.js';
import { decodeJob, encodeJob, JobDecodeError } from '../../src/app/queue.js';
import type { ReviewJob } from '../../src/app/review-job.js';

const job = (n: number, extra: Partial<ReviewJob> = {}): ReviewJob => ({
  installationId: 7,
  owner: 'floe-org',
  repo: 'floe.gitops',
  pullNumber: n,
  headSha: n.toString(16).padStart(40, '0'),
  deliveryId: `72d3162e-cc78-11e3-81ab-4c9367dc0958-${n}`,
  ...extra,
});

describe('review job encoding', () => {
  it('round-trips the job fields, flags included, and drops anything else', () => {
    const j = job(3, { allFindings: true, rerun: false });
    expect(decodeJob(encodeJob(j))).toEqual(j);
    const opened = job(5, { baseSha: 'ab'.repeat(20), opened: { draft: true } });
    expect(decodeJob(encodeJob(opened))).toEqual(opened);
    expect(decodeJob(JSON.stringify({ ...job(4), payload: { huge: true } }))).toEqual(job(4));
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['an array', '[]', /not an object/],
    ['a missing installation', JSON.stringify({ ...job(1), installationId: undefined }), /installationId/],
    ['a fractional PR number', JSON.stringify({ ...job(1), pullNumber: 1.5 }), /pullNumber/],
    ['a short SHA', JSON.stringify({ ...job(1), headSha: 'abc123' }), /headSha/],
    ['a path in the repo name', JSON.stringify({ ...job(1), repo: '../etc' }), /repo/],
    ['a string flag', JSON.stringify({ ...job(1), rerun: 'yes' }), /rerun/],
    ['a short base SHA', JSON.stringify({ ...job(1), baseSha: 'abc' }), /baseSha/],
    ['an opened without draft', JSON.stringify({ ...job(1), opened: {} }), /opened/],
  ])('rejects %s', (_, body, message) => {
    expect(() => decodeJob(body)).toThrow(JobDecodeError);
    expect(() => decodeJob(body)).toThrow(message);
  });

  it('refuses to encode a job that would not decode', () => {
    expect(() => encodeJob({ ...job(1), owner: '' })).toThrow(/owner/);
  });
});

describe('SqsReviewQueue', () => {
  it('sends one message with the encoded job to the queue URL', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const url = 'https://sqs.eu-west-1.amazonaws.com/123456789012/reviews';
    await new SqsReviewQueue(new SQSClient({ region: 'eu-west-1' }), url).enqueue(job(5));
    const calls = sqs.commandCalls(SendMessageCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input.QueueUrl).toBe(url);
    expect(decodeJob(calls[0].args[0].input.MessageBody!)).toEqual(job(5));
    sqs.restore();
  });

  it('rejects when SQS does, so the webhook is answered with an error and GitHub can redeliver', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageCommand).rejects(new Error('throttled'));
    await expect(new SqsReviewQueue(new SQSClient({ region: 'eu-west-1' }), 'https://q').enqueue(job(1))).rejects.toThrow('throttled');
    sqs.restore();
  });
});

describe('InProcessQueue', () => {
  it('accepts at once, runs jobs in arrival order within the concurrency bound, and reports idle', async () => {
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const queue = new InProcessQueue(
      async (j) => {
        started.push(j.pullNumber);
        peak = Math.max(peak, ++running);
        await new Promise<void>((r) => releases.push(r));
        running--;
      },
      { concurrency: 2 },
    );
    for (let n = 1; n <= 5; n++) await queue.enqueue(job(n));
    expect(queue.pending).toBe(5);
    const idle = queue.idle();
    while (started.length < 5 || releases.length) {
      await new Promise((r) => setTimeout(r, 1));
      releases.shift()?.();
    }
    await idle;
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(queue.pending).toBe(0);
  });

  it('keeps going after a failing job and hands the error to onError', async () => {
    const done: number[] = [];
    const errors: [string, number][] = [];
    const queue = new InProcessQueue(
      async (j) => {
        if (j.pullNumber === 2) throw new Error('boom');
        done.push(j.pullNumber);
      },
      { onError: (e, j) => errors.push([(e as Error).message, j.pullNumber]) },
    );
    for (const n of [1, 2, 3]) await queue.enqueue(job(n));
    await queue.idle();
    expect(done).toEqual([1, 3]);
    expect(errors).toEqual([['boom', 2]]);
  });

  it('rejects a job that could not cross a real queue, like SQS would', async () => {
    const queue = new InProcessQueue(async () => {});
    await expect(queue.enqueue({ ...job(1), headSha: 'HEAD' })).rejects.toThrow(/headSha/);
    expect(queue.pending).toBe(0);
  });
});
