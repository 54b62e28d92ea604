// Formats one finding list for the CLI (text, json, sarif, markdown) and decides the exit code.
import { readFileSync } from 'node:fs';
import type { Finding, Severity } from '../core/types.js';
import { allRules } from '../../rules/index.js';
import { failing } from '../report/severity.js';
import { toMarkdown } from '../report/markdown.js';
import { toSarif } from '../report/sarif.js';
import { toText } from '../report/text.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export function packageVersion(): string {
  const url = new URL(import.meta.url.includes('/dist/') ? '../../../package.json' : '../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

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

export function parseFormat(value: string, allowed: readonly string[] = FORMATS): Format {
  if (!allowed.includes(value)) throw new Error(`unknown --format "${value}" (expected ${allowed.join('|')})`);
  return value as Format;
}

export function parseFailOn(value: string | undefined): Severity | 'never' | undefined {
  if (value === undefined) return undefined;
  const ok = ['critical', 'high', 'medium', 'low', 'info', 'never'];
  if (!ok.includes(value)) throw new Error(`unknown --fail-on "${value}" (expected ${ok.join('|')})`);
  return value as Severity | 'never';
}
