// kube-linter unset-cpu-requirements / unset-memory-requirements, kube-score container-resources:
// containers the scheduler cannot place sensibly and the kernel cannot bound.
import { defineRule } from '../../src/engine/rule.js';
import { containersOf, type Json } from '../../src/k8s/workloads.js';
import { optionBoolean } from '../seed/support.js';
import { containerLabel, objectLabel, workloadsOf } from './support.js';

function isSet(v: unknown): boolean {
  return (typeof v === 'string' && v.trim() !== '' && !/^0+(\.0+)?[a-zA-Z]*$/.test(v.trim())) || (typeof v === 'number' && v > 0);
}

/** What is missing; a request defaults to the limit when only the limit is set, so that counts. */
export function missingResources(resources: Json | undefined, require: { cpuLimit: boolean; memoryLimit: boolean }): string[] {
  const req = (resources?.requests ?? {}) as Json;
  const lim = (resources?.limits ?? {}) as Json;
  const missing: string[] = [];
  if (!isSet(req.cpu) && !isSet(lim.cpu)) missing.push('cpu request');
  if (!isSet(req.memory) && !isSet(lim.memory)) missing.push('memory request');
  if (require.memoryLimit && !isSet(lim.memory)) missing.push('memory limit');
  if (require.cpuLimit && !isSet(lim.cpu)) missing.push('cpu limit');
  return missing;
}

const FIELD_OF: Record<string, string[]> = {
  'cpu request': ['requests', 'cpu'],
  'memory request': ['requests', 'memory'],
  'memory limit': ['limits', 'memory'],
  'cpu limit': ['limits', 'cpu'],
};

export default defineRule({
  meta: {
    id: 'container-resources-missing',
    title: 'Container without CPU/memory requests or memory limit',
    severity: 'medium',
    refs: ['KL:unset-cpu-requirements', 'KL:unset-memory-requirements', 'KS:container-resources'],
    category: 'reliability',
    rationale: 'Without requests the scheduler packs pods blindly and they are the first evicted under pressure; without a memory limit one leaking container can exhaust the node and take its neighbours down (BestEffort QoS). CPU limits throttle rather than protect, so they are optional (options `requireCpuLimit`, default false, and `requireMemoryLimit`, default true).',
    remediation: 'Set `resources.requests.cpu`, `resources.requests.memory` and `resources.limits.memory` on every container (in Helm charts, through the chart\'s `resources` value).',
    docs: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    fixable: false,
  },
  check(ctx) {
    const require = { cpuLimit: optionBoolean(ctx, 'requireCpuLimit', false), memoryLimit: optionBoolean(ctx, 'requireMemoryLimit', true) };
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      for (const c of containersOf(pod, ['initContainers', 'containers'])) {
        const missing = missingResources(c.container.resources, require);
        if (missing.length === 0) continue;
        const resources = [...c.path, 'resources'];
        ctx.report({
          // Keyed on the container: adding some of the resources moves the field shown, not the finding.
          target, path: c.container.resources ? resources : c.path, identityPath: c.path, key: String(c.container.name ?? c.index),
          // Where the first missing one would be written: in a chart, the values key the block comes from.
          location: c.container.resources ? target.locate([...resources, ...FIELD_OF[missing[0]]]) : undefined,
          message: `${containerLabel(c)} of ${objectLabel(target)} has no ${missing.join(', ')}`,
        });
      }
    }
  },
});
