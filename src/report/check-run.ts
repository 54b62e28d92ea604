// Findings → the body of "create a check run": conclusion, summary table, annotations, render diffs.
import type { Finding, Severity } from '../core/types.js';
import { SEVERITIES } from '../core/types.js';
import type { RenderDiff } from '../engine/review-types.js';
import { CHECK_RUN_NAME, GITHUB_TEXT_LIMIT, type CheckAnnotation, type CheckRunBody } from './github-bodies.js';
import { codeSpan, escapeHtml, escapeMarkdown, fenceFor, truncate } from './escape.js';
import { failing, SEVERITY_ICON, sortFindings } from './severity.js';

const LEVEL: Record<Severity, CheckAnnotation['annotation_level']> = {
  critical: 'failure', high: 'failure', medium: 'warning', low: 'notice', info: 'notice',
};

export function annotationOf(f: Finding): CheckAnnotation {
  const end = f.endLine && f.endLine >= f.line ? f.endLine : f.line;
  const a: CheckAnnotation = {
    path: f.path,
    start_line: f.line,
    end_line: end,
    annotation_level: LEVEL[f.severity],
    title: `${f.ruleId}${f.refs.length ? ` (${f.refs.join(', ')})` : ''}`.slice(0, 255),
    message: `${f.introduced === false ? '[pre-existing] ' : ''}${f.message}${f.environment && f.environment !== 'default' ? ` [env: ${f.environment}]` : ''}`.slice(0, 64_000),
  };
  if (f.fix) a.raw_details = `Suggested fix for ${f.fix.path}:${f.fix.startLine}-${f.fix.endLine}:\n${f.fix.replacement}`.slice(0, 64_000);
  return a;
}

export interface CheckRunOptions {
  failOn: Severity | 'never';
  headSha?: string;
  onlyIntroduced: boolean;
  renderDiffs: RenderDiff[];
  resolved: Finding[];
  /** Findings that could not be placed inline (listed in the text). */
  leftOut: Finding[];
  units: string[];
}

function severityTable(findings: Finding[]): string {
  const rows = SEVERITIES.map((s) => {
    const of = findings.filter((f) => f.severity === s);
    const intro = of.filter((f) => f.introduced !== false).length;
    return `| ${SEVERITY_ICON[s]} ${s} | ${intro} | ${of.length - intro} |`;
  });
  return ['| severity | introduced | pre-existing |', '|---|---:|---:|', ...rows].join('\n');
}

function diffSection(diffs: RenderDiff[], budget: number): string {
  const changed = diffs.filter((d) => d.diff.trim());
  if (changed.length === 0) return '';
  // Environments whose renders change identically share one block (the hunks, not the ---/+++ labels).
  const groups = new Map<string, { diff: RenderDiff; environments: string[] }>();
  for (const d of changed) {
    const key = `${d.unit}\u0000${d.diff.split('\n').filter((l) => !l.startsWith('--- ') && !l.startsWith('+++ ')).join('\n')}`;
    const g = groups.get(key);
    if (g) g.environments.push(d.environment);
    else groups.set(key, { diff: d, environments: [d.environment] });
  }
  let out = '\n\n### What changes in the cluster\n';
  for (const { diff: d, environments } of groups.values()) {
    const fence = fenceFor(d.diff);
    const block = `\n<details><summary>${escapeHtml(d.unit)} · ${escapeHtml(environments.join(', '))}</summary>\n\n${fence}diff\n${d.diff}\n${fence}\n</details>\n`;
    if (out.length + block.length > budget) {
      out += `\n_Rendered diff truncated: ${changed.length} unit/environment diffs, not all shown (GitHub limits the summary to ${GITHUB_TEXT_LIMIT} characters)._\n`;
      break;
    }
    out += block;
  }
  return out;
}

function findingLine(f: Finding): string {
  return `- ${SEVERITY_ICON[f.severity]} ${codeSpan(`${f.path}:${f.line}`)} ${codeSpan(f.ruleId)} ${escapeMarkdown(f.message)}${f.introduced === false ? ' _(pre-existing)_' : ''}`;
}

export function buildCheckRun(findings: Finding[], opts: CheckRunOptions): CheckRunBody {
  const sorted = sortFindings(findings);
  const gate = opts.onlyIntroduced ? sorted.filter((f) => f.introduced !== false) : sorted;
  const failures = failing(gate, opts.failOn);
  const conclusion = failures.length > 0 ? 'failure' : 'success';
  const introduced = sorted.filter((f) => f.introduced !== false).length;
  const title = findings.length === 0
    ? 'No findings'
    : `${introduced} introduced, ${findings.length - introduced} pre-existing${failures.length ? ` — ${failures.length} at or above ${opts.failOn}` : ''}`;
  const head = [
    `**gitops-guard** reviewed ${opts.units.length} unit${opts.units.length === 1 ? '' : 's'}${opts.units.length ? `: ${opts.units.slice(0, 20).map(codeSpan).join(', ')}${opts.units.length > 20 ? ', …' : ''}` : ''}.`,
    '',
    severityTable(sorted),
    '',
    opts.resolved.length ? `✅ ${opts.resolved.length} finding${opts.resolved.length === 1 ? '' : 's'} fixed by this change.` : '',
    opts.failOn === 'never' ? 'Gate: disabled (`failOn: never`).' : `Gate: fails on ${opts.onlyIntroduced ? 'introduced ' : ''}findings at or above **${opts.failOn}**.`,
  ].join('\n');
  const note = '_…truncated: GitHub limits this text to 65,535 characters; every finding is still an annotation._';
  const summary = truncate(head + diffSection(opts.renderDiffs, GITHUB_TEXT_LIMIT - head.length - 200), GITHUB_TEXT_LIMIT - 1, note);
  const textLines = [
    opts.leftOut.length ? `### Not commented inline (${opts.leftOut.length})\n${opts.leftOut.map(findingLine).join('\n')}` : '',
    `### All findings (${sorted.length})\n${sorted.map(findingLine).join('\n') || '_none_'}`,
  ].filter(Boolean);
  const body: CheckRunBody = {
    name: CHECK_RUN_NAME,
    status: 'completed',
    conclusion,
    output: {
      title,
      summary,
      text: truncate(textLines.join('\n\n'), GITHUB_TEXT_LIMIT - 1, note),
      annotations: sorted.map(annotationOf),
    },
    actions: [{ label: 'Re-run: all findings', description: 'Comment on pre-existing findings too', identifier: 'rerun-all' }],
  };
  if (opts.headSha) body.head_sha = opts.headSha;
  return body;
}
