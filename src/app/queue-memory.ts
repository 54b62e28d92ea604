// ReviewQueue inside one process: jobs run in the background with bounded concurrency, in arrival
// order. Jobs go through the same encode/decode as SQS messages, so a job that could not cross a
// real queue fails here too.
import { decodeJob, encodeJob, type ReviewQueue } from './queue.js';
import type { ReviewJob } from './review-job.js';

export interface InProcessQueueOptions {
  concurrency?: number;
  /** Called when a job's processing throws; the queue itself never rejects for a job's failure. */
  onError?: (error: unknown, job: ReviewJob) => void;
}

export class InProcessQueue implements ReviewQueue {
  private readonly waiting: ReviewJob[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly concurrency: number;

  constructor(
    private readonly runJob: (job: ReviewJob) => Promise<void>,
    private readonly options: InProcessQueueOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 1);
  }

  async enqueue(job: ReviewJob): Promise<void> {
    this.waiting.push(decodeJob(encodeJob(job)));
    queueMicrotask(() => this.pump());
  }

  /** Jobs accepted but not finished yet. */
  get pending(): number {
    return this.waiting.length + this.running;
  }

  /** Resolves when every accepted job has finished (successfully or not). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running++;
      this.runJob(job)
        .catch((error) => this.options.onError?.(error, job))
        .finally(() => {
          this.running--;
          this.pump();
          if (this.pending === 0) for (const wake of this.idleWaiters.splice(0)) wake();
        });
    }
  }
}
