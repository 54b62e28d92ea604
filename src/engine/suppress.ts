// Occurrence-level suppression: `# gitops-guard:ignore <rule-id> <reason>` on or above the line,
// or the annotation `gitops-guard.io/ignore: "<rule-id>,…"` on the object (or its pod template).
// A repository moving over from kube-linter or kube-score keeps its exemptions: their annotations
// (`ignore-check.kube-linter.io/<check>`, `kube-score/ignore: <check>,…`) silence the rules that
// enforce those checks (the rule's KL:/KS: refs), when every such ref of the rule is exempted.
import type { FieldPath, RenderedObject, Snapshot, SourceLocation } from '../core/types.js';
import { podSpecOf } from '../k8s/workloads.js';
import { readLines } from './fixes.js';

export const IGNORE_ANNOTATION = 'gitops-guard.io/ignore';
const COMMENT_RE = /gitops-guard:ignore\s+([a-z0-9*][a-z0-9,*-]*)/gi;

function listMatches(list: string, ruleId: string): boolean {
  return list.split(',').map((s) => s.trim()).some((id) => id === ruleId || id === '*' || id === 'all');
}

export const KUBE_LINTER_IGNORE_PREFIX = 'ignore-check.kube-linter.io/';
export const KUBE_SCORE_IGNORE = 'kube-score/ignore';

type Annotations = Record<string, unknown> | undefined;

/** The annotations of the object and of its pod template: either exempts the object. */
function annotationSets(target: RenderedObject): Annotations[] {
  return [target.object.metadata?.annotations as Annotations, podSpecOf(target.object)?.metadata?.annotations as Annotations];
}

/**
 * kube-score names many checks after the kind they run on (deployment-has-host-podantiaffinity);
 * `pod-…` checks run on every pod template, whatever the kind.
 */
const KIND_NAMED_CHECK = /^(deployment|statefulset|daemonset|cronjob|horizontalpodautoscaler|networkpolicy|service|ingress|poddisruptionbudget)-/;

/** Whether the peer tool's exemptions cover every check of that tool the rule enforces on this kind (none: false). */
function peerExempts(refs: readonly string[], prefix: 'KL:' | 'KS:', kind: string, exempt: (check: string) => boolean): boolean {
  const checks = refs
    .filter((r) => r.startsWith(prefix))
    .map((r) => r.slice(prefix.length))
    .filter((check) => (KIND_NAMED_CHECK.exec(check)?.[1] ?? kind.toLowerCase()) === kind.toLowerCase());
  return checks.length > 0 && checks.every(exempt);
}

export function annotationSuppresses(ruleId: string, target: RenderedObject, refs: readonly string[] = []): boolean {
  for (const a of annotationSets(target)) {
    if (!a) continue;
    const own = a[IGNORE_ANNOTATION];
    if (typeof own === 'string' && listMatches(own, ruleId)) return true;
    if (peerExempts(refs, 'KL:', target.ref.kind, (check) => `${KUBE_LINTER_IGNORE_PREFIX}${check}` in a)) return true;
    const score = a[KUBE_SCORE_IGNORE];
    if (typeof score === 'string' && peerExempts(refs, 'KS:', target.ref.kind, (check) => listMatches(score, check))) return true;
  }
  return false;
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

export function isSuppressed(ruleId: string, refs: readonly string[], target: RenderedObject, path: FieldPath, snapshot: Snapshot, loc: SourceLocation): boolean {
  if (annotationSuppresses(ruleId, target, refs)) return true;
  if (commentSuppresses(ruleId, target.commentsAt(path))) return true;
  return commentSuppresses(ruleId, commentsAtLocation(snapshot, loc));
}
