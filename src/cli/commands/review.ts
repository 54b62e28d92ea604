// gitops-guard review --repo DIR --base REF [--head REF]: what a pull request from head into base would get.
import type { Command } from 'commander';
import type { ReviewOptions } from '../actions/review.js';

export function register(program: Command): void {
  program
    .command('review')
    .description('Review the change from --base to --head of a local git repository, as the GitHub App would review the pull request')
    .option('-r, --repo <dir>', 'git repository', '.')
    .requiredOption('-b, --base <ref>', 'base branch or commit (the PR target)')
    .option('--head <ref>', 'head branch or commit', 'HEAD')
    .option('-f, --format <format>', 'text|json|markdown|sarif', 'text')
    .option('--fail-on <severity>', 'exit 1 when an introduced finding is at or above: critical|high|medium|low|info|never')
    .option('--all', 'report pre-existing findings inline too, and gate on them')
    .option('-c, --config <file>', 'config file (default: the repo\'s at the tip of --base, as the GitHub App reads it)')
    .action(async (opts: ReviewOptions) => (await import('../actions/review.js')).runReview(opts));
}
