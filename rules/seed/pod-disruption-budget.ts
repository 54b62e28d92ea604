// GAP-8: replicated (or production) workloads need a PodDisruptionBudget, and a PDB must still
// allow some eviction or node drains hang.
import type { RenderedObject, Severity } from '../../src/core/types.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { replaceLinesFix, replaceScalarFix, readLines } from '../../src/engine/fixes.js';
import { getIn, podSpecOf, replicasOf, selectorMatches } from '../../src/k8s/workloads.js';
import { namespaceOf, objectLabel, reportsValuesLine, sameNamespace, valuesToggles } from './support.js';

const PROTECTED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'DeploymentConfig']);

const pdbCache = new WeakMap<RenderedObject[], RenderedObject[]>();

function pdbsOf(index: RenderedObject[]): RenderedObject[] {
  let pdbs = pdbCache.get(index);
  if (!pdbs) pdbCache.set(index, (pdbs = index.filter((p) => p.ref.kind === 'PodDisruptionBudget')));
  return pdbs;
}

function pdbsFor(index: RenderedObject[], target: RenderedObject): RenderedObject[] {
  const labels = podSpecOf(target.object)?.metadata?.labels ?? {};
  return pdbsOf(index).filter((p) => sameNamespace(namespaceOf(p), namespaceOf(target)) && selectorMatches(getIn(p.object, ['spec', 'selector']), labels));
}

function percent(v: unknown): number | undefined {
  const m = typeof v === 'string' ? /^(\d+)%$/.exec(v.trim()) : null;
  return m ? Number(m[1]) : undefined;
}

export default defineRule({
  meta: {
    id: 'pod-disruption-budget',
    title: 'Workload without a PodDisruptionBudget, or a PDB that blocks every eviction',
    severity: 'low',
    refs: ['GAP-8'],
    category: 'reliability',
    rationale: 'Without a PDB a node drain or cluster upgrade may evict every replica at once. A PDB with maxUnavailable: 0 (or minAvailable equal to the replica count) is the opposite failure: drains and autoscaler scale-downs block forever.',
    remediation: 'Add a PodDisruptionBudget selecting the pods (e.g. maxUnavailable: 1, or enable `podDisruptionBudget.enabled` in the chart values) for workloads with more than one replica and for production. Never use maxUnavailable: 0 or minAvailable >= replicas.',
    docs: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    fixable: true,
  },
  check(ctx: RuleContext) {
    for (const target of ctx.objects) {
      if (!PROTECTED_KINDS.has(target.ref.kind)) continue;
      const replicas = replicasOf(target.object) ?? 1;
      if (replicas === 0) continue;
      if (replicas <= 1 && !ctx.isProd) continue;
      if (pdbsFor(ctx.index.all, target).length > 0) continue;
      const severity: Severity = ctx.isProd && replicas > 1 ? 'medium' : 'low';
      const toggle = valuesToggles(ctx.values?.values, /^(podDisruptionBudget|pdb)$/i).find((t) => t.value === false);
      const loc = toggle && ctx.values ? ctx.values.locate(toggle.path) : undefined;
      const useValues = loc && reportsValuesLine(ctx, loc.path) ? loc : undefined;
      ctx.report({
        target, path: ['spec', 'replicas'], severity, location: useValues,
        message: `${objectLabel(target)} (${replicas} replica${replicas === 1 ? '' : 's'}${ctx.isProd ? ', production' : ''}) has no PodDisruptionBudget selecting its pods${toggle ? ` — \`${toggle.path.join('.')}\` is false` : ''}`,
        fix: useValues ? replaceScalarFix(ctx.snapshot, useValues, true, { expectKey: 'enabled', description: 'Enable the PodDisruptionBudget' }) : undefined,
      });
    }

    for (const pdb of ctx.objects) {
      if (pdb.ref.kind !== 'PodDisruptionBudget') continue;
      const spec = (pdb.object.spec ?? {}) as Record<string, unknown>;
      const label = objectLabel(pdb);
      const maxU = spec.maxUnavailable;
      if (maxU === 0 || maxU === '0' || percent(maxU) === 0) {
        ctx.report({
          target: pdb, path: ['spec', 'maxUnavailable'], severity: 'medium', key: 'blocks',
          message: `${label} sets maxUnavailable: ${String(maxU)}, which blocks every voluntary eviction (node drains hang)`,
          fix: replaceScalarFix(ctx.snapshot, pdb.locate(['spec', 'maxUnavailable']), typeof maxU === 'string' ? '1' : 1, { expectKey: 'maxUnavailable', description: 'Allow one pod to be evicted at a time' }),
        });
        continue;
      }
      const minA = spec.minAvailable;
      if (minA === undefined) continue;
      const selected = ctx.index.all.filter((o) => PROTECTED_KINDS.has(o.ref.kind) && sameNamespace(namespaceOf(o), namespaceOf(pdb)) && selectorMatches(spec.selector as Record<string, unknown>, podSpecOf(o.object)?.metadata?.labels ?? {}));
      const replicas = selected.reduce((n, o) => n + (replicasOf(o.object) ?? 1), 0);
      const blocks = percent(minA) === 100 || (typeof minA === 'number' && selected.length > 0 && minA >= replicas);
      if (!blocks) continue;
      ctx.report({
        target: pdb, path: ['spec', 'minAvailable'], severity: 'medium', key: 'blocks',
        message: `${label} sets minAvailable: ${String(minA)}${selected.length ? ` for ${replicas} replica${replicas === 1 ? '' : 's'}` : ''}, which blocks every voluntary eviction; use maxUnavailable: 1`,
        fix: minAvailableToMaxUnavailable(ctx, pdb),
      });
    }
  },
});

/** `minAvailable: N` → `maxUnavailable: 1` on the same line (keeps indentation and comment). */
function minAvailableToMaxUnavailable(ctx: RuleContext, pdb: RenderedObject) {
  const loc = pdb.locate(['spec', 'minAvailable']);
  const line = readLines(ctx.snapshot, loc.path)?.lines[loc.line - 1];
  if (!line || !/^\s*minAvailable\s*:/.test(line)) return undefined;
  const comment = /\s+#.*$/.exec(line)?.[0] ?? '';
  return replaceLinesFix(ctx.snapshot, loc.path, loc.line, loc.line, `${/^\s*/.exec(line)![0]}maxUnavailable: 1${comment}`, { description: 'Allow one pod to be evicted at a time' });
}
