import type { Finding, Severity } from '../core/types.js';
import { atLeast, SEVERITIES } from '../core/types.js';

export const SEVERITY_ICON: Record<Severity, string> = { critical: '🛑', high: '🔴', medium: '🟠', low: '🟡', info: '🔵' };

export function failing(findings: Finding[], failOn: Severity | 'never'): Finding[] {
  if (failOn === 'never') return [];
  return findings.filter((f) => atLeast(f.severity, failOn));
}

export function bySeverity(findings: Finding[]): Map<Severity, Finding[]> {
  const m = new Map<Severity, Finding[]>(SEVERITIES.map((s) => [s, []]));
  for (const f of findings) m.get(f.severity)!.push(f);
  return m;
}

/** Stable order for every report: severity, then file, then line. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.path.localeCompare(b.path) || a.line - b.line || a.ruleId.localeCompare(b.ruleId));
}
