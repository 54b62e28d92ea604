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

/** Rejects with DeadlineError when `work` takes longer than `ms`. */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(ms)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const TOKEN_PATTERNS = [/gh[pousr]_[A-Za-z0-9]{20,}/g, /(bearer|token)\s+[A-Za-z0-9._-]{16,}/gi, /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g];

/** First line of an error message, without anything that looks like a credential. */
export function safeMessage(error: unknown, max = 300): string {
  const raw = error instanceof Error ? error.message : String(error);
  let line = raw.split('\n')[0] ?? '';
  for (const re of TOKEN_PATTERNS) line = line.replace(re, '[redacted]');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
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
      summary: `gitops-guard could not finish because GitHub answered ${status}: ${safeMessage(error)}\n\nNothing was concluded about this change; re-run the check.`,
    };
  }
  return {
    conclusion: 'failure',
    title: 'Review failed',
    summary: `gitops-guard failed while reviewing this change: ${safeMessage(error)}\n\nRe-run the check; if it fails again, report it with this check run's link.`,
  };
}
