import { readFileSync } from 'node:fs';
import type { Snapshot } from '../core/types.js';
import { DEFAULT_CONFIG, findConfigFile, type ResolvedConfig } from '../config/defaults.js';

/**
 * --config FILE wins; else the repo's .gitops-guard.yml / .github/gitops-guard.yml at that snapshot;
 * else the defaults. The YAML parser and schema validator load only when there is a file to read.
 */
export async function configFor(snapshot: Pick<Snapshot, 'read'>, configPath?: string): Promise<ResolvedConfig> {
  if (configPath) return (await import('../config/config.js')).parseConfig(readFileSync(configPath, 'utf8'), configPath);
  const file = findConfigFile((p) => snapshot.read(p));
  return file ? (await import('../config/config.js')).parseConfig(file.text, file.path) : structuredClone(DEFAULT_CONFIG);
}
