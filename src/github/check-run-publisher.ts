// The only writer of a gitops-guard check run once it exists. A conclusion, once written, never
// changes: the check is required, so a failure must not turn into neutral or timed_out because
// something went wrong afterwards (posting the review, a deadline firing late). Whatever happens
// after the conclusion becomes a note appended to the summary, or a log line when even that fails.
import type { Logger } from 'pino';
import type { CheckRunBody } from '../report/github-bodies.js';
import { completionUpdates, failureBody, withNote, withRetries, type CompletionUpdate, type Conclusion, type FailureReport } from './check-runs.js';
import type { GitHubClient, RepoRef } from './client.js';

export interface PublisherOptions {
  log: Logger;
  /** Called once the conclusion is on GitHub (e.g. to disarm a deadline that would otherwise report timed_out). */
  onConcluded?: () => void;
}

interface Written {
  conclusion: Conclusion;
  title: string;
  summary: string;
}

export class CheckRunPublisher {
  private written: Written | undefined;
  private readonly notesBeforeConclusion: string[] = [];
  /** Writes go out one after another: a late failure waits for a conclusion in flight instead of racing it. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly octokit: GitHubClient,
    private readonly ref: RepoRef,
    readonly id: number,
    private readonly options: PublisherOptions,
  ) {}

  /** The conclusion on GitHub, once written. */
  get conclusion(): Conclusion | undefined {
    return this.written?.conclusion;
  }

  /**
   * Completes the run with `body` (conclusion first, then the remaining annotation batches).
   * Resolves false, sending nothing, when a conclusion was already written.
   */
  complete(body: CheckRunBody): Promise<boolean> {
    return this.serially(async () => {
      if (this.written) return false;
      const pending = this.notesBeforeConclusion.splice(0);
      const [first, ...rest] = completionUpdates(body);
      const summary = pending.reduce(withNote, first.output.summary);
      await this.update({ ...first, output: { ...first.output, summary } });
      this.written = { conclusion: first.completion!.conclusion, title: first.output.title, summary };
      this.options.onConcluded?.();
      for (const update of rest) await this.update({ ...update, output: { ...update.output, summary } });
      return true;
    });
  }

  /** Completes the run with an error report; after a conclusion, the report only becomes a note. */
  async fail(report: FailureReport): Promise<void> {
    if (await this.complete(failureBody(report))) return;
    const what = report.summary.split('\n\n')[0].replace(/\.?$/, '.');
    this.options.log.warn({ checkRunId: this.id, conclusion: this.conclusion, failure: report.title }, 'failure after the check run concluded: noted, conclusion kept');
    await this.note(`⚠️ After this conclusion was written: ${what} The conclusion stands.`);
  }

  /** Appends a note to the summary (held until the conclusion if there is none yet). Never throws: a note that cannot be written is logged. */
  note(text: string): Promise<void> {
    return this.serially(async () => {
      if (!this.written) {
        this.notesBeforeConclusion.push(text);
        return;
      }
      const summary = withNote(this.written.summary, text);
      try {
        await this.update({ output: { title: this.written.title, summary, annotations: [] } });
        this.written.summary = summary;
      } catch (e) {
        this.options.log.error({ checkRunId: this.id, err: e instanceof Error ? e.message.split('\n')[0] : String(e), note: text }, 'check run note could not be written');
      }
    });
  }

  private async update({ output, completion }: CompletionUpdate): Promise<void> {
    await withRetries(() => this.octokit.rest.checks.update({ ...this.ref, check_run_id: this.id, output, ...completion }));
  }

  private serially<T>(write: () => Promise<T>): Promise<T> {
    const next = this.writes.then(write, write);
    this.writes = next.catch(() => undefined);
    return next;
  }
}
