// Base vs head: a head finding is introduced when no base finding has its fingerprint.
import type { Finding } from '../core/types.js';

export function markIntroduced(head: Finding[], base: Finding[]): Finding[] {
  const before = new Set(base.map((f) => f.fingerprint));
  return head.map((f) => ({ ...f, introduced: !before.has(f.fingerprint) }));
}

/** Findings present at base whose fingerprint is gone at head: what the change fixed. */
export function resolvedBy(head: Finding[], base: Finding[]): Finding[] {
  const after = new Set(head.map((f) => f.fingerprint));
  return base.filter((f) => !after.has(f.fingerprint));
}
