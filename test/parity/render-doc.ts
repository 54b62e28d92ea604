// docs/parity.md: the peer-check table (rules/parity/peer-checks.ts) with the agreement measured on
// the peers' own fixtures (harness.ts) and the known differences (divergences.ts).
import { PEER_CHECKS, type Peer, type PeerCheck } from '../../rules/parity/peer-checks.js';
import { LINTER_DIVERGENCES, SCORE_DIVERGENCES } from './divergences.js';
import type { LinterResult, ScoreResult } from './harness.js';

export interface ParityFigures {
  linter: LinterResult[];
  score: ScoreResult[];
}

function ratio(ok: number, all: number): string {
  return all === 0 ? '0/0' : `${ok}/${all} (${Math.round((ok / all) * 100)}%)`;
}

function statusText(c: PeerCheck): string {
  if (c.status === 'implemented') return c.rules.map((r) => `\`${r}\``).join(', ');
  if (c.status === 'covered') return `covered by ${c.rules.map((r) => `\`${r}\``).join(', ')}`;
  return 'not applicable';
}

function cell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|');
}

function linterCell(check: string, results: LinterResult[]): string {
  const r = results.find((x) => x.check === check);
  if (!r) return '—';
  if (r.agree) return `agrees (${r.expectedCount} report${r.expectedCount === 1 ? '' : 's'})`;
  return `differs: expected ${r.expectedCount}, ours ${r.ourCount}${r.onNegatives ? ` (${r.onNegatives} on dont-fire objects)` : ''}`;
}

function scoreCell(check: string, results: ScoreResult[]): string {
  const rs = results.filter((x) => x.check === check);
  if (rs.length === 0) return '—';
  return `${rs.filter((r) => r.agree).length}/${rs.length} agree`;
}

function table(peer: Peer, figures: ParityFigures): string[] {
  const rows = PEER_CHECKS.filter((c) => c.peer === peer).sort((a, b) => a.check.localeCompare(b.check));
  const out = ['| Check | gitops-guard | On their fixtures | Notes |', '|---|---|---|---|'];
  for (const c of rows) {
    const fixtures = peer === 'kube-linter' ? linterCell(c.check, figures.linter) : scoreCell(c.check, figures.score);
    out.push(`| \`${c.check}\` | ${statusText(c)} | ${fixtures} | ${cell(c.note)} |`);
  }
  return out;
}

function counts(peer: Peer): string {
  const rows = PEER_CHECKS.filter((c) => c.peer === peer);
  const n = (s: PeerCheck['status']) => rows.filter((c) => c.status === s).length;
  return `${rows.length} checks: ${n('implemented')} implemented by parity rules, ${n('covered')} covered by seed or Pod Security rules, ${n('not-applicable')} not applicable`;
}

export function renderParityMarkdown(figures: ParityFigures): string {
  const l = figures.linter;
  const s = figures.score;
  const lAgree = l.filter((r) => r.agree).length;
  const sAgree = s.filter((r) => r.agree).length;
  const reports = l.reduce((n, r) => n + r.expectedCount, 0);
  const matchedReports = l.filter((r) => r.agree).reduce((n, r) => n + r.expectedCount, 0);
  const byStatus = (rs: { status: string; agree: boolean }[], status: string) => ratio(rs.filter((r) => r.status === status && r.agree).length, rs.filter((r) => r.status === status).length);
  return [
    '# Parity with kube-linter and kube-score',
    '',
    'Every built-in check of [kube-linter](https://docs.kubelinter.io) and [kube-score](https://github.com/zegl/kube-score),',
    'mapped to the gitops-guard rule that implements it, the seed or Pod Security rule that already covers it, or the',
    'reason it does not apply to a GitOps review. Generated from `rules/parity/peer-checks.ts` and measured by',
    '`test/parity/peers.test.ts` on the peers\' own fixtures (`../shared/conformance/kube-linter`, `../shared/conformance/kube-score`);',
    'regenerate with `node --import tsx test/parity/write-parity-doc.ts`.',
    '',
    '## Agreement on their fixtures',
    '',
    `- **kube-linter**: ${ratio(lAgree, l.length)} of the single-check e2e tests that apply give exactly the expected`,
    `  reports (same count, same object kinds, nothing on the objects named dont-fire), which account for ${matchedReports} of the ${reports} reports it expects; checks implemented here`,
    `  ${byStatus(l, 'implemented')}, checks covered by seed/PSS rules ${byStatus(l, 'covered')}. Each fixture is linted in`,
    '  isolation with only the mapped rules, like `kube-linter lint --include <check>`.',
    `- **kube-score**: ${ratio(sAgree, s.length)} of the graded assertions of its Go tests that apply agree (flagged`,
    `  ⇔ WARNING/CRITICAL on the scored object); implemented here ${byStatus(s, 'implemented')}, covered ${byStatus(s, 'covered')}.`,
    '  kube-score\'s run configuration is translated (KubernetesVersion → `kubeVersion`, IgnoreContainerCpuLimitRequirement →',
    '  `requireCpuLimit`, MinReplicasHPA → `minReplicas`); restricted-level Pod Security rules are evaluated at the',
    '  restricted level, as the peer checks are.',
    '- Every disagreement is listed under [Known differences](#known-differences) with its reason; the test fails if one',
    '  of them starts agreeing or any other case starts disagreeing.',
    '',
    `## kube-linter (${counts('kube-linter')})`,
    '',
    ...table('kube-linter', figures),
    '',
    `## kube-score (${counts('kube-score')})`,
    '',
    ...table('kube-score', figures),
    '',
    '## Known differences',
    '',
    ...LINTER_DIVERGENCES.map((d) => `- kube-linter \`${d.check}\`: ${d.reason}.`),
    ...SCORE_DIVERGENCES.map((d) => `- kube-score \`${d.check}\` (${(d.files ?? []).map((f) => `\`${f}\``).join(', ')}): ${d.reason}.`),
    '',
  ].join('\n');
}
