// A pull request that edits the gitops-guard config does not get to apply it to its own review (the
// target branch's config governs, as in the GitHub App), but an invalid edit is still reported at
// its file and line so the author learns before merging.
import type { Finding } from '../core/types.js';
import { CONFIG_PATHS, ConfigError, parseConfig } from '../config/config.js';
import type { Snapshot } from '../core/types.js';
import type { ChangedFile } from './review-types.js';
import { fingerprintOf } from './run-rules.js';

export function changedConfigFindings(head: Snapshot, changedFiles: ChangedFile[]): Finding[] {
  const out: Finding[] = [];
  for (const file of changedFiles) {
    if (file.status === 'removed' || !CONFIG_PATHS.includes(file.path)) continue;
    const text = head.read(file.path);
    if (text === undefined) continue;
    try {
      parseConfig(text, file.path);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const message = `${e.message.slice(e.message.indexOf(': ') + 2)} (this change's config is not applied to its own review; the target branch's is)`;
      out.push({ ruleId: 'config-error', refs: [], severity: 'high', message, path: e.path, line: e.line, fingerprint: fingerprintOf({ ruleId: 'config-error', path: e.path, key: e.message.replace(/\d+/g, '#') }) });
    }
  }
  return out;
}
