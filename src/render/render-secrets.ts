// kubectl and helm quote the input they choke on: "invalid literal source password: hunter2…",
// "node contents: …". Before such a message becomes a finding (and a review comment, an annotation,
// a log line), the secret values the unit's own files hold are replaced by their redacted preview,
// and any line the secret scanner flags is masked.
import { posix } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Snapshot } from '../core/types.js';
import { redact } from '../secrets/redact.js';
import { maskSecretLines } from '../secrets/mask-lines.js';

/** Values shorter than this are not hunted for in messages: they occur in ordinary words. */
const MIN_VALUE = 6;

const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The values of `KEY=value` lines (env files, generator literals), or of a whole literal without `=`. */
function literalValue(literal: string): string {
  const eq = literal.indexOf('=');
  if (eq >= 0) return literal.slice(eq + 1);
  const colon = literal.indexOf(':');
  return colon >= 0 ? literal.slice(colon + 1).trim() : literal;
}

/**
 * Secret values written in the files of some folders: secretGenerator literals and the env files
 * and files they read, and the data/stringData of Secret manifests.
 */
export function secretValuesIn(snapshot: Snapshot, dirs: string[], maxFileBytes: number): Set<string> {
  const out = new Set<string>();
  const add = (v: string): void => {
    const t = v.trim().replace(/^["']|["']$/g, '');
    if (t.length >= MIN_VALUE) out.add(t);
  };
  const inDirs = new Set(dirs.map((d) => (d === '.' ? '' : d)));
  const read = (p: string): string | undefined => {
    const text = snapshot.read(p);
    return text !== undefined && text.length <= maxFileBytes ? text : undefined;
  };
  for (const path of snapshot.list()) {
    if (!inDirs.has(posix.dirname(path) === '.' ? '' : posix.dirname(path)) || !/\.ya?ml$|(^|\/)Kustomization$/.test(path)) continue;
    const text = read(path);
    if (!text || (!text.includes('secretGenerator') && !/kind:\s*Secret\b/.test(text))) continue;
    let docs: unknown[];
    try {
      docs = parseAllDocuments(text, { logLevel: 'error' }).map((d) => d.toJS({ maxAliasCount: 50 }));
    } catch {
      continue;
    }
    for (const doc of docs) {
      if (!doc || typeof doc !== 'object') continue;
      const o = doc as Record<string, unknown>;
      for (const g of Array.isArray(o.secretGenerator) ? (o.secretGenerator as Record<string, unknown>[]) : []) {
        for (const l of asStrings(g?.literals)) add(literalValue(l));
        for (const f of [...asStrings(g?.envs), ...(typeof g?.env === 'string' ? [g.env] : []), ...asStrings(g?.files).map((x) => (x.includes('=') ? x.slice(x.indexOf('=') + 1) : x))]) {
          const content = read(posix.join(posix.dirname(path), f));
          for (const line of content?.split(/\r?\n/) ?? []) if (line.trim() && !line.trimStart().startsWith('#')) add(literalValue(line));
          if (content) add(content);
        }
      }
      if (o.kind === 'Secret') {
        for (const [block, b64] of [['data', true], ['stringData', false]] as const) {
          const entries = o[block];
          if (!entries || typeof entries !== 'object') continue;
          for (const v of Object.values(entries as Record<string, unknown>)) {
            if (typeof v !== 'string') continue;
            add(v);
            if (b64) add(Buffer.from(v, 'base64').toString('utf8'));
          }
        }
      }
    }
  }
  return out;
}

/** The message with every known secret value replaced by its preview, and lines the scanner flags masked. */
export function redactRenderMessage(message: string, values: Set<string>, path: string): string {
  let out = message;
  for (const v of [...values].sort((a, b) => b.length - a.length)) if (out.includes(v)) out = out.split(v).join(redact(v));
  return maskSecretLines(out, path);
}
