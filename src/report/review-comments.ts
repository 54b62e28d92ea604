// Findings → the body of "create a review for a pull request": inline comments on lines inside the
// diff's hunks (RIGHT side), with ```suggestion blocks spanning exactly the lines a fix replaces.
import type { Finding, Fix } from '../core/types.js';
import type { ChangedFile } from '../engine/review-types.js';
import { GITHUB_TEXT_LIMIT, type ReviewBody, type ReviewComment } from './github-bodies.js';
import { supersededFixes } from './fix-conflicts.js';
import { mergeFixes } from './merge-fixes.js';
import { codeSpan, escapeMarkdown, fenceFor } from './escape.js';
import { SEVERITY_ICON, sortFindings } from './severity.js';

export const FINGERPRINT_MARKER = 'gitops-guard:fp=';

export interface ReviewPlan {
  review: ReviewBody;
  /** Findings that got an inline comment. */
  inline: Finding[];
  /** Findings eligible for a comment but left out (cap, or no commentable line): they stay in the check run. */
  leftOut: Finding[];
  /** Those of `leftOut` that had a line to go on but did not fit in maxComments. */
  overCap: Finding[];
}

interface Anchor {
  path: string;
  line: number;
  startLine?: number;
}

/** Is every line of start..end commentable and in one hunk (no gap)? */
function spanCommentable(lines: Set<number>, start: number, end: number): boolean {
  for (let l = start; l <= end; l++) if (!lines.has(l)) return false;
  return true;
}

export type LineEnding = '\n' | '\r\n';

/** The line ending of each file, read from the snapshot the suggestions apply to. */
export function lineEndingsOf(read: (path: string) => string | undefined): (path: string) => LineEnding {
  return (path) => (read(path)?.includes('\r\n') ? '\r\n' : '\n');
}

/**
 * The block's own line breaks are the file's, so every suggested line of a CRLF file ends in CRLF
 * when the suggestion is committed (GitHub commits the block's text as it is).
 */
export function suggestionBlock(replacement: string, eol: LineEnding = replacement.includes('\r\n') ? '\r\n' : '\n'): string {
  const fence = fenceFor(replacement);
  return `${fence}suggestion${eol}${replacement}${eol}${fence}`;
}

function findingHeading(f: Finding): string {
  const refs = f.refs.length ? ` · ${f.refs.map(escapeMarkdown).join(', ')}` : '';
  const env = f.environment && f.environment !== 'default' ? ` · env ${codeSpan(f.environment)}` : '';
  return `${SEVERITY_ICON[f.severity]} **${f.severity}** · ${codeSpan(f.ruleId)}${refs}${env}`;
}

/** A message longer than this (a 100 KB object name…) is cut: it would crowd out the rest of the comment. */
const MESSAGE_LIMIT = 2_000;
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

const tooLongNote = (fix: Fix): string => `_The change that fixes this (${fix.replacement.length} characters) is too long for a comment; it is in the check run._`;

/**
 * The suggestion of a comment: one fix, which applies the fixes of every finding in `covers`;
 * `supersedes`: those of them whose own fix conflicted with it and was dropped (see fix-conflicts).
 */
export interface Suggestion {
  fix: Fix;
  covers: ReadonlySet<Finding>;
  supersedes?: ReadonlySet<Finding>;
}

const SUPERSEDED_NOTE = '_The suggestion above covers this too: it rewrites the lines this finding\'s own fix would change._';

/**
 * One inline comment. It stays within GitHub's 65,535 characters whatever the findings carry: a
 * single body over the limit makes GitHub refuse the whole review, dropping every inline comment.
 */
export function commentBody(findings: Finding[], suggestion?: Suggestion, eol?: LineEnding): string {
  const markers = findings.map((f) => `<!-- ${FINGERPRINT_MARKER}${f.fingerprint} -->`).join('\n');
  let budget = GITHUB_TEXT_LIMIT - markers.length - 2;
  const parts: string[] = [];
  const add = (part: string, tooLong?: string): void => {
    const text = part.length + 2 <= budget ? part : tooLong !== undefined && tooLong.length + 2 <= budget ? tooLong : undefined;
    if (text === undefined) return;
    parts.push(text);
    budget -= text.length + 2;
  };
  let suggested = false;
  for (const f of findings) {
    add(`${findingHeading(f)}\n\n${escapeMarkdown(clip(f.message, MESSAGE_LIMIT))}`);
    if (!f.fix) continue;
    if (suggestion?.covers.has(f)) {
      if (suggested) {
        add(suggestion.supersedes?.has(f) ? SUPERSEDED_NOTE : '_The suggestion above fixes this too._');
        continue;
      }
      suggested = true;
      const { fix } = suggestion;
      if (fix.description) add(escapeMarkdown(clip(fix.description, MESSAGE_LIMIT)));
      add(suggestionBlock(fix.replacement, eol), tooLongNote(fix));
    } else {
      const fence = fenceFor(f.fix.replacement);
      add(`Proposed change to ${codeSpan(`${f.fix.path}:${f.fix.startLine}-${f.fix.endLine}`)}:\n${fence}yaml\n${f.fix.replacement}\n${fence}`, tooLongNote(f.fix));
    }
  }
  parts.push(markers);
  return parts.join('\n\n');
}

