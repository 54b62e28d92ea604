// ReviewQueue over Amazon SQS: one message per job; the worker function is the queue's consumer.
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { encodeJob, type ReviewQueue } from './queue.js';
import type { ReviewJob } from './review-job.js';

export class SqsReviewQueue implements ReviewQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(job: ReviewJob): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: encodeJob(job),
        MessageAttributes: { deliveryId: { DataType: 'String', StringValue: job.deliveryId } },
      }),
    );
  }
}
