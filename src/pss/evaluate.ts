// Evaluates a pod spec (or any workload's pod template) against a Pod Security Standard level and
// version, the way the PodSecurity admission plugin does.
import type { FieldPath, KubeObject } from '../core/types.js';
import { podSpecOf, type PodSpecRef } from '../k8s/workloads.js';
import { isObject } from './helpers.js';
import { checksFor } from './registry.js';
import { PSS_LEVELS, type Json, type Remedy, type PssEvaluation, type PssLevel, type PssViolation } from './types.js';
import { parseVersion } from './version.js';

export function isPssLevel(v: unknown): v is PssLevel {
  return typeof v === 'string' && (PSS_LEVELS as readonly string[]).includes(v);
}

/** `reason (detail)`, the way the API server aggregates a check result into its error/warning. */
export function formatViolation(reason: string, detail: string): string {
  return detail ? `${reason} (${detail})` : reason;
}

/**
 * Evaluates one pod. `version` is "v1.<minor>" or "latest". Field paths are relative to the pod
 * spec (`fieldPaths`) or to the pod metadata (`metadataPaths`, annotation-based checks).
 */
export function evaluatePod(podSpec: unknown, podMetadata: unknown, level: PssLevel, version: string): PssEvaluation {
  if (!isPssLevel(level)) throw new Error(`invalid Pod Security level "${String(level)}" (expected privileged|baseline|restricted)`);
  const { minor } = parseVersion(version);
  const spec: Json = isObject(podSpec) ? podSpec : {};
  const metadata: Json = isObject(podMetadata) ? podMetadata : {};
  const violations: PssViolation[] = [];
  for (const { check, revision } of checksFor(level, minor)) {
    const r = revision.checkPod({ spec, metadata });
    if (r.allowed) continue;
    const reason = r.reason ?? check.id;
    const detail = r.detail ?? '';
    violations.push({
      check: check.id,
      message: formatViolation(reason, detail),
      reason,
      detail,
      fieldPaths: r.fieldPaths ?? [],
      metadataPaths: r.metadataPaths ?? [],
      remedies: r.remedies ?? [],
    });
  }
  return { allowed: violations.length === 0, violations };
}

export interface WorkloadViolation extends PssViolation {
  /** Offending fields as paths inside the whole object (pod spec or template metadata prefixed). */
  objectPaths: FieldPath[];
  /** `remedies` with paths inside the whole object. */
  objectRemedies: Remedy[];
}

export interface WorkloadEvaluation {
  allowed: boolean;
  pod: PodSpecRef;
  violations: WorkloadViolation[];
}

/** Evaluates any pod-bearing object (Pod, Deployment, CronJob, …); undefined when it has no pod spec. */
export function evaluateWorkload(obj: KubeObject, level: PssLevel, version: string): WorkloadEvaluation | undefined {
  const pod = podSpecOf(obj);
  if (!pod) return undefined;
  const result = evaluatePod(pod.spec, pod.metadata, level, version);
  return {
    allowed: result.allowed,
    pod,
    violations: result.violations.map((v) => ({
      ...v,
      objectPaths: [
        ...v.fieldPaths.map((p) => [...pod.path, ...p]),
        ...v.metadataPaths.map((p) => [...pod.metadataPath, ...p]),
      ],
      objectRemedies: v.remedies.map((r) => ({ path: [...pod.path, ...r.path], value: r.value })),
    })),
  };
}

/** Upstream's aggregate form: `violates PodSecurity "restricted:latest": a (…), b (…)`. */
export function admissionMessage(level: PssLevel, versionLabel: string, violations: PssViolation[]): string {
  return `violates PodSecurity "${level}:${versionLabel}": ${violations.map((v) => v.message).join(', ')}`;
}
