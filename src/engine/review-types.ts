// Input and output of one review: the single entry point the CLI and the GitHub App share.
import type { Finding, Snapshot } from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';
import type { CheckRunBody, ReviewBody } from '../report/github-bodies.js';

export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  previousPath?: string;
  /** Head-side line numbers the change adds or modifies (RIGHT side of the diff). */
  addedLines: number[];
  /** Head-side lines a review comment may target: every line inside a hunk (context or added). */
  commentableLines: number[];
}

export interface ReviewInput {
  base: Snapshot;
  head: Snapshot;
  changedFiles: ChangedFile[];
  config: ResolvedConfig;
  headSha?: string;
  /** When false, inline comments cover pre-existing findings too (the check run's "re-run with all findings"). */
  onlyIntroduced?: boolean;
}

export interface RenderDiff {
  unit: string;
  environment: string;
  /** Unified diff of the rendered manifests, base → head. Empty when nothing changes in the cluster. */
  diff: string;
}

export interface ReviewOutput {
  findings: Finding[];
  review: ReviewBody;
  checkRun: CheckRunBody;
  renderDiffs: RenderDiff[];
  /** Fingerprints of base findings in units the change broke (no render at head): neither fixed nor gone, so their review threads stay open. */
  unsettled: string[];
  stats: { units: number; renders: number; objects: number; durationMs: number };
}
