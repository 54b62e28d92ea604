// The seed-control rules (GAP-1…GAP-10 of 000_4b046e55df62c2b5.txt, REQ-426…REQ-435 of 004_ffa1b871ba65c15c.txt).
import type { Rule } from '../../src/engine/rule.js';
import externalSecretsMisconfigured from './external-secrets-misconfigured.js';
import hardcodedCredentialInConfig from './hardcoded-credential-in-config.js';
import helmHardcodedSecurityContext from './helm-hardcoded-security-context.js';
import imageNotPinnedByDigest from './image-not-pinned-by-digest.js';
import infisicalSecretConfig from './infisical-secret-config.js';
import initContainerRootUnjustified from './init-container-root-unjustified.js';
import jobPodSecurityContext from './job-pod-security-context.js';
import namespacePssLabels from './namespace-pss-labels.js';
import namespaceWithoutResourceQuota from './namespace-without-resource-quota.js';
import networkPolicyNotEnforced from './network-policy-not-enforced.js';
import plainSecretInGit from './plain-secret-in-git.js';
import platformPodSecurityContext from './platform-pod-security-context.js';
import podDisruptionBudget from './pod-disruption-budget.js';
import pssValuesNotEnforced from './pss-values-not-enforced.js';
import secretConsumerWithoutReloader from './secret-consumer-without-reloader.js';
import secretInjectionStyle from './secret-injection-style.js';
import secretReferenceValidation from './secret-reference-validation.js';
import serviceAccountTokenAutomount from './service-account-token-automount.js';
import staticCloudCredentialsInJob from './static-cloud-credentials-in-job.js';
import vaultCredentialTtl from './vault-credential-ttl.js';

/** In spec order: GAP-1…GAP-10, then REQ-426…REQ-435. */
export const seedRules: Rule[] = [
  pssValuesNotEnforced,
  networkPolicyNotEnforced,
  plainSecretInGit,
  helmHardcodedSecurityContext,
  initContainerRootUnjustified,
  imageNotPinnedByDigest,
  externalSecretsMisconfigured,
  podDisruptionBudget,
  namespaceWithoutResourceQuota,
  serviceAccountTokenAutomount,
  namespacePssLabels,
  jobPodSecurityContext,
  platformPodSecurityContext,
  hardcodedCredentialInConfig,
  secretInjectionStyle,
  infisicalSecretConfig,
  vaultCredentialTtl,
  staticCloudCredentialsInJob,
  secretConsumerWithoutReloader,
  secretReferenceValidation,
];
