// Any error of a review → the report that completes the check run (it never stays in_progress).
import { ConfigError } from '../config/config.js';
import { statusOf } from '../github/client.js';
import type { FailureReport } from '../github/check-runs.js';

export class DeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`the review did not finish within ${Math.round(ms / 1000)} s`);
    this.name = 'DeadlineError';
  }
}

/** A time limit for a piece of work that can be disarmed once exceeding it no longer matters. */
export class Deadline {
  private timer: NodeJS.Timeout | undefined;
  private readonly expired: Promise<never>;

  constructor(readonly ms: number) {
    this.expired = new Promise<never>((_, reject) => {
      this.timer = setTimeout(() => reject(new DeadlineError(ms)), ms);
    });
    this.expired.catch(() => undefined);
  }

  /** Rejects with DeadlineError when `work` takes longer than the deadline, unless it was disarmed by then. */
  async race<T>(work: Promise<T>): Promise<T> {
    try {
      return await Promise.race([work, this.expired]);
    } finally {
      this.disarm();
    }
  }

  disarm(): void {
    clearTimeout(this.timer);
  }
}

/** Rejects with DeadlineError when `work` takes longer than `ms`. */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Deadline(ms).race(work);
}

const TOKEN_PATTERNS = [/gh[pousr]_[A-Za-z0-9]{20,}/g, /(bearer|token)\s+[A-Za-z0-9._-]{16,}/gi, /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g];

/** First line of an error message, without anything that looks like a credential. */
export function safeMessage(error: unknown, max = 300): string {
  const raw = error instanceof Error ? error.message : String(error);
  let line = raw.split('\n')[0] ?? '';
  for (const re of TOKEN_PATTERNS) line = line.replace(re, '[redacted]');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A GitHub request that failed, named by what the review needed it for ("downloading the head tarball"). */
export class GitHubRequestError extends Error {
  constructor(readonly step: string, readonly status: number, cause: unknown) {
    super(`${step}: GitHub answered ${status}: ${safeMessage(cause)}`, { cause });
    this.name = 'GitHubRequestError';
  }
}

/** `work`, with a GitHub error it rejects with named by `step` (other errors pass unchanged). */
export function during<T>(step: string, work: Promise<T>): Promise<T> {
  return work.catch((e: unknown) => {
    const status = statusOf(e);
    throw status === undefined || e instanceof GitHubRequestError ? e : new GitHubRequestError(step, status, e);
  });
}

/** `owner/repo:path` names a file of another repository: GitHub cannot annotate it here. */
function isLocalPath(path: string): boolean {
  return !/^[^/:]+\/[^/:]+:/.test(path);
}

export function failureReportOf(error: unknown): FailureReport {
  if (error instanceof ConfigError) {
    return {
      conclusion: 'failure',
      title: `Invalid configuration (${error.path}:${error.line})`,
      summary: `gitops-guard could not use its configuration:\n\n\`${error.path}\` line ${error.line}: ${safeMessage(error)}\n\nFix the file (same schema as the CLI's \`.gitops-guard.yml\`) and re-run this check.`,
      annotations: isLocalPath(error.path)
        ? [{ path: error.path, start_line: error.line, end_line: error.line, annotation_level: 'failure', title: 'gitops-guard configuration', message: safeMessage(error) }]
        : [],
    };
  }
  if (error instanceof DeadlineError) {
    return { conclusion: 'timed_out', title: 'Review timed out', summary: `${error.message}. Re-run the check; if it keeps timing out, narrow \`ignorePaths\` or lower render limits.` };
  }
  const status = statusOf(error);
  if (status !== undefined) {
    return {
      conclusion: 'neutral',
      title: `GitHub API error (${status})`,
      summary: `gitops-guard could not finish because ${error instanceof GitHubRequestError ? safeMessage(error) : `GitHub answered ${status}: ${safeMessage(error)}`}\n\nNothing was concluded about this change; re-run the check.`,
    };
  }
  return {
    conclusion: 'failure',
    title: 'Review failed',
    summary: `gitops-guard failed while reviewing this change: ${safeMessage(error)}\n\nRe-run the check; if it fails again, report it with this check run's link.`,
  };
}
