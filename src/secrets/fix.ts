// Mechanical fixes: a literal env `value:` becomes valueFrom.secretKeyRef, a literal in a Helm
// values file becomes `existingSecret`, both pointing at {service}-{environment}-credentials
// (credentialsSecretName).
import type { Fix } from '../core/types.js';
import type { Candidate, ScanSource } from './types.js';

export const ROTATE_NOTE = 'gitops-guard: rotate this credential, the literal is already in git history';

function eolOf(src: ScanSource, line: number): string {
  const end = line < src.lineCount ? src.lineStart(line + 1) - 1 : -1;
  return end > 0 && src.charCodeAt(end - 1) === 13 ? '\r\n' : '\n';
}

export function secretKeyName(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'value';
}

/**
 * The lines that replace an env item's `value: <literal>`: a note that the credential must be
 * rotated, then `valueFrom.secretKeyRef`. `prefix` is what precedes `value:` on its line (the
 * indentation, or the item's `- `). The secret scanner, which reads lines, not objects, writes it;
 * where the REQ-429 rule reports the same item, its envFrom fix replaces this one
 * (withoutFixesRulesGive).
 */
export function envSecretRefLines(prefix: string, secretName: string, envName: string): string[] {
  const pad = ' '.repeat(prefix.length);
  return [`${pad}# ${ROTATE_NOTE}`, `${prefix}valueFrom:`, `${pad}  secretKeyRef:`, `${pad}    name: ${secretName}`, `${pad}    key: ${secretKeyName(envName)}`];
}

export function buildFix(src: ScanSource, c: Candidate, secretName: string): Fix | undefined {
  if (!c.fixHint || !c.key || c.endLine !== undefined && c.endLine !== c.line) return undefined;
  const text = src.line(c.line);
  const eol = eolOf(src, c.line);
  if (c.fixHint === 'env-value') {
    const m = /^(\s*)["']?value["']?\s*:/.exec(text);
    if (!m) return undefined;
    return {
      path: src.path,
      startLine: c.line,
      endLine: c.line,
      replacement: envSecretRefLines(m[1], secretName, c.key).join(eol),
      description: `Read ${c.key} from Secret ${secretName} and rotate the exposed credential`,
    };
  }
  const m = /^(\s*)["']?[\w.-]+["']?\s*:\s/.exec(text);
  if (!m) return undefined;
  const i = m[1];
  const note = `${i}# ${ROTATE_NOTE}`;
  const reference = `${i}existingSecret: ${secretName}`;
  const description = `Remove the literal ${c.key}, reference Secret ${secretName} and rotate the exposed credential`;
  const sibling = siblingLine(src, c.line, i.length, 'existingSecret');
  if (sibling === undefined) return { path: src.path, startLine: c.line, endLine: c.line, replacement: [note, reference].join(eol), description };
  // A set existingSecret already wins over the literal: removing the literal is enough.
  if (!/^\s*existingSecret\s*:\s*(?:""|''|~|null)?\s*(?:#.*)?$/.test(src.line(sibling))) {
    return { path: src.path, startLine: c.line, endLine: c.line, replacement: note, description: `Remove the literal ${c.key} (the chart reads the existing Secret) and rotate the exposed credential` };
  }
  // An empty one must be filled in the same edit, which one suggestion can do only when it is the next or previous line.
  if (Math.abs(sibling - c.line) !== 1) return undefined;
  return { path: src.path, startLine: Math.min(sibling, c.line), endLine: Math.max(sibling, c.line), replacement: [note, reference].join(eol), description };
}

/** The line of a key at the same indentation in the mapping holding `line`, if there is one. */
function siblingLine(src: ScanSource, line: number, indent: number, key: string): number | undefined {
  const re = new RegExp(`^\\s{${indent}}${key}\\s*:`);
  for (const dir of [-1, 1]) {
    for (let n = line + dir; n >= 1 && n <= src.lineCount; n += dir) {
      const l = src.line(n);
      if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
      const ind = l.length - l.trimStart().length;
      if (ind < indent) break;
      if (ind === indent && re.test(l)) return n;
    }
  }
  return undefined;
}
