import { readFileSync } from 'node:fs';
import type { Snapshot } from '../core/types.js';
import { CONFIG_PATHS, DEFAULT_CONFIG, type ResolvedConfig } from '../config/defaults.js';

/**
 * --config FILE wins; else the repo's .gitops-guard.yml / .github/gitops-guard.yml at that snapshot;
 * else the defaults. The YAML parser and schema validator load only when there is a file to read.
 */
export async function configFor(snapshot: Pick<Snapshot, 'read'>, configPath?: string): Promise<ResolvedConfig> {
  if (configPath) return (await import('../config/config.js')).parseConfig(readFileSync(configPath, 'utf8'), configPath);
  for (const p of CONFIG_PATHS) {
    const text = snapshot.read(p);
    if (text !== undefined) return (await import('../config/config.js')).parseConfig(text, p);
  }
  return structuredClone(DEFAULT_CONFIG);
}
