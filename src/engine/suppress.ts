// Occurrence-level suppression: `# gitops-guard:ignore <rule-id> <reason>` on or above the line,
// or the annotation `gitops-guard.io/ignore: "<rule-id>,…"` on the object (or its pod template).
import type { FieldPath, RenderedObject, Snapshot, SourceLocation } from '../core/types.js';
import { podSpecOf } from '../k8s/workloads.js';
import { readLines } from './fixes.js';

export const IGNORE_ANNOTATION = 'gitops-guard.io/ignore';
const COMMENT_RE = /gitops-guard:ignore\s+([a-z0-9*][a-z0-9,*-]*)/gi;

function listMatches(list: string, ruleId: string): boolean {
  return list.split(',').map((s) => s.trim()).some((id) => id === ruleId || id === '*' || id === 'all');
}

export function annotationSuppresses(ruleId: string, target: RenderedObject): boolean {
  const own = target.object.metadata?.annotations?.[IGNORE_ANNOTATION];
  if (own && listMatches(own, ruleId)) return true;
  const tmpl = podSpecOf(target.object)?.metadata?.annotations?.[IGNORE_ANNOTATION];
  return typeof tmpl === 'string' && listMatches(tmpl, ruleId);
}

export function commentSuppresses(ruleId: string, comments: string[]): boolean {
  for (const c of comments) {
    for (const m of c.matchAll(COMMENT_RE)) if (listMatches(m[1], ruleId)) return true;
  }
  return false;
}

/** Comment lines on `loc.line` and directly above it in the snapshot file. */
export function commentsAtLocation(snapshot: Snapshot, loc: SourceLocation): string[] {
  const lines = readLines(snapshot, loc.path)?.lines;
  if (lines === undefined) return [];
  const out: string[] = [];
  const own = lines[loc.line - 1];
  if (own?.includes('#')) out.push(own.slice(own.indexOf('#')));
  for (let i = loc.line - 2; i >= 0 && lines[i].trim().startsWith('#'); i--) out.push(lines[i]);
  return out;
}

export function isSuppressed(ruleId: string, target: RenderedObject, path: FieldPath, snapshot: Snapshot, loc: SourceLocation): boolean {
  if (annotationSuppresses(ruleId, target)) return true;
  if (commentSuppresses(ruleId, target.commentsAt(path))) return true;
  return commentSuppresses(ruleId, commentsAtLocation(snapshot, loc));
}
