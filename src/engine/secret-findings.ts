// Secret scanning inside a review or a scan: the lines a change adds, or whole files.
import type { Finding, Snapshot } from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';
import { loadRepoSecretConfig, scanText } from '../secrets/index.js';
import type { ChangedFile } from './review-types.js';

export function scanChangedLines(head: Snapshot, changed: ChangedFile[], config: ResolvedConfig): Finding[] {
  const repoConfig = loadRepoSecretConfig((p) => head.read(p));
  const out: Finding[] = [];
  for (const file of changed) {
    if (file.status === 'removed' || file.addedLines.length === 0) continue;
    const text = head.read(file.path);
    if (text === undefined || text.length > config.limits.maxFileBytes) continue;
    out.push(...scanText(text, file.path, { lines: new Set(file.addedLines), ...repoConfig }));
  }
  return out;
}

export function scanSnapshot(snapshot: Snapshot, config: ResolvedConfig): Finding[] {
  const repoConfig = loadRepoSecretConfig((p) => snapshot.read(p));
  const out: Finding[] = [];
  for (const path of snapshot.list()) {
    const text = snapshot.read(path);
    if (text === undefined || text.length > config.limits.maxFileBytes) continue;
    out.push(...scanText(text, path, repoConfig));
  }
  return out;
}

/**
 * Secret findings without a fix where a rule's finding on the same line has one: both rewrite the
 * same literal, and the rule knows more (the Secret the pod already reads). They agree otherwise
 * (see envSecretRefLines), and a review shows a single suggestion either way.
 */
export function withoutFixesRulesGive(secrets: Finding[], ruleFindings: Finding[]): Finding[] {
  const fixed = new Set(ruleFindings.filter((f) => f.fix).map((f) => `${f.fix!.path}\u0000${f.fix!.startLine}`));
  return secrets.map((f) => {
    if (!f.fix || !fixed.has(`${f.fix.path}\u0000${f.fix.startLine}`)) return f;
    const { fix: _ruleHasOne, ...rest } = f;
    return rest;
  });
}
