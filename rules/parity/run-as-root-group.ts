// kube-linter run-as-non-root (its runAsGroup 0 part), kube-score
// container-security-context-user-group-id: containers whose primary group is root. Pod Security
// has no group check, so a non-root user in group 0 passes admission.
import { defineRule } from '../../src/engine/rule.js';
import { containersOf } from '../../src/k8s/workloads.js';
import { containerLabel, objectLabel, workloadsOf } from './support.js';

export default defineRule({
  meta: {
    id: 'run-as-root-group',
    title: 'Container runs with root as its primary group',
    severity: 'medium',
    refs: ['KL:run-as-non-root', 'KS:container-security-context-user-group-id'],
    category: 'pod-security',
    rationale: 'runAsGroup: 0 makes every process a member of the root group: files and devices the image or a hostPath leaves group-writable for root (many base images do, for OpenShift compatibility) become writable, although the user itself is not root.',
    remediation: 'Set `runAsGroup` (pod or container securityContext) to a non-zero group, e.g. the same value as runAsUser, and `fsGroup` for volume ownership.',
    docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    fixable: false,
  },
  check(ctx) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      const podGroup = pod.spec.securityContext?.runAsGroup;
      for (const c of containersOf(pod)) {
        const own = c.container.securityContext?.runAsGroup;
        const effective = own ?? podGroup;
        if (effective !== 0) continue;
        ctx.report({
          target, key: String(c.container.name ?? c.index),
          path: own !== undefined ? [...c.path, 'securityContext', 'runAsGroup'] : [...pod.path, 'securityContext', 'runAsGroup'],
          message: `${containerLabel(c)} of ${objectLabel(target)} runs with runAsGroup 0 (root group)${own === undefined ? ', set in the pod securityContext' : ''}`,
        });
      }
    }
  },
});
