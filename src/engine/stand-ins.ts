// One broken overlay must not hide the findings of the bases it pulls in. A base is a unit only
// through the overlays that use it, so when an overlay fails to build, each kustomization it pulls
// in as a resource is rendered on its own as a stand-in unit:
//  - once per evaluation, however many failed overlays share it;
//  - not when a render of the same evaluation that succeeded already holds it (another overlay
//    using the same base): its findings are reported there;
//  - not when it holds the failure itself (an error located in its own files or in a kustomization
//    it pulls in would fail it the same way): its own bases are tried instead;
//  - never a component (it builds only inside an overlay) and never after a render stopped at a
//    limit (the limits bound the work of one review; a stand-in would hit the same one).
// A stand-in that fails hands over to its own bases by the same rule. The overlay's render-error
// stays reported either way.
import type { RenderResult, Unit } from '../core/types.js';
import type { Discovery } from '../workspace/discover.js';
import { renderFailed } from './delta.js';

const failedKustomization = (r: RenderResult): boolean => r.unit.kind === 'kustomize' && renderFailed(r);
const stoppedAtLimit = (r: RenderResult): boolean => r.errors.some((e) => e.ruleId === 'limit-exceeded' || e.ruleId === 'secret-leak');

export const standInUnit = (dir: string): Unit => ({ id: dir, kind: 'kustomize', root: dir, environments: ['default'] });

/** The kustomizations to render on their own in place of the failed renders, by the rule above. */
export function standInsFor(failed: RenderResult[], discovery: Discovery, alreadyRendered: Set<string>, covered: Set<string>): Unit[] {
  const chosen = new Set<string>();
  for (const render of failed) {
    if (!failedKustomization(render) || stoppedAtLimit(render)) continue;
    const holders = new Set(render.errors.map((e) => discovery.kustomizationOf(e.path)).filter((d): d is string => d !== undefined));
    const seen = new Set<string>();
    const handOver = (dir: string): void => {
      for (const base of discovery.kustomizationBases(dir)) {
        if (seen.has(base) || alreadyRendered.has(base) || covered.has(base) || chosen.has(base)) continue;
        seen.add(base);
        if (discovery.kustomizationClosure(base).some((d) => holders.has(d))) handOver(base);
        else chosen.add(base);
      }
    };
    handOver(render.unit.root);
  }
  return [...chosen].sort().map(standInUnit);
}

/** Renders `units`, then stand-ins for the kustomizations among them that failed, until none is left. */
export async function renderWithStandIns(units: Unit[], discovery: Discovery, render: (units: Unit[]) => Promise<RenderResult[]>): Promise<RenderResult[]> {
  const renders = await render(units);
  const rendered = new Set(renders.filter((r) => r.unit.kind === 'kustomize').map((r) => r.unit.root));
  let failed = renders.filter(failedKustomization);
  while (failed.length > 0) {
    const covered = new Set(renders.filter((r) => r.unit.kind === 'kustomize' && !renderFailed(r)).flatMap((r) => discovery.kustomizationClosure(r.unit.root)));
    const standIns = standInsFor(failed, discovery, rendered, covered);
    if (standIns.length === 0) break;
    standIns.forEach((u) => rendered.add(u.root));
    const more = await render(standIns);
    renders.push(...more);
    failed = more.filter(failedKustomization);
  }
  return renders;
}

/** The units of an evaluation's renders that it was not asked for: the stand-ins it added. */
export function standInsAmong(renders: RenderResult[], asked: Unit[]): Unit[] {
  const ids = new Set(asked.map((u) => u.id));
  return [...new Map(renders.filter((r) => !ids.has(r.unit.id)).map((r) => [r.unit.id, r.unit])).values()];
}
