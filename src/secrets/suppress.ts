// What silences a secret finding: `# gitops-guard:ignore secret <reason>` on the line (or a
// comment line right above), gitleaks allowlists, and .gitleaksignore / fingerprint entries.
import type { Candidate, ScanSource, SecretAllowlist } from './types.js';

const IGNORE_RE = /gitops-guard:ignore\s+([a-z0-9*][a-z0-9,*-]*)/gi;

function listed(list: string, ruleId: string): boolean {
  return list.split(',').some((id) => ['secret', 'secrets', '*', 'all', ruleId].includes(id.trim().toLowerCase()));
}

/**
 * The first line of the list item holding `line` within the few lines above it (an env entry's
 * `- name: X` above its `value:`), or `line` itself.
 */
export function listItemStart(src: ScanSource, line: number): number {
  for (let n = line; n >= Math.max(1, line - 4); n--) if (/^\s*-\s/.test(src.line(n))) return n;
  return line;
}

/**
 * The line of the `gitops-guard:ignore` comment that silences ruleId on `line`, if any: on the
 * line, on a comment line right above it, or — with `itemStart`, the first line of the entry the
 * line belongs to — on that line or right above it.
 */
export function inlineIgnoreLine(src: ScanSource, line: number, ruleId: string, itemStart = line): number | undefined {
  const candidates = [line];
  for (const at of itemStart === line ? [line] : [line, itemStart]) {
    if (at !== line) candidates.push(at);
    if (at > 1 && /^\s*(?:#|\/\/)/.test(src.line(at - 1))) candidates.push(at - 1);
  }
  for (const n of candidates) {
    const t = src.line(n);
    if (!t.includes('gitops-guard:ignore')) continue;
    for (const m of t.matchAll(IGNORE_RE)) if (listed(m[1], ruleId)) return n;
  }
  return undefined;
}

export function allowlisted(lists: SecretAllowlist[], c: Candidate, path: string, lineText: string, aliases: string[]): boolean {
  return lists.some((a) => {
    if (a.ruleIds?.length && !a.ruleIds.some((r) => r === c.ruleId || aliases.includes(r))) return false;
    const target = a.regexTarget === 'line' ? lineText : a.regexTarget === 'match' ? (c.match ?? c.value) : c.value;
    const checks: boolean[] = [];
    if (a.paths.length) checks.push(a.paths.some((r) => test(r, path)));
    if (a.regexes.length) checks.push(a.regexes.some((r) => test(r, target)));
    if (a.stopwords.length) {
      const v = c.value.toLowerCase();
      checks.push(a.stopwords.some((w) => v.includes(w.toLowerCase())));
    }
    if (checks.length === 0) return false;
    return a.condition === 'AND' ? checks.every(Boolean) : checks.some(Boolean);
  });
}

function test(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  return re.test(s);
}

/** .gitleaksignore-style keys a finding answers to: its fingerprint and `path:rule:line` for every rule alias. */
export function ignoreKeys(fingerprint: string, path: string, line: number, aliases: string[]): string[] {
  return [fingerprint, ...aliases.map((r) => `${path}:${r}:${line}`)];
}
