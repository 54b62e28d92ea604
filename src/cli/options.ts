// Option parsing shared by the commands; light on purpose (no rules, no reporters), so a command's
// declaration and its usage errors cost nothing to load.
import { readFileSync } from 'node:fs';
import { packageFile } from '../core/package-file.js';
import type { Severity } from '../core/types.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
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
