// Text with the lines the secret scanner flags rewritten so that the value no longer appears: for
// rendered manifests echoed into check runs and for tools' error messages that quote their input.
import { scanText } from './scan.js';
import type { SecretFinding } from './types.js';

function maskLine(line: string, preview: string): string {
  const assignment = /^(\s*(?:-\s+)?[^:=\s][^:=]*?\s*[:=]\s*)/.exec(line);
  const replacement = `<redacted ${preview}>`;
  return assignment ? `${assignment[1]}${replacement}` : line.replace(/\S.*$/, replacement);
}

/** Text with every line holding a detected secret rewritten so the value no longer appears. */
export function maskSecretLines(text: string, path: string): string {
  const findings = scanText(text, path) as SecretFinding[];
  if (findings.length === 0) return text;
  const lines = text.split('\n');
  for (const f of findings) {
    for (let n = f.line; n <= (f.endLine ?? f.line); n++) {
      if (lines[n - 1] !== undefined) lines[n - 1] = n === f.line ? maskLine(lines[n - 1], f.preview ?? '…') : '';
    }
  }
  return lines.join('\n');
}
