// Where our rules deliberately disagree with the peers' own expectations, and why. The parity test
// asserts that these cases still disagree (so the list never goes stale) and that every other case
// agrees; docs/parity.md prints them.

export interface Divergence {
  /** kube-linter: the check; kube-score: the check and the fixture files concerned. */
  check: string;
  files?: string[];
  reason: string;
}

export const LINTER_DIVERGENCES: Divergence[] = [
  { check: 'drop-net-raw-capability', reason: 'kube-linter reports twice per container (NET_RAW added, NET_RAW not dropped); the Pod Security rules report once per pod and level (baseline: NET_RAW added; restricted: ALL not dropped), 6 findings for its 4' },
  { check: 'env-value-from', reason: 'REQ-435 (secret-reference-validation) reports a referenced Secret that nothing in the repository defines; keys missing inside a Secret and ConfigMap references are not checked (1 of the 4 reports)' },
  { check: 'env-var-secret', reason: 'REQ-429 flags literal values of variables whose names end in a credential word (DB_PASSWORD, API_TOKEN); SECRET_BLAH does not, to keep SECRET_NAME-style references quiet' },
  { check: 'invalid-target-ports', reason: 'port-spec-invalid also reports the fixture\'s containerPort 123456, which the API server rejects and kube-linter does not check' },
  { check: 'non-isolated-pod', reason: 'GAP-2 (network-policy-not-enforced) works per namespace and skips objects without one; the fixture\'s workloads have no namespace' },
  { check: 'pdb-min-available', reason: 'GAP-8 (pod-disruption-budget) finds a PDB\'s workloads through their pod template labels; the fixture\'s Deployments have no template' },
  { check: 'restart-policy', reason: 'restart-policy-invalid reports only what the controller rejects: OnFailure on Deployment-like kinds is reported, Never on a bare Pod (valid) is not' },
];

export const SCORE_DIVERGENCES: Divergence[] = [
  { check: 'statefulset-has-host-podantiaffinity', files: ['statefulset-host-antiaffinity-undefined-replicas.yaml'], reason: 'replicas left unset defaults to 1 in the API; a single replica needs no anti-affinity' },
  { check: 'pod-networkpolicy', files: ['networkpolicy-not-matching.yaml', 'networkpolicy-matching.yaml', 'networkpolicy-deployment-matching.yaml', 'networkpolicy-statefulset-matching.yaml', 'networkpolicy-cronjob-matching.yaml', 'networkpolicy-targets-all-pods.yaml'], reason: 'GAP-2 requires a default-deny policy (podSelector: {}) per namespace, not one policy per pod: a policy that selects the pod is not enough, and objects without a namespace are not judged' },
  { check: 'deployment-has-poddisruptionbudget', files: ['deployment-poddisruptionbudget-v1beta1-expression-no-match.yaml', 'deployment-poddisruptionbudget-v1beta1-no-match.yaml', 'deployment-poddisruptionbudget-v1-no-match.yaml', 'deployment-poddisruptionbudget-v1-different-namespace.yaml'], reason: 'GAP-8 requires a PDB for replicated (replicas > 1) or production workloads; these fixtures run one replica outside production' },
  { check: 'statefulset-has-poddisruptionbudget', files: ['statefulset-poddisruptionbudget-v1beta1-expression-no-match.yaml', 'statefulset-poddisruptionbudget-v1beta1-no-match.yaml'], reason: 'GAP-8 requires a PDB for replicated (replicas > 1) or production workloads; these fixtures run one replica outside production' },
  { check: 'pod-probes', files: ['pod-probes-targeted-by-service-different-namespace.yaml', 'pod-probes-not-targeted-by-service.yaml', 'pod-probes-not-targeted-by-service-multi-labels.yaml', 'pod-probes-on-different-containers.yaml'], reason: 'readiness gates rolling updates too, so every serving container needs its own probe, selected by a Service or not; kube-score only checks pods behind a Service, and accepts probes spread over different containers' },
  { check: 'container-resources', files: ['pod-test-resources-only-limits.yaml', 'deployment-test-resources.yaml', 'statefulset-test-resources.yaml'], reason: 'a request left unset defaults to the limit, so limits alone are complete; kube-score warns' },
  { check: 'container-seccomp-profile', files: ['pod-seccomp-annotated.yaml', 'pod-seccomp-annotated-annotation-optional.yaml'], reason: 'the seccomp annotations stopped having any effect in Kubernetes 1.27 (and Pod Security ignores them); only securityContext.seccompProfile counts' },
  { check: 'container-security-context-user-group-id', files: ['pod-security-context-all-good.yaml'], reason: 'Pod Security restricted also requires runAsNonRoot: true explicitly, which the fixture leaves out' },
];

export function linterDivergence(check: string): Divergence | undefined {
  return LINTER_DIVERGENCES.find((d) => d.check === check);
}

export function scoreDivergence(check: string, file: string): Divergence | undefined {
  return SCORE_DIVERGENCES.find((d) => d.check === check && (d.files ?? []).includes(file));
}
