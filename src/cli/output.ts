// Formats one finding list for the CLI (text, json, sarif, markdown) and decides the exit code.
import type { Finding, Severity } from '../core/types.js';
import { allRules } from '../../rules/index.js';
import { failing } from '../report/severity.js';
import { toMarkdown } from '../report/markdown.js';
import { toSarif } from '../report/sarif.js';
import { toText } from '../report/text.js';
import { packageVersion, type Format } from './options.js';

export function formatFindings(findings: Finding[], format: Format, extra: Record<string, unknown> = {}, header?: string): string {
  switch (format) {
    case 'json':
      return JSON.stringify({ findings, ...extra }, null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(toSarif(findings, allRules.map((r) => r.meta), packageVersion()), null, 2) + '\n';
    case 'markdown':
      return toMarkdown(findings);
    default:
      return toText(findings, { colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR, header });
  }
}

export function exitCodeFor(findings: Finding[], failOn: Severity | 'never'): number {
  return failing(findings, failOn).length > 0 ? 1 : 0;
}

