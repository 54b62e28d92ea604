// The delta compares a stand-in (src/engine/stand-ins.ts) with itself. A stand-in exists at one side
// only when the change breaks an overlay (stand-ins at head) or repairs one (at base). At the other
// side the overlay rendered the same objects with its namespace, name prefix and patches, so
// comparing across would call the base's findings introduced (or fixed) and show its objects
// created (or deleted). Each such stand-in is therefore rendered at the other side too: at base it
// joins what head is compared with; at head it only answers what the change fixed and what it
// changes in the cluster, since the overlay there reports those objects already.
import type { Unit } from '../core/types.js';
import type { Discovery } from '../workspace/discover.js';
import type { Evaluation } from './evaluate.js';
import { standInsAmong } from './stand-ins.js';

export interface Side {
  evaluation: Evaluation;
  /** The units the side was asked to evaluate (stand-ins are the others). */
  units: Unit[];
  discovery: Discovery;
  evaluate(units: Unit[]): Promise<Evaluation>;
}

/** Stand-ins of `other` that `side` did not render but holds. */
function missingAt(side: Side, other: Side): Unit[] {
  const rendered = new Set(side.evaluation.renders.map((r) => r.unit.id));
  return standInsAmong(other.evaluation.renders, other.units).filter((u) => !rendered.has(u.id) && side.discovery.isKustomization(u.root));
}

/** Every list of the evaluation (renders, findings, …) of `b` appended to that of `a`. */
function merged(a: Evaluation, b: Evaluation | undefined): Evaluation {
  if (!b) return a;
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) if (Array.isArray(value)) out[key] = [...((out[key] as unknown[] | undefined) ?? []), ...value];
  return out as unknown as Evaluation;
}

/** `base` to compare head with, and `headCompared`: head plus the base's stand-ins, for what was fixed and the rendered diff only. */
export async function pairStandIns(head: Side, base: Side): Promise<{ base: Evaluation; headCompared: Evaluation }> {
  const atBase = missingAt(base, head);
  const atHead = missingAt(head, base);
  const [baseShadow, headShadow] = await Promise.all([atBase.length ? base.evaluate(atBase) : undefined, atHead.length ? head.evaluate(atHead) : undefined]);
  return { base: merged(base.evaluation, baseShadow), headCompared: merged(head.evaluation, headShadow) };
}
