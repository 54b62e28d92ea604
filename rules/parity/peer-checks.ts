// Every kube-linter and kube-score check, mapped to the gitops-guard rules that implement it, the
// existing rules that already cover it, or the reason it does not apply to a GitOps review.
// docs/parity.md is generated from this table (test/parity/write-parity-doc.ts).

export type Peer = 'kube-linter' | 'kube-score';

export interface PeerCheck {
  peer: Peer;
  check: string;
  /** implemented: a parity rule of ours; covered: a seed/PSS rule already does it; not-applicable: see `note`. */
  status: 'implemented' | 'covered' | 'not-applicable';
  /** Our rule ids (empty for not-applicable). */
  rules: string[];
  /** Differences in behaviour, or why the check does not apply. */
  note?: string;
}

const kl = (check: string, status: PeerCheck['status'], rules: string[], note?: string): PeerCheck => ({ peer: 'kube-linter', check, status, rules, note });
const ks = (check: string, status: PeerCheck['status'], rules: string[], note?: string): PeerCheck => ({ peer: 'kube-score', check, status, rules, note });

export const PEER_CHECKS: PeerCheck[] = [
  // ── kube-linter (63 built-in checks) ──
  kl('access-to-create-pods', 'implemented', ['rbac-sensitive-access']),
  kl('access-to-secrets', 'implemented', ['rbac-sensitive-access'], 'rules limited by resourceNames are not reported'),
  kl('cluster-admin-role-binding', 'implemented', ['cluster-admin-binding']),
  kl('dangling-horizontalpodautoscaler', 'implemented', ['hpa-target-missing']),
  kl('dangling-ingress', 'implemented', ['ingress-backend-missing']),
  kl('dangling-networkpolicy', 'implemented', ['network-policy-selects-no-pods']),
  kl('dangling-networkpolicypeer-podselector', 'implemented', ['network-policy-selects-no-pods']),
  kl('dangling-service', 'implemented', ['service-selects-no-pods']),
  kl('dangling-servicemonitor', 'not-applicable', [], 'Prometheus Operator CRD; a ServiceMonitor that matches nothing only loses metrics, and its namespaceSelector usually targets namespaces defined outside the repository'),
  kl('default-service-account', 'implemented', ['default-service-account'], 'pods with automountServiceAccountToken: false are not reported'),
  kl('deprecated-service-account-field', 'implemented', ['deprecated-service-account-field']),
  kl('dnsconfig-options', 'not-applicable', [], 'a site-specific DNS tuning preference (ndots), not a defect; write it as a custom rule where wanted'),
  kl('docker-sock', 'implemented', ['sensitive-host-mount'], 'containerd/CRI-O sockets are reported too, as critical'),
  kl('drop-net-raw-capability', 'covered', ['pss-capabilities-restricted', 'pss-capabilities-baseline'], 'restricted requires drop ALL (NET_RAW included); adding NET_RAW is outside the baseline set'),
  kl('duplicate-env-var', 'implemented', ['duplicate-env-var']),
  kl('env-value-from', 'covered', ['secret-reference-validation'], 'partly: REQ-435 checks that every referenced Secret is defined for the namespace; keys inside Secrets and ConfigMap references are not checked'),
  kl('env-var-secret', 'covered', ['hardcoded-credential-in-config'], 'REQ-429 matches names ending in a credential word (PASSWORD, TOKEN, API_KEY…) with literal values, so SECRET_BLAH is not reported while DB_PASSWORD is'),
  kl('exposed-services', 'implemented', ['service-node-port'], 'NodePort only; LoadBalancer Services are left to the platform owners'),
  kl('host-ipc', 'covered', ['pss-host-namespaces']),
  kl('host-network', 'covered', ['pss-host-namespaces']),
  kl('host-pid', 'covered', ['pss-host-namespaces']),
  kl('hpa-minimum-three-replicas', 'implemented', ['hpa-min-replicas'], 'default floor is 2 (option minReplicas)'),
  kl('invalid-target-ports', 'implemented', ['port-spec-invalid'], 'also reports out-of-range containerPorts and duplicate port names'),
  kl('job-ttl-seconds-after-finished', 'not-applicable', [], 'with Argo CD or Flux a Job deleted by its TTL is re-created by the next sync; GitOps repositories use hook delete policies instead'),
  kl('latest-tag', 'covered', ['image-not-pinned-by-digest'], 'GAP-6: :latest and untagged images are high everywhere; every tag without a digest is also reported (medium, high in prod)'),
  kl('liveness-port', 'implemented', ['probe-port-not-exposed']),
  kl('minimum-three-replicas', 'not-applicable', [], 'replica counts are a capacity decision; GAP-8 (pod-disruption-budget) makes replicated and production workloads safe to disrupt instead'),
  kl('mismatching-selector', 'implemented', ['selector-mismatch']),
  kl('no-anti-affinity', 'implemented', ['pod-anti-affinity-missing'], 'a topologySpreadConstraint over kubernetes.io/hostname also satisfies it'),
  kl('no-extensions-v1beta', 'implemented', ['deprecated-api-version'], 'every API removed up to config.kubeVersion (1.35), not only extensions/v1beta1'),
  kl('no-liveness-probe', 'implemented', ['liveness-probe-missing'], 'Jobs and CronJobs are not reported'),
  kl('no-node-affinity', 'not-applicable', [], 'node placement is a cluster-topology choice, not a defect of the workload'),
  kl('no-read-only-root-fs', 'implemented', ['read-only-root-filesystem', 'job-pod-security-context'], 'job pods are covered by REQ-427 (job-pod-security-context)'),
  kl('no-readiness-probe', 'implemented', ['readiness-probe-missing'], 'Jobs and CronJobs are not reported'),
  kl('no-rolling-update-strategy', 'not-applicable', [], 'Recreate is a legitimate choice (single-writer volumes, schema migrations); it is not a security or correctness defect'),
  kl('non-existent-service-account', 'implemented', ['service-account-not-found']),
  kl('non-isolated-pod', 'covered', ['network-policy-not-enforced'], 'GAP-2 requires a default-deny policy per namespace with workloads (reported once per namespace, not per workload)'),
  kl('pdb-max-unavailable', 'covered', ['pod-disruption-budget'], 'GAP-8 reports maxUnavailable: 0, with a fix to 1'),
  kl('pdb-min-available', 'covered', ['pod-disruption-budget'], 'GAP-8 reports minAvailable >= the replicas of the workloads the PDB selects'),
  kl('pdb-unhealthy-pod-eviction-policy', 'implemented', ['pdb-policy']),
  kl('priority-class-name', 'not-applicable', [], 'which priority classes are allowed is cluster policy; express it as a custom rule'),
  kl('privilege-escalation-container', 'covered', ['pss-allow-privilege-escalation']),
  kl('privileged-container', 'covered', ['pss-privileged']),
  kl('privileged-ports', 'not-applicable', [], 'binding a port below 1024 inside the pod network namespace grants nothing on the node; what matters (NET_BIND_SERVICE, root) is covered by the PSS capability and runAsNonRoot rules'),
  kl('read-secret-from-env-var', 'not-applicable', [], 'contradicts REQ-430, which asks for Secrets injected as environment variables (envFrom.secretRef) rather than files'),
  kl('readiness-port', 'implemented', ['probe-port-not-exposed']),
  kl('required-annotation-email', 'not-applicable', [], 'an organisation-specific metadata convention; write it as a custom rule (JSON Schema match)'),
  kl('required-label-owner', 'not-applicable', [], 'an organisation-specific metadata convention; write it as a custom rule (JSON Schema match)'),
  kl('restart-policy', 'implemented', ['restart-policy-invalid'], 'only policies the controller rejects: a bare Pod with Never is valid and not reported'),
  kl('run-as-non-root', 'implemented', ['run-as-root-group', 'pss-run-as-non-root', 'pss-run-as-user'], 'Pod Security covers the user (and requires runAsNonRoot: true explicitly, runAsUser > 0 alone is not enough); run-as-root-group covers runAsGroup 0, which Pod Security does not check'),
  kl('scc-deny-privileged-container', 'not-applicable', [], 'OpenShift SecurityContextConstraints are cluster configuration, not application manifests'),
  kl('schema-validation', 'not-applicable', [], 'OpenAPI schema validation is left to kubeconform or a server-side dry-run in CI; invalid YAML is a render-error finding, and the API rejections that most often break syncs have their own rules (port-spec-invalid, label-invalid, selector-mismatch, restart-policy-invalid, deprecated-api-version)'),
  kl('sensitive-host-mounts', 'implemented', ['sensitive-host-mount']),
  kl('sorted-keys', 'not-applicable', [], 'key order is style, not behaviour'),
  kl('ssh-port', 'not-applicable', [], 'a declared port 22 says nothing about an SSH daemon; container ports are informational'),
  kl('startup-port', 'implemented', ['probe-port-not-exposed']),
  kl('unsafe-proc-mount', 'covered', ['pss-proc-mount']),
  kl('unsafe-sysctls', 'covered', ['pss-sysctls']),
  kl('unset-cpu-requirements', 'implemented', ['container-resources-missing']),
  kl('unset-memory-requirements', 'implemented', ['container-resources-missing']),
  kl('use-namespace', 'implemented', ['default-namespace'], 'objects without a namespace are not reported: the GitOps destination sets it'),
  kl('wildcard-in-rules', 'implemented', ['rbac-wildcard']),
  kl('writable-host-mount', 'implemented', ['writable-host-mount']),

  // ── kube-score (39 checks) ──
  ks('container-cpu-requests-equal-limits', 'not-applicable', [], 'optional Guaranteed-QoS policy; CPU limits throttle rather than protect'),
  ks('container-ephemeral-storage-request-and-limit', 'not-applicable', [], 'ephemeral-storage sizing is left to LimitRanges and GAP-9 quotas'),
  ks('container-ephemeral-storage-request-equals-limit', 'not-applicable', [], 'optional Guaranteed-QoS policy; ephemeral-storage sizing is left to LimitRanges and GAP-9 quotas'),
  ks('container-image-pull-policy', 'not-applicable', [], 'pullPolicy: Always compensates for mutable tags; GAP-6 (image-not-pinned-by-digest) removes the cause by requiring digests, and the pull policy of a digest is irrelevant'),
  ks('container-image-tag', 'covered', ['image-not-pinned-by-digest']),
  ks('container-memory-requests-equal-limits', 'not-applicable', [], 'optional Guaranteed-QoS policy; memory limits themselves are required by container-resources-missing'),
  ks('container-ports-check', 'implemented', ['port-spec-invalid']),
  ks('container-resource-requests-equal-limits', 'not-applicable', [], 'optional Guaranteed-QoS policy; requests and memory limits are required by container-resources-missing'),
  ks('container-resources', 'implemented', ['container-resources-missing'], 'a request defaults to its limit, so limits alone satisfy requests; CPU limit only with option requireCpuLimit'),
  ks('container-seccomp-profile', 'covered', ['pss-seccomp-profile-restricted', 'pss-seccomp-profile-baseline']),
  ks('container-security-context-privileged', 'covered', ['pss-privileged']),
  ks('container-security-context-readonlyrootfilesystem', 'implemented', ['read-only-root-filesystem', 'job-pod-security-context']),
  ks('container-security-context-user-group-id', 'implemented', ['run-as-root-group', 'pss-run-as-non-root', 'pss-run-as-user', 'job-pod-security-context', 'platform-pod-security-context'], 'REQ-427/428 require runAsUser >= 1000 (kube-score: 10000); run-as-root-group reports group 0 only, not every group below 10000'),
  ks('cronjob-has-deadline', 'implemented', ['cronjob-starting-deadline']),
  ks('cronjob-restartpolicy', 'implemented', ['restart-policy-invalid']),
  ks('deployment-has-host-podantiaffinity', 'implemented', ['pod-anti-affinity-missing']),
  ks('deployment-has-poddisruptionbudget', 'covered', ['pod-disruption-budget'], 'GAP-8: replicated (replicas > 1) or production workloads'),
  ks('deployment-pod-selector-labels-match-template-metadata-labels', 'implemented', ['selector-mismatch']),
  ks('deployment-replicas', 'not-applicable', [], 'replica counts are a capacity decision; GAP-8 (pod-disruption-budget) and hpa-min-replicas cover availability'),
  ks('deployment-strategy', 'not-applicable', [], 'Recreate is a legitimate choice (single-writer volumes, schema migrations)'),
  ks('deployment-targeted-by-hpa-does-not-have-replicas-configured', 'implemented', ['hpa-managed-replicas']),
  ks('environment-variable-key-duplication', 'implemented', ['duplicate-env-var']),
  ks('horizontalpodautoscaler-has-target', 'implemented', ['hpa-target-missing']),
  ks('horizontalpodautoscaler-replicas', 'implemented', ['hpa-min-replicas']),
  ks('ingress-targets-service', 'implemented', ['ingress-backend-missing']),
  ks('label-values', 'implemented', ['label-invalid'], 'selectors are checked too'),
  ks('networkpolicy-targets-pod', 'implemented', ['network-policy-selects-no-pods']),
  ks('pod-networkpolicy', 'covered', ['network-policy-not-enforced'], 'GAP-2: one default-deny policy per namespace instead of a policy per pod'),
  ks('pod-probes', 'implemented', ['readiness-probe-missing', 'liveness-probe-missing'], 'every serving container is checked, whether or not a Service selects the pod'),
  ks('pod-probes-identical', 'implemented', ['probes-identical']),
  ks('pod-topology-spread-constraints', 'implemented', ['topology-spread-invalid']),
  ks('poddisruptionbudget-has-policy', 'implemented', ['pdb-policy']),
  ks('service-targets-pod', 'implemented', ['service-selects-no-pods']),
  ks('service-type', 'implemented', ['service-node-port']),
  ks('stable-version', 'implemented', ['deprecated-api-version']),
  ks('statefulset-has-host-podantiaffinity', 'implemented', ['pod-anti-affinity-missing']),
  ks('statefulset-has-poddisruptionbudget', 'covered', ['pod-disruption-budget']),
  ks('statefulset-has-servicename', 'implemented', ['statefulset-service-name']),
  ks('statefulset-pod-selector-labels-match-template-metadata-labels', 'implemented', ['selector-mismatch']),
];
