// Parity rules: the kube-linter and kube-score checks that matter in a GitOps review and that the
// seed and Pod Security rules do not already cover (docs/parity.md maps every peer check).
import type { Rule } from '../../src/engine/rule.js';
import clusterAdminBinding from './cluster-admin-binding.js';
import containerResourcesMissing from './container-resources-missing.js';
import cronjobStartingDeadline from './cronjob-starting-deadline.js';
import defaultNamespace from './default-namespace.js';
import defaultServiceAccount from './default-service-account.js';
import deprecatedApiVersion from './deprecated-api-version.js';
import deprecatedServiceAccountField from './deprecated-service-account-field.js';
import duplicateEnvVar from './duplicate-env-var.js';
import hpaManagedReplicas from './hpa-managed-replicas.js';
import hpaMinReplicas from './hpa-min-replicas.js';
import hpaTargetMissing from './hpa-target-missing.js';
import ingressBackendMissing from './ingress-backend-missing.js';
import labelInvalid from './label-invalid.js';
import livenessProbeMissing from './liveness-probe-missing.js';
import networkPolicySelectsNoPods from './network-policy-selects-no-pods.js';
import pdbPolicy from './pdb-policy.js';
import podAntiAffinityMissing from './pod-anti-affinity-missing.js';
import portSpecInvalid from './port-spec-invalid.js';
import probePortNotExposed from './probe-port-not-exposed.js';
import probesIdentical from './probes-identical.js';
import rbacSensitiveAccess from './rbac-sensitive-access.js';
import rbacWildcard from './rbac-wildcard.js';
import readOnlyRootFilesystem from './read-only-root-filesystem.js';
import readinessProbeMissing from './readiness-probe-missing.js';
import restartPolicyInvalid from './restart-policy-invalid.js';
import runAsRootGroup from './run-as-root-group.js';
import selectorMismatch from './selector-mismatch.js';
import sensitiveHostMount from './sensitive-host-mount.js';
import serviceAccountNotFound from './service-account-not-found.js';
import serviceNodePort from './service-node-port.js';
import serviceSelectsNoPods from './service-selects-no-pods.js';
import statefulsetServiceName from './statefulset-service-name.js';
import topologySpreadInvalid from './topology-spread-invalid.js';
import writableHostMount from './writable-host-mount.js';

/** Grouped: containers, host access, cross-object references, availability, RBAC, API validity. */
export const parityRules: Rule[] = [
  readinessProbeMissing,
  livenessProbeMissing,
  probesIdentical,
  probePortNotExposed,
  containerResourcesMissing,
  duplicateEnvVar,
  sensitiveHostMount,
  writableHostMount,
  readOnlyRootFilesystem,
  runAsRootGroup,
  serviceSelectsNoPods,
  networkPolicySelectsNoPods,
  ingressBackendMissing,
  hpaTargetMissing,
  statefulsetServiceName,
  serviceNodePort,
  portSpecInvalid,
  hpaManagedReplicas,
  hpaMinReplicas,
  podAntiAffinityMissing,
  topologySpreadInvalid,
  pdbPolicy,
  rbacWildcard,
  clusterAdminBinding,
  rbacSensitiveAccess,
  serviceAccountNotFound,
  defaultServiceAccount,
  deprecatedServiceAccountField,
  selectorMismatch,
  labelInvalid,
  defaultNamespace,
  deprecatedApiVersion,
  restartPolicyInvalid,
  cronjobStartingDeadline,
];
