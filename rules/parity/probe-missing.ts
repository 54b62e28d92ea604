// The two probe rules share one check: which containers of long-running pods lack a given probe.
import type { RuleContext } from '../../src/engine/rule.js';
import { containersOf } from '../../src/k8s/workloads.js';
import { LONG_RUNNING_KINDS, containerLabel, objectLabel, workloadsOf } from './support.js';

/** Reports every app container (not init, not ephemeral) of a long-running workload without `probe`. */
export function reportMissingProbe(ctx: RuleContext, probe: 'readinessProbe' | 'livenessProbe', why: string): void {
  for (const { target, pod } of workloadsOf(ctx.objects)) {
    if (!LONG_RUNNING_KINDS.has(target.ref.kind)) continue;
    for (const c of containersOf(pod, ['containers'])) {
      const p = c.container[probe];
      if (p && typeof p === 'object') continue;
      ctx.report({
        target, path: c.path, key: String(c.container.name ?? c.index),
        message: `${containerLabel(c)} of ${objectLabel(target)} does not specify a ${probe}: ${why}`,
      });
    }
  }
}
