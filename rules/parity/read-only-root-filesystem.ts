// kube-linter no-read-only-root-fs, kube-score container-security-context-readonlyrootfilesystem,
// for the pods REQ-427 (job-pod-security-context) does not already cover.
import { defineRule } from '../../src/engine/rule.js';
import { setFieldFix } from '../../src/engine/fixes.js';
import { containersOf } from '../../src/k8s/workloads.js';
import { isJobWorkload } from '../seed/support.js';
import { containerLabel, objectLabel, workloadsOf } from './support.js';

export default defineRule({
  meta: {
    id: 'read-only-root-filesystem',
    title: 'Container root filesystem is writable',
    severity: 'low',
    refs: ['KL:no-read-only-root-fs', 'KS:container-security-context-readonlyrootfilesystem'],
    category: 'pod-security',
    rationale: 'A writable root filesystem lets an attacker who gets code execution drop tools and persist changes to binaries and configuration for the life of the container. Job pods are checked by job-pod-security-context (REQ-427); this rule covers every other workload.',
    remediation: 'Set `securityContext.readOnlyRootFilesystem: true` on each container and mount an emptyDir where the process must write (/tmp, caches).',
    docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    fixable: true,
  },
  check(ctx) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      if (isJobWorkload(ctx.config, target)) continue;
      for (const c of containersOf(pod, ['initContainers', 'containers'])) {
        if (c.container.securityContext?.readOnlyRootFilesystem === true) continue;
        const path = [...c.path, 'securityContext', 'readOnlyRootFilesystem'];
        ctx.report({
          target, path: c.container.securityContext?.readOnlyRootFilesystem === undefined ? c.path : path, identityPath: c.path, key: String(c.container.name ?? c.index),
          message: `${containerLabel(c)} of ${objectLabel(target)} does not have a read-only root filesystem`,
          fix: setFieldFix(ctx.snapshot, target, path, true, 'Make the root filesystem read-only'),
        });
      }
    }
  },
});