/**
 * The fingerprints of a comment: only the marker lines that end the body, where commentBody puts
 * them. A marker inside the text (a suggested line of the pull request carrying one) is content, not
 * a claim that the finding was already commented.
 */
export function fingerprintsInBody(body: string): string[] {
  const out: string[] = [];
  const lines = body.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^<!-- gitops-guard:fp=([0-9a-f]+) -->$/.exec(lines[i]);
    if (!m) break;
    out.unshift(m[1]);
  }
  return out;
}

export interface ReviewOptions {
  event: 'COMMENT' | 'REQUEST_CHANGES';
  maxComments: number;
  onlyIntroduced: boolean;
  headSha?: string;
  /** Fingerprints already commented on in open threads: not commented again. */
  alreadyCommented?: Set<string>;
  /** Line ending of a head file (see lineEndingsOf); without it, a fix's own line breaks decide. */
  lineEndingOf?: (path: string) => LineEnding;
  /** A head file's text: tells suggestions that conflict without sharing a line (see fix-conflicts). */
  read?: (path: string) => string | undefined;
}

/**
 * Per finding whose fix merges with others of the same lines (see mergeFixes), the merged fix; the
 * findings are taken in the order given, so the first fix of each span leads its merge.
 */
function mergedFixesOf(findings: Finding[]): Map<Finding, Fix> {
  const bySpan = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.fix) continue;
    const key = `${f.fix.path}\u0000${f.fix.startLine}\u0000${f.fix.endLine}`;
    const list = bySpan.get(key);
    if (list) list.push(f);
    else bySpan.set(key, [f]);
  }
  const out = new Map<Finding, Fix>();
  for (const list of bySpan.values()) {
    let pending = list;
    while (pending.length > 1) {
      const result = mergeFixes(pending.map((f) => f.fix!))!;
      const joined = new Set(result.merged);
      if (joined.size > 1) for (const f of pending) if (joined.has(f.fix!)) out.set(f, result.fix);
      pending = pending.filter((f) => !joined.has(f.fix!));
    }
  }
  return out;
}

/**
 * Drops, of the suggestions that would conflict when accepted together, the less complete ones
 * (see supersededFixes): each of their findings then points at the fix covering it in `fixOf`.
 * Returns those findings.
 */
function dropConflictingFixes(findings: Finding[], fixOf: Map<Finding, Fix>, placeable: (fix: Fix) => boolean, read?: (path: string) => string | undefined): Set<Finding> {
  const fixes = [...new Set(findings.map((f) => fixOf.get(f) ?? f.fix).filter((fix): fix is Fix => !!fix && placeable(fix)))];
  const coveredBy = supersededFixes(fixes, read);
  const winners = new Set(coveredBy.values());
  const superseded = new Set<Finding>();
  for (const f of findings) {
    const fix = fixOf.get(f) ?? f.fix;
    if (!fix) continue;
    const winner = coveredBy.get(fix);
    if (winner) {
      fixOf.set(f, winner);
      superseded.add(f);
    } else if (winners.has(fix)) fixOf.set(f, fix);
  }
  return superseded;
}

