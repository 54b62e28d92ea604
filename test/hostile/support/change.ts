// A pull request held in memory: base and head file maps → the ReviewInput reviewChange takes.
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../../src/config/config.js';
import type { ChangedFile, ReviewInput } from '../../../src/engine/review-types.js';
import { MemorySnapshot } from '../../../src/workspace/memory-snapshot.js';

/** Every head line of a file the change adds or edits counts as added (a whole-file hunk). */
export function changedFilesOf(base: Record<string, string>, head: Record<string, string>): ChangedFile[] {
  const out: ChangedFile[] = [];
  for (const [path, text] of Object.entries(head)) {
    if (base[path] === text) continue;
    const lines = Array.from({ length: text.split(/\r?\n/).length }, (_, i) => i + 1);
    out.push({ path, status: path in base ? 'modified' : 'added', addedLines: lines, commentableLines: lines });
  }
  for (const path of Object.keys(base)) if (!(path in head)) out.push({ path, status: 'removed', addedLines: [], commentableLines: [] });
  return out;
}

export function pullRequest(base: Record<string, string>, head: Record<string, string>, config: Partial<ResolvedConfig> = {}): ReviewInput {
  return {
    base: MemorySnapshot.from('base', base),
    head: MemorySnapshot.from('head', head),
    changedFiles: changedFilesOf(base, head),
    config: { ...structuredClone(DEFAULT_CONFIG), ...config },
    headSha: 'f'.repeat(40),
  };
}
