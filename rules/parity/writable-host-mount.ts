// kube-linter writable-host-mount: hostPath volumes mounted read-write.
import { defineRule } from '../../src/engine/rule.js';
import { setFieldFix } from '../../src/engine/fixes.js';
import { containerLabel, hostPathMounts, objectLabel, workloadsOf } from './support.js';

export default defineRule({
  meta: {
    id: 'writable-host-mount',
    title: 'Host path mounted writable',
    severity: 'medium',
    refs: ['KL:writable-host-mount', 'PSS:hostPathVolumes'],
    category: 'pod-security',
    rationale: 'A writable hostPath mount lets the container change files on the node: plant binaries or configuration other pods and the kubelet will use, or fill the node\'s disk.',
    remediation: 'Mount host paths with `readOnly: true` (the fix sets it on the volumeMount); if the container must write, use an emptyDir or a PersistentVolume instead.',
    docs: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    fixable: true,
  },
  check(ctx) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      for (const m of hostPathMounts(pod)) {
        if (m.mount.readOnly === true) continue;
        const mountPath = [...m.container.path, 'volumeMounts', m.mountIndex];
        ctx.report({
          target, path: mountPath, key: `${String(m.container.container.name ?? m.container.index)}:${String(m.mount.mountPath ?? m.mountIndex)}`,
          message: `${containerLabel(m.container)} of ${objectLabel(target)} mounts host path "${m.hostPath}" writable at ${String(m.mount.mountPath ?? '?')}`,
          fix: setFieldFix(ctx.snapshot, target, [...mountPath, 'readOnly'], true, 'Mount the host path read-only'),
        });
      }
    }
  },
});
