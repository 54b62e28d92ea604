// kube-linter sensitive-host-mounts and docker-sock: host system directories and container-runtime
// sockets mounted into containers.
import { defineRule } from '../../src/engine/rule.js';
import { containerLabel, hostPathMounts, objectLabel, workloadsOf } from './support.js';

// The runtime sockets themselves, and the directories that hold them or the runtime's state.
const RUNTIME_SOCKET = /(^|\/)(docker|containerd|crio|cri-dockerd|podman)\.sock$|^\/(var\/)?run(\/(docker|containerd|crio))?$|^\/var\/lib\/(docker|containerd)$/;
const SYSTEM_DIRS = new Set(['/', '/boot', '/dev', '/etc', '/lib', '/lib64', '/proc', '/sys', '/usr', '/bin', '/sbin', '/root', '/var/lib/kubelet', '/etc/kubernetes']);

function normalise(path: string): string {
  const p = path.replace(/\/+$/, '');
  return p === '' ? '/' : p;
}

export default defineRule({
  meta: {
    id: 'sensitive-host-mount',
    title: 'Container runtime socket or host system directory mounted into a container',
    severity: 'high',
    refs: ['KL:sensitive-host-mounts', 'KL:docker-sock', 'PSS:hostPathVolumes'],
    category: 'pod-security',
    rationale: 'A container-runtime socket (docker.sock, containerd.sock) gives full control of the node: start a privileged container, read every other pod. Host system directories (/etc, /proc, /sys, /dev, /var/lib/kubelet…) expose node credentials and kernel interfaces. Unlike the generic Pod Security hostPath check, this rule fires whatever the namespace\'s Pod Security labels say: critical for runtime sockets, high for writable system directories, medium for read-only ones (node agents such as metrics exporters read /proc and /sys).',
    remediation: 'Remove the hostPath volume and its volumeMounts. Build images with a daemonless builder (kaniko, buildkit rootless) instead of the Docker socket; read node data through the API or a dedicated agent.',
    docs: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    fixable: false,
  },
  check(ctx) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      for (const m of hostPathMounts(pod)) {
        const host = normalise(m.hostPath);
        const socket = RUNTIME_SOCKET.test(host);
        if (!socket && !SYSTEM_DIRS.has(host)) continue;
        ctx.report({
          target, path: [...m.container.path, 'volumeMounts', m.mountIndex], key: `${String(m.container.container.name ?? m.container.index)}:${host}`,
          severity: socket ? 'critical' : m.mount.readOnly === true ? 'medium' : undefined,
          message: `${containerLabel(m.container)} of ${objectLabel(target)} mounts the host ${socket ? 'container-runtime socket' : 'system directory'} "${m.hostPath}"${m.mount.readOnly === true ? ' read-only' : ''}${socket ? ': full control of the node' : ''}`,
        });
      }
    }
  },
});
