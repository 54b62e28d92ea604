// What a snapshot agrees to hold: files up to a size, text only, and a total for the whole tree, so a
// pull request of thousands of large (or highly compressible) files cannot exhaust memory.
import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { SkippedFile } from '../core/types.js';

export interface SnapshotLimits {
  /** Larger files are skipped (and reported): `limits.maxFileBytes` of the config. */
  maxFileBytes: number;
  /** Once the files held add up to this, the remaining (largest) files are skipped and reported. */
  maxTotalBytes: number;
}

export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = {
  maxFileBytes: DEFAULT_CONFIG.limits.maxFileBytes,
  maxTotalBytes: 512 * 1024 * 1024,
};

/** Git's own heuristic: a NUL byte in the first 8,000 bytes makes a file binary. */
export function looksBinary(head: Uint8Array): boolean {
  return head.subarray(0, 8000).includes(0);
}

/**
 * Chooses which files to hold: smallest first until the total budget is spent, so the many small
 * manifests of a repository survive a few huge files. Returns the kept paths and the skipped ones.
 */
export function withinBudget<T extends { path: string; bytes: number }>(entries: T[], limits: SnapshotLimits): { kept: T[]; skipped: SkippedFile[] } {
  const kept: T[] = [];
  const skipped: SkippedFile[] = [];
  let total = 0;
  for (const e of [...entries].sort((a, b) => a.bytes - b.bytes || (a.path < b.path ? -1 : 1))) {
    if (e.bytes > limits.maxFileBytes) skipped.push({ path: e.path, reason: 'too-large', bytes: e.bytes });
    else if (total + e.bytes > limits.maxTotalBytes) skipped.push({ path: e.path, reason: 'over-budget', bytes: e.bytes });
    else {
      kept.push(e);
      total += e.bytes;
    }
  }
  return { kept, skipped };
}
