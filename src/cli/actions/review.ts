// gitops-guard review --repo DIR --base REF [--head REF]: what a pull request from head into base would get.
import { reviewChange } from '../../engine/review.js';
import { CONFIG_PATHS } from '../../config/defaults.js';
import { changedFiles, filesAtRef, GitSnapshot, mergeBase } from '../../workspace/git.js';
import { DEFAULT_SNAPSHOT_LIMITS } from '../../workspace/limits.js';
import { CliExit } from '../exit.js';
import { configFor } from '../load-config.js';
import { exitCodeFor, formatFindings } from '../output.js';
import { parseFailOn, parseFormat } from '../options.js';

export interface ReviewOptions { repo: string; base: string; head: string; format: string; failOn?: string; all?: boolean; config?: string }

export async function runReview(opts: ReviewOptions): Promise<void> {
  const format = parseFormat(opts.format);
  const failOn = parseFailOn(opts.failOn);
  const baseSha = await mergeBase(opts.repo, opts.base, opts.head);
  let [head, base, changed, targetConfigFiles] = await Promise.all([
    GitSnapshot.load(opts.repo, opts.head),
    GitSnapshot.load(opts.repo, baseSha),
    changedFiles(opts.repo, opts.base, opts.head),
    filesAtRef(opts.repo, opts.base, CONFIG_PATHS),
  ]);
  // The target branch's config governs, as in the GitHub App: at its tip, not at the merge base, so
  // that neither the pull request nor an old branch point can pick a looser gate.
  const config = await configFor({ read: (p) => targetConfigFiles.get(p) }, opts.config);
  if (config.limits.maxFileBytes !== DEFAULT_SNAPSHOT_LIMITS.maxFileBytes) {
    // the repository's config sets its own file size limit: hold exactly the files it allows
    const limits = { maxFileBytes: config.limits.maxFileBytes };
    [head, base] = await Promise.all([GitSnapshot.load(opts.repo, opts.head, limits), GitSnapshot.load(opts.repo, baseSha, limits)]);
  }
  if (failOn) config.failOn = failOn;
  const out = await reviewChange({ base, head, changedFiles: changed, config, headSha: head.ref, onlyIntroduced: !opts.all });
  const gated = opts.all ? out.findings : out.findings.filter((f) => f.introduced !== false);
  const header = `gitops-guard review ${opts.base}...${opts.head}: ${changed.length} files changed, ${out.stats.units} units, ${out.stats.renders} renders in ${out.stats.durationMs} ms`;
  process.stdout.write(formatFindings(out.findings, format, { review: out.review, checkRun: out.checkRun }, header));
  throw new CliExit(exitCodeFor(gated, config.failOn));
}
