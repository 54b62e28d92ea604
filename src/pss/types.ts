// The shapes of the Pod Security Admission model, mirroring upstream's policy package
// (k8s.io/pod-security-admission/policy/checks.go): a Check has an ID, a level and revisions
// that start at a MinimumVersion; a revision may override baseline checks it subsumes.
import type { FieldPath } from '../core/types.js';

export type PssLevel = 'privileged' | 'baseline' | 'restricted';
export const PSS_LEVELS: readonly PssLevel[] = ['privileged', 'baseline', 'restricted'];

export type Json = Record<string, any>;

/** What a check revision sees: the pod spec and the pod (or pod template) metadata. */
export interface PodInput {
  spec: Json;
  metadata: Json;
}

export interface CheckResult {
  allowed: boolean;
  /** Upstream's ForbiddenReason, e.g. "privileged", "unrestricted capabilities". */
  reason?: string;
  /** Upstream's ForbiddenDetail, e.g. `container "x" must not set securityContext.privileged=true`. */
  detail?: string;
  /** Offending fields, relative to the pod spec. */
  fieldPaths?: FieldPath[];
  /** Offending fields, relative to the pod metadata (annotations). */
  metadataPaths?: FieldPath[];
  /** Field settings (relative to the pod spec) that together make the check pass, when they are mechanical. */
  remedies?: Remedy[];
}

export interface Remedy {
  path: FieldPath;
  value: unknown;
}

export const ALLOWED: CheckResult = Object.freeze({ allowed: true }) as CheckResult;

export interface VersionedCheck {
  /** Policy minor version (v1.<minor>) from which this revision applies. */
  minimumVersion: number;
  checkPod: (pod: PodInput) => CheckResult;
  /** Baseline checks this (restricted) revision replaces while it applies. */
  overrideCheckIds?: string[];
}

export interface Check {
  id: string;
  level: Exclude<PssLevel, 'privileged'>;
  /** Upstream doc comment, one line. */
  description: string;
  /** Revisions in ascending minimumVersion order. */
  versions: VersionedCheck[];
}

export interface PssViolation {
  check: string;
  /** `<reason> (<detail>)`, exactly the shape the API server prints. */
  message: string;
  reason: string;
  detail: string;
  /** Offending fields relative to the pod spec. */
  fieldPaths: FieldPath[];
  /** Offending fields relative to the pod metadata (annotations), when the check reads them. */
  metadataPaths: FieldPath[];
  /** Mechanical field settings (relative to the pod spec) that resolve the violation, if known. */
  remedies: Remedy[];
}

export interface PssEvaluation {
  allowed: boolean;
  violations: PssViolation[];
}
