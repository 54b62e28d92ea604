// Base vs head: a head finding is introduced when no base finding has its fingerprint, or when the
// change made it more severe (a mutable tag turned into :latest, a dev setting now in prod).
import { severityRank, type Finding, type RenderResult } from '../core/types.js';

export function markIntroduced(head: Finding[], base: Finding[]): Finding[] {
  const before = new Map<string | undefined, number>();
  for (const f of base) before.set(f.fingerprint, Math.max(before.get(f.fingerprint) ?? -1, severityRank(f.severity)));
  return head.map((f) => {
    const was = before.get(f.fingerprint);
    return { ...f, introduced: was === undefined || severityRank(f.severity) > was };
  });
}

/**
 * Findings present at base whose fingerprint is gone at head: what the change fixed. Not those of a
 * unit (and environment) the change broke: an overlay that no longer builds has fixed nothing.
 */
export function resolvedBy(head: Finding[], base: Finding[], headRenders: RenderResult[] = []): Finding[] {
  const after = new Set(head.map((f) => f.fingerprint));
  const unsettled = new Set(unsettledBy(base, headRenders));
  return base.filter((f) => !after.has(f.fingerprint) && !unsettled.has(f.fingerprint ?? ''));
}

/** Fingerprints of base findings in the units (and environments) whose render failed at head. */
export function unsettledBy(base: Finding[], headRenders: RenderResult[]): string[] {
  const broken = new Set(headRenders.filter(renderFailed).map((r) => `${r.unit.id}\u0000${r.environment}`));
  return base.filter((f) => f.fingerprint && broken.has(`${f.unit}\u0000${f.environment ?? 'default'}`)).map((f) => f.fingerprint!);
}

/** A render that produced nothing but errors. */
export function renderFailed(r: RenderResult): boolean {
  return r.errors.length > 0 && r.objects.length === 0;
}
