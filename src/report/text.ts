// Human-readable report, grouped by file; coloured when writing to a TTY.
import type { Finding, Severity } from '../core/types.js';
import { safeLineStart, terminalSafe } from './escape.js';
import { sortFindings } from './severity.js';

const COLOUR: Record<Severity, string> = { critical: '\x1b[1;31m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[34m' };
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

export function toText(findings: Finding[], opts: { colour: boolean; header?: string }): string {
  const c = (code: string, s: string): string => (opts.colour ? `${code}${s}${RESET}` : s);
  const byFile = new Map<string, Finding[]>();
  for (const f of sortFindings(findings).sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line)) {
    if (!byFile.has(f.path)) byFile.set(f.path, []);
    byFile.get(f.path)!.push(f);
  }
  const out: string[] = [];
  if (opts.header) out.push(safeLineStart(terminalSafe(opts.header)), '');
  for (const [file, fs] of byFile) {
    out.push(c('\x1b[1m', safeLineStart(terminalSafe(file))));
    for (const f of fs) {
      const tags = [f.refs.join(','), f.environment && f.environment !== 'default' ? `env:${f.environment}` : '', f.introduced === false ? 'pre-existing' : ''].filter(Boolean).join(' ');
      out.push(`  ${String(f.line).padStart(4)}  ${c(COLOUR[f.severity], f.severity.padEnd(8))} ${terminalSafe(f.message)}  ${c(DIM, terminalSafe(`${f.ruleId}${tags ? ` [${tags}]` : ''}`))}`);
      if (f.fix) out.push(c(DIM, `        fix ${terminalSafe(f.fix.path)}:${f.fix.startLine}-${f.fix.endLine}:`), ...terminalSafe(f.fix.replacement, true).split('\n').map((l) => c('\x1b[32m', `        + ${l}`)));
    }
    out.push('');
  }
  const counts = (['critical', 'high', 'medium', 'low', 'info'] as Severity[]).map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  out.push(findings.length === 0 ? 'No findings.' : `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`);
  return out.join('\n') + '\n';
}
