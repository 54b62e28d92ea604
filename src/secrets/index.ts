// Public surface of the secret scanner.
export { scanBytes, scanText, SECRET_REFS } from './scan.js';
export { loadRepoSecretConfig, parseGitleaksConfig, parseGitleaksIgnore, GITLEAKS_CONFIG, GITLEAKS_IGNORE } from './gitleaks/config.js';
export type { RepoSecretConfig } from './gitleaks/config.js';
export { redact, pinoRedaction } from './redact.js';
export { builtInDetectors } from './detectors/index.js';
export type { Candidate, Detector, ScanOptions, SecretAllowlist, SecretFinding } from './types.js';
export { readTarget, scanTargets, type FileTarget, type ScanTarget } from './files.js';
export { scanFiles, type FileScanResult, type RepoSecretSources } from './scan-files.js';
export { secretRuleDescriptors } from './rule-descriptors.js';