export function planReview(findings: Finding[], changedFiles: ChangedFile[], opts: ReviewOptions): ReviewPlan {
  const commentable = new Map(changedFiles.filter((f) => f.status !== 'removed').map((f) => [f.path, new Set(f.commentableLines)]));
  const groups = new Map<string, { anchor: Anchor; findings: Finding[]; suggestion?: { fix: Fix; covers: Set<Finding>; supersedes: Set<Finding> } }>();
  const leftOut: Finding[] = [];
  const usedFixLines = new Map<string, Set<number>>();
  const eligible = sortFindings(findings).filter((f) => !(opts.onlyIntroduced && !f.introduced) && !opts.alreadyCommented?.has(f.fingerprint ?? ''));
  const mergedFix = mergedFixesOf(eligible);
  const placeable = (fix: Fix): boolean => {
    const lines = commentable.get(fix.path);
    return !!lines && spanCommentable(lines, fix.startLine, fix.endLine);
  };
  const superseded = dropConflictingFixes(eligible, mergedFix, placeable, opts.read);
  /** Merged fixes that already lead a comment, with that comment's key. */
  const placed = new Map<Fix, string>();
  const commentedFingerprints = new Set<string>();

  for (const f of eligible) {
    const fix = mergedFix.get(f) ?? f.fix;
    const joins = fix && placed.get(fix);
    if (fix && joins) {
      const group = groups.get(joins)!;
      group.findings.push(f);
      group.suggestion!.covers.add(f);
      if (superseded.has(f)) group.suggestion!.supersedes.add(f);
      continue;
    }
    const lines = commentable.get(f.path);
    let anchor: Anchor | undefined;
    let suggest = false;
    if (fix) {
      const fixLines = commentable.get(fix.path);
      const used = usedFixLines.get(fix.path) ?? new Set<number>();
      let overlaps = false;
      for (let l = fix.startLine; l <= fix.endLine; l++) if (used.has(l)) overlaps = true;
      if (fixLines && !overlaps && spanCommentable(fixLines, fix.startLine, fix.endLine)) {
        anchor = { path: fix.path, line: fix.endLine, startLine: fix.startLine < fix.endLine ? fix.startLine : undefined };
        suggest = true;
        for (let l = fix.startLine; l <= fix.endLine; l++) used.add(l);
        usedFixLines.set(fix.path, used);
      }
    }
    if (!anchor && lines?.has(f.line)) anchor = { path: f.path, line: f.line };
    if (!anchor) {
      leftOut.push(f);
      continue;
    }
    // One finding shown at several places (a namespace's, at each unit deploying into it) is commented once: a fingerprint marks one thread.
    if (!suggest && f.fingerprint && commentedFingerprints.has(f.fingerprint)) continue;
    if (f.fingerprint) commentedFingerprints.add(f.fingerprint);
    const key = `${anchor.path}\u0000${anchor.startLine ?? ''}\u0000${anchor.line}`;
    let group = groups.get(key);
    if (group) group.findings.push(f);
    else groups.set(key, (group = { anchor, findings: [f] }));
    if (suggest && fix && !group.suggestion) {
      group.suggestion = { fix, covers: new Set([f]), supersedes: new Set(superseded.has(f) ? [f] : []) };
      if (mergedFix.has(f)) placed.set(fix, key);
    }
  }

  const all = [...groups.values()];
  const kept = all.slice(0, opts.maxComments);
  const overCap = all.slice(opts.maxComments).flatMap((g) => g.findings);
  leftOut.push(...overCap);
  const comments: ReviewComment[] = kept.map(({ anchor, findings: fs, suggestion }) => {
    // A finding whose fix was dropped for the suggestion comes after the findings that suggestion is theirs.
    const ordered = suggestion ? [...fs.filter((f) => !suggestion.supersedes.has(f)), ...fs.filter((f) => suggestion.supersedes.has(f))] : fs;
    const c: ReviewComment = { path: anchor.path, line: anchor.line, side: 'RIGHT', body: commentBody(ordered, suggestion, suggestion ? opts.lineEndingOf?.(suggestion.fix.path) : undefined) };
    if (anchor.startLine !== undefined) {
      c.start_line = anchor.startLine;
      c.start_side = 'RIGHT';
    }
    return c;
  });
  const inline = kept.flatMap((g) => g.findings);
  const total = inline.length + leftOut.length;
  const body = total === 0
    ? 'gitops-guard found nothing new in this change.'
    : `gitops-guard found ${total} issue${total === 1 ? '' : 's'} ${opts.onlyIntroduced ? 'introduced by this change' : 'in the files this change touches'}: ${inline.length} commented inline${comments.length < inline.length ? ` on ${comments.length} line${comments.length === 1 ? '' : 's'}` : ''}${leftOut.length ? `, ${leftOut.length} more in the \`gitops-guard\` check run` : ''}.`;
  const review: ReviewBody = { event: opts.event, body, comments };
  if (opts.headSha) review.commit_id = opts.headSha;
  return { review, inline, leftOut, overCap };
}
