// Pod Security Standards, exactly as the PodSecurity admission plugin admits pods.
export { evaluatePod, evaluateWorkload, admissionMessage, formatViolation, isPssLevel } from './evaluate.js';
export type { WorkloadEvaluation, WorkloadViolation } from './evaluate.js';
export { DEFAULT_CHECKS, CHECK_IDS, checkById, checksFor, effectiveCheckId, revisionAt } from './registry.js';
export { parseVersion, LATEST_MINOR, type PolicyVersion } from './version.js';
export { namespacePolicy, type NamespacePolicy, type ModePolicy, PSS_LABEL_PREFIX } from './namespace-policy.js';
export type { Check, CheckResult, PssEvaluation, PssLevel, PssViolation, VersionedCheck } from './types.js';
export { PSS_LEVELS } from './types.js';
