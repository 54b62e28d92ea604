// kube-linter duplicate-env-var, kube-score environment-variable-key-duplication.
import { defineRule } from '../../src/engine/rule.js';
import { containersOf } from '../../src/k8s/workloads.js';
import { containerLabel, deleteLinesFix, objectLabel, workloadsOf } from './support.js';

export default defineRule({
  meta: {
    id: 'duplicate-env-var',
    title: 'Environment variable defined twice in one container',
    severity: 'medium',
    refs: ['KL:duplicate-env-var', 'KS:environment-variable-key-duplication'],
    category: 'hygiene',
    rationale: 'When a container lists the same variable twice, the last entry silently wins. The earlier value looks effective in review but is not, and strategic-merge patches (kubectl apply, Kustomize) may keep either one.',
    remediation: 'Keep one entry per variable. The fix deletes the earlier, shadowed entry, which leaves the running configuration unchanged.',
    docs: 'https://docs.kubelinter.io/#/generated/checks?id=duplicate-env-var',
    fixable: true,
  },
  check(ctx) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      for (const c of containersOf(pod)) {
        const env = Array.isArray(c.container.env) ? c.container.env : [];
        const lastIndex = new Map<string, number>();
        env.forEach((e: unknown, i: number) => {
          const name = (e as { name?: unknown })?.name;
          if (typeof name === 'string') lastIndex.set(name, i);
        });
        env.forEach((e: unknown, i: number) => {
          const name = (e as { name?: unknown })?.name;
          if (typeof name !== 'string' || lastIndex.get(name) === i) return;
          const path = [...c.path, 'env', i];
          const loc = target.locate(path);
          const winner = target.locate([...c.path, 'env', lastIndex.get(name)!]);
          const sameFile = loc.path === winner.path && loc.endLine !== undefined && loc.line !== winner.line;
          ctx.report({
            target, path, key: `${String(c.container.name ?? c.index)}:${name}`,
            message: `${containerLabel(c)} of ${objectLabel(target)} defines environment variable ${name} more than once; only the last definition${winner.line !== loc.line ? ` (line ${winner.line})` : ''} takes effect`,
            fix: sameFile ? deleteLinesFix(ctx.snapshot, loc, `Remove the shadowed definition of ${name}`) : undefined,
          });
        });
      }
    }
  },
});
