// Markdown report (CI job summaries, PR comments from other tools).
import type { Finding } from '../core/types.js';
import { codeSpan, escapeMarkdown, fenceFor, tableCell } from './escape.js';
import { SEVERITY_ICON, sortFindings } from './severity.js';

export function toMarkdown(findings: Finding[], title = 'gitops-guard'): string {
  const lines = [`## ${escapeMarkdown(title)}`, ''];
  if (findings.length === 0) return `${lines.join('\n')}No findings.\n`;
  lines.push('| | severity | rule | refs | location | message |', '|---|---|---|---|---|---|');
  for (const f of sortFindings(findings)) {
    lines.push(`| ${SEVERITY_ICON[f.severity]} | ${f.severity} | ${tableCell(codeSpan(f.ruleId))} | ${escapeMarkdown(f.refs.join(', '))} | ${tableCell(codeSpan(`${f.path}:${f.line}`))} | ${escapeMarkdown(f.message)}${f.introduced === false ? ' _(pre-existing)_' : ''} |`);
  }
  const fixes = sortFindings(findings).filter((f) => f.fix);
  if (fixes.length) {
    lines.push('', '### Suggested fixes');
    for (const f of fixes) {
      const fence = fenceFor(f.fix!.replacement);
      lines.push('', `${codeSpan(`${f.fix!.path}:${f.fix!.startLine}-${f.fix!.endLine}`)} (${codeSpan(f.ruleId)})`, `${fence}yaml`, f.fix!.replacement, fence);
    }
  }
  return lines.join('\n') + '\n';
}
