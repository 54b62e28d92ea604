// SARIF 2.1.0 for GitHub code scanning upload.
import type { Finding, Severity } from '../core/types.js';
import { escapeMarkdown } from './escape.js';

export interface RuleDescriptor {
  id: string;
  title: string;
  severity: Severity;
  refs: string[];
  rationale?: string;
  remediation?: string;
  docs?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
// GitHub maps security-severity to critical (>= 9), high (>= 7), medium (>= 4), low.
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

/** A repository path as the relative URI SARIF requires: `a b#1.yaml` → `a%20b%231.yaml`. */
export function pathUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function toSarif(findings: Finding[], rules: RuleDescriptor[], version: string): object {
  const known = new Map(rules.map((r) => [r.id, r]));
  const usedIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const descriptors = usedIds.map((id) => {
    const r = known.get(id);
    const sample = findings.find((f) => f.ruleId === id)!;
    return {
      id,
      name: id,
      shortDescription: { text: r?.title ?? id },
      fullDescription: { text: r?.rationale ?? r?.title ?? id },
      // without rule metadata (render errors, limits) the help is a finding's message: untrusted text, escaped for markdown
      help: { text: r?.remediation ?? sample.message, markdown: r?.remediation ?? escapeMarkdown(sample.message) },
      ...(r?.docs ? { helpUri: r.docs } : {}),
      defaultConfiguration: { level: LEVEL[r?.severity ?? sample.severity] },
      properties: { tags: ['security', 'kubernetes', ...(r?.refs ?? sample.refs)], 'security-severity': SECURITY_SEVERITY[r?.severity ?? sample.severity] },
    };
  });
  const index = new Map(usedIds.map((id, i) => [id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'gitops-guard', version, informationUri: 'https://github.com/gitops-guard/gitops-guard', rules: descriptors } },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: pathUri(f.path), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, ...(f.endLine && f.endLine > f.line ? { endLine: f.endLine } : {}) },
              },
            },
          ],
          ...(f.fingerprint ? { partialFingerprints: { 'gitopsGuard/v1': f.fingerprint } } : {}),
          properties: { refs: f.refs, severity: f.severity, ...(f.environment ? { environment: f.environment } : {}), ...(f.introduced !== undefined ? { introduced: f.introduced } : {}) },
        })),
      },
    ],
  };
}
