import { readFileSync } from 'node:fs';
import type { Snapshot } from '../core/types.js';
import { loadConfig, parseConfig, type ResolvedConfig } from '../config/config.js';

/** --config FILE wins; else the repo's .gitops-guard.yml / .github/gitops-guard.yml at that snapshot. */
export function configFor(snapshot: Snapshot, configPath?: string): ResolvedConfig {
  if (configPath) return parseConfig(readFileSync(configPath, 'utf8'), configPath);
  return loadConfig((p) => snapshot.read(p)).config;
}
