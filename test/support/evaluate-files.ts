// Evaluates a repository held in memory as `scan` does (discover, render, rules), with the default config.
import { rulesFor } from '../../rules/index.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { evaluate, type Evaluation } from '../../src/engine/evaluate.js';
import { discover } from '../../src/workspace/discover.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

export async function evaluateFiles(files: Record<string, string>): Promise<Evaluation & { snapshot: MemorySnapshot }> {
  const snapshot = MemorySnapshot.from('test', files);
  const discovery = discover(snapshot);
  const config = structuredClone(DEFAULT_CONFIG);
  return { ...(await evaluate(discovery.units, discovery, snapshot, config, rulesFor(config))), snapshot };
}
