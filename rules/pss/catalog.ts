// What each Pod Security Standards check means to a reviewer: title, why it matters, how to comply.
// The check logic itself lives in src/pss/checks (one module per upstream check).
export interface PssCheckDoc {
  title: string;
  rationale: string;
  remediation: string;
}

export const PSS_CHECK_DOCS: Record<string, PssCheckDoc> = {
  privileged: {
    title: 'Privileged container',
    rationale: 'A privileged container has every capability and full access to the host\'s devices; it disables most of the isolation a container provides.',
    remediation: 'Remove `securityContext.privileged: true` (or set it to false) on every container.',
  },
  hostNamespaces: {
    title: 'Pod shares host namespaces',
    rationale: 'Sharing the host network, PID or IPC namespace lets the pod see and talk to host processes and interfaces.',
    remediation: 'Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec (or set them to false).',
  },
  hostPathVolumes: {
    title: 'hostPath volume',
    rationale: 'A hostPath volume mounts the node\'s filesystem into the pod, a direct path to container escape.',
    remediation: 'Replace hostPath volumes with emptyDir, configMap, secret, projected or persistentVolumeClaim volumes.',
  },
  hostPorts: {
    title: 'Container binds a host port',
    rationale: 'Host ports bypass network policies and pin the pod to nodes where the port is free.',
    remediation: 'Remove `hostPort` from container ports (or set it to 0) and expose the pod through a Service.',
  },
  capabilities_baseline: {
    title: 'Container adds non-default Linux capabilities',
    rationale: 'Capabilities beyond the runtime default set (NET_RAW, SYS_ADMIN, …) grant kernel privileges an application does not need.',
    remediation: 'Only add capabilities from the default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).',
  },
  appArmorProfile: {
    title: 'AppArmor profile disabled or overridden',
    rationale: 'The runtime\'s default AppArmor profile confines what the container can do; Unconfined removes that confinement.',
    remediation: 'Use `appArmorProfile.type: RuntimeDefault` or `Localhost` (annotations: `runtime/default` or `localhost/<profile>`), or leave it unset.',
  },
  seLinuxOptions: {
    title: 'Custom SELinux type, user or role',
    rationale: 'A custom SELinux type, user or role can lift the container out of its SELinux confinement.',
    remediation: 'Leave `seLinuxOptions.user` and `role` unset and use only container_t, container_init_t, container_kvm_t (or container_engine_t from v1.31) as type.',
  },
  procMount: {
    title: 'Unmasked /proc mount',
    rationale: 'The default /proc masks hide kernel interfaces from the container; Unmasked exposes them.',
    remediation: 'Remove `securityContext.procMount` or set it to `Default` (from v1.35 baseline allows other values only for pods with `hostUsers: false`).',
  },
  seccompProfile_baseline: {
    title: 'Seccomp disabled',
    rationale: 'Seccomp filters the system calls a container may make; Unconfined removes the filter.',
    remediation: 'Set `seccompProfile.type` to `RuntimeDefault` or `Localhost`, or leave it unset.',
  },
  sysctls: {
    title: 'Unsafe sysctl',
    rationale: 'Sysctls outside the safe, namespaced set can disable security mechanisms or affect every pod on the node.',
    remediation: 'Only set sysctls from the safe list of the policy version (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ping_group_range, …).',
  },
  windowsHostProcess: {
    title: 'Windows HostProcess container',
    rationale: 'A Windows HostProcess container runs directly on the node with administrator access to it.',
    remediation: 'Remove `windowsOptions.hostProcess: true` from the pod and its containers.',
  },
  hostProbesAndHostLifecycle: {
    title: 'Probe or lifecycle handler targets another host',
    rationale: 'A `host` in an httpGet/tcpSocket probe or lifecycle handler makes the kubelet connect to arbitrary addresses (SSRF from the node).',
    remediation: 'Remove the `host` field from probes and lifecycle handlers; they then target the pod IP.',
  },
  allowPrivilegeEscalation: {
    title: 'Privilege escalation allowed',
    rationale: 'Without `allowPrivilegeEscalation: false`, set-user-ID binaries can gain more privileges than the process started with.',
    remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
  },
  capabilities_restricted: {
    title: 'Capabilities not dropped',
    rationale: 'The restricted profile requires dropping every Linux capability and adding back at most NET_BIND_SERVICE.',
    remediation: 'Set `securityContext.capabilities.drop: ["ALL"]` on every container and add back only NET_BIND_SERVICE if needed.',
  },
  restrictedVolumes: {
    title: 'Volume type not allowed by the restricted profile',
    rationale: 'The restricted profile limits inline volumes to types that cannot reach host or network storage directly.',
    remediation: 'Use only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.',
  },
  runAsNonRoot: {
    title: 'Pod may run as root',
    rationale: 'Processes running as UID 0 inside the container are root on the node if they escape.',
    remediation: 'Set `securityContext.runAsNonRoot: true` on the pod (and do not set it to false on any container).',
  },
  runAsUser: {
    title: 'Container runs as UID 0',
    rationale: 'An explicit `runAsUser: 0` runs the process as root.',
    remediation: 'Set `runAsUser` to a non-zero UID or leave it unset and rely on the image\'s non-root user.',
  },
  seccompProfile_restricted: {
    title: 'Seccomp profile not set',
    rationale: 'The restricted profile requires every container to run under a seccomp filter.',
    remediation: 'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (or Localhost with a profile).',
  },
  procMount_restricted: {
    title: 'Unmasked /proc mount (restricted)',
    rationale: 'The restricted profile requires the default /proc masks even for pods in a user namespace.',
    remediation: 'Remove `securityContext.procMount` or set it to `Default`.',
  },
};
