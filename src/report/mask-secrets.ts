// Rendered manifests echoed into check runs must not carry credentials: Secret payloads are blanked
// and every line the secret scanner flags has its value replaced by the scanner's redacted preview.
import type { KubeObject } from '../core/types.js';
import { scanText, type SecretFinding } from '../secrets/index.js';

const MASK = '<redacted by gitops-guard>';

/** A copy of the object with the values of a Secret's `data`/`stringData` blanked. */
export function maskSecretPayload(object: KubeObject): KubeObject {
  if (object.kind !== 'Secret') return object;
  const copy: KubeObject = { ...object };
  for (const field of ['data', 'stringData']) {
    const payload = object[field];
    if (payload && typeof payload === 'object') {
      copy[field] = Object.fromEntries(Object.keys(payload).map((k) => [k, MASK]));
    }
  }
  return copy;
}

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
