// One review of one change, shared by the CLI (`review`) and the GitHub App:
// changed files → touched units → render + rules at base and head → delta → review + check run.
import type { Finding, Unit } from '../core/types.js';
import { rulesFor } from '../../rules/index.js';
import { buildCheckRun } from '../report/check-run.js';
import { renderDiffs } from '../report/render-diff.js';
import { lineEndingsOf, planReview } from '../report/review-comments.js';
import { discover } from '../workspace/discover.js';
import { unreviewedFileFindings } from '../workspace/unreviewed.js';
import { collapseEnvironments } from './collapse.js';
import { changedConfigFindings } from './config-findings.js';
import { markIntroduced, resolvedBy, unsettledBy } from './delta.js';
import { changedNamespaces, unitsMentioning } from './namespace-dependents.js';
import { evaluate } from './evaluate.js';
import { pairStandIns } from './stand-in-delta.js';
import { waivedByChange } from './new-suppressions.js';
import type { ReviewInput, ReviewOutput } from './review-types.js';
import type { Rule } from './rule.js';
import { withoutSecretShowingFixes } from './fix-secrets.js';
import { scanChangedLines, withoutFixesRulesGive } from './secret-findings.js';

function uniqueUnits(units: Unit[]): Unit[] {
  const seen = new Map<string, Unit>();
  for (const u of units) seen.set(u.id, u);
  return [...seen.values()];
}

export async function reviewChange(input: ReviewInput, rules: Rule[] = rulesFor(input.config)): Promise<ReviewOutput> {
  const started = performance.now();
  const { config } = input;
  const onlyIntroduced = input.onlyIntroduced ?? config.review.onlyIntroduced;
  const paths = input.changedFiles.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path]));
  const headDiscovery = discover(input.head, config.ignorePaths);
  const baseDiscovery = discover(input.base, config.ignorePaths);
  const namespaces = changedNamespaces(input.changedFiles, input.base, input.head, config);
  const headUnits = uniqueUnits([...paths.flatMap((p) => headDiscovery.unitsTouchedBy(p)), ...unitsMentioning(namespaces, input.head, headDiscovery)]);
  const baseUnits = uniqueUnits([...paths.flatMap((p) => baseDiscovery.unitsTouchedBy(p)), ...unitsMentioning(namespaces, input.base, baseDiscovery)]);

  const [head, unpairedBase] = await Promise.all([
    evaluate(headUnits, headDiscovery, input.head, config, rules),
    evaluate(baseUnits, baseDiscovery, input.base, config, rules),
  ]);
  const side = (evaluation: typeof head, units: Unit[], discovery: typeof headDiscovery, snapshot: typeof input.head) =>
    ({ evaluation, units, discovery, evaluate: (more: Unit[]) => evaluate(more, discovery, snapshot, config, rules) });
  const { base, headCompared } = await pairStandIns(side(head, headUnits, headDiscovery, input.head), side(unpairedBase, baseUnits, baseDiscovery, input.base));
  const touched = input.changedFiles.filter((f) => f.status !== 'removed').map((f) => f.path);
  const honorNew = config.review.newSuppressions === 'honor';
  const headFindings = honorNew ? head.findings : [...head.findings, ...waivedByChange(head.suppressed, base.suppressed)];
  const secrets: Finding[] = [
    ...scanChangedLines(input.head, input.changedFiles, config, honorNew ? undefined : input.base),
    ...unreviewedFileFindings(input.head, config, touched),
    ...changedConfigFindings(input.head, input.changedFiles),
  ].map((f) => ({ ...f, introduced: true }));
  // Only the head's fixes are shown; a fix that would show a secret of the head is left out.
  const ruleFindings = withoutSecretShowingFixes(collapseEnvironments(markIntroduced(headFindings, base.findings)), input.head);
  const findings = [...ruleFindings, ...withoutFixesRulesGive(secrets, ruleFindings)];
  const diffs = renderDiffs(base.renders, headCompared.renders);

  const plan = planReview(findings, input.changedFiles, {
    event: config.review.event,
    maxComments: config.review.maxComments,
    onlyIntroduced,
    headSha: input.headSha,
    lineEndingOf: lineEndingsOf((p) => input.head.read(p)),
    read: (p) => input.head.read(p),
  });
  const checkRun = buildCheckRun(findings, {
    failOn: config.failOn,
    headSha: input.headSha,
    onlyIntroduced,
    renderDiffs: diffs,
    resolved: resolvedBy([...headFindings, ...headCompared.findings], base.findings, headCompared.renders),
    leftOut: plan.leftOut,
    units: headUnits.map((u) => u.id),
  });
  return {
    findings,
    review: plan.review,
    checkRun,
    renderDiffs: diffs,
    unsettled: unsettledBy(base.findings, head.renders),
    stats: {
      units: headUnits.length,
      renders: head.renders.length + base.renders.length,
      objects: head.renders.reduce((n, r) => n + r.objects.length, 0),
      durationMs: Math.round(performance.now() - started),
    },
  };
}
