// How the PodSecurity admission plugin would treat one workload in the namespace it lands in:
// the Namespace object's pod-security.kubernetes.io labels give the enforce/warn/audit policies,
// each evaluated against the pod template; a workload whose namespace has no such labels in the
// repo is evaluated against an advisory level (rule options).
import type { RenderedObject, Severity } from '../../src/core/types.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { evaluateWorkload, namespacePolicy, type ModePolicy, type WorkloadEvaluation, type WorkloadViolation } from '../../src/pss/index.js';
import { containersOf, getIn, podSpecOf } from '../../src/k8s/workloads.js';
import { isPssLevel } from '../../src/pss/evaluate.js';
import { PSS_LABEL_PREFIX } from '../../src/pss/namespace-policy.js';
import type { PssLevel } from '../../src/pss/types.js';

export interface AdmissionOptions {
  /** Level used when the namespace carries no Pod Security labels in the repo ('off' disables the advisory). */
  unlabeledLevel: PssLevel | 'off';
  unlabeledVersion: string;
  /** Severity of a violation there; unset: the check's own (UNLABELED_SEVERITY). */
  unlabeledSeverity?: Severity;
}

export const DEFAULT_ADMISSION_OPTIONS: AdmissionOptions = { unlabeledLevel: 'baseline', unlabeledVersion: 'latest' };

/**
 * Without labels nothing rejects the pod, but what it does is no less dangerous: the checks that
 * open a way out of the container onto the node (a privileged container, host namespaces, hostPath,
 * added capabilities, an unmasked /proc, a Windows host process) are high, the rest medium.
 */
export const UNLABELED_SEVERITY: Record<string, Severity> = {
  privileged: 'high', hostNamespaces: 'high', hostPathVolumes: 'high', capabilities_baseline: 'high', procMount: 'high', windowsHostProcess: 'high',
};

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function admissionOptions(options: Record<string, unknown>): AdmissionOptions {
  const out = { ...DEFAULT_ADMISSION_OPTIONS };
  const level = options.unlabeledLevel;
  if (level === 'off' || isPssLevel(level)) out.unlabeledLevel = level;
  else if (level !== undefined) throw new Error(`option unlabeledLevel must be off|privileged|baseline|restricted, got ${JSON.stringify(level)}`);
  if (options.unlabeledVersion !== undefined) out.unlabeledVersion = String(options.unlabeledVersion);
  const sev = options.unlabeledSeverity;
  if (typeof sev === 'string' && (SEVERITIES as readonly string[]).includes(sev)) out.unlabeledSeverity = sev as Severity;
  else if (sev !== undefined) throw new Error(`option unlabeledSeverity must be one of ${SEVERITIES.join('|')}, got ${JSON.stringify(sev)}`);
  return out;
}

export interface CheckOutcome {
  severity: Severity;
  message: string;
  violation: WorkloadViolation;
}

// Evaluations are shared by the per-check rules of one run: object → "level:version" → result.
const cache = new WeakMap<object, Map<string, WorkloadEvaluation | undefined>>();

function evaluateCached(target: RenderedObject, mode: ModePolicy): WorkloadEvaluation | undefined {
  let byPolicy = cache.get(target.object);
  if (!byPolicy) cache.set(target.object, (byPolicy = new Map()));
  const key = `${mode.level}:${mode.version}`;
  if (!byPolicy.has(key)) byPolicy.set(key, evaluateWorkload(target.object, mode.level, mode.version));
  return byPolicy.get(key);
}

function violationOf(target: RenderedObject, mode: ModePolicy | undefined, checkId: string): WorkloadViolation | undefined {
  if (!mode || mode.level === 'privileged') return undefined;
  return evaluateCached(target, mode)?.violations.find((v) => v.check === checkId);
}

const label = (mode: ModePolicy) => `${mode.level}:${mode.version}`;

/** Whether any container of the workload writes `allowPrivilegeEscalation: true` (checked before a whole restricted evaluation). */
function setsEscalation(target: RenderedObject): boolean {
  const pod = podSpecOf(target.object);
  return !!pod && containersOf(pod).some((c) => c.container.securityContext?.allowPrivilegeEscalation === true);
}

/**
 * `allowPrivilegeEscalation: true` written out asks for what the restricted level forbids: reported
 * even when the advisory level (baseline) does not check it, as kube-linter does. Left unset, the
 * field is the restricted level's business only.
 */
function explicitEscalation(target: RenderedObject, checkId: string, mode: ModePolicy, where: string, opts: AdmissionOptions): CheckOutcome | undefined {
  if (checkId !== 'allowPrivilegeEscalation' || mode.level === 'restricted' || !setsEscalation(target)) return undefined;
  const v = violationOf(target, { level: 'restricted', version: mode.version }, checkId);
  const explicit = v?.objectPaths.filter((p) => getIn(target.object, p) === true) ?? [];
  if (!v || explicit.length === 0) return undefined;
  return { severity: opts.unlabeledSeverity ?? 'medium', violation: { ...v, objectPaths: explicit }, message: `${where}; it sets allowPrivilegeEscalation: true, which the restricted level rejects: ${v.message}` };
}

/** The finding one PSS check yields for one workload, or undefined when admission would not object. */
export function admissionOutcome(ctx: RuleContext, target: RenderedObject, checkId: string): CheckOutcome | undefined {
  const ns = target.ref.namespace;
  const nsObject = ns ? ctx.index.namespace(ns) : undefined;
  const labels = nsObject?.object.metadata?.labels;
  const labeled = !!labels && Object.keys(labels).some((k) => k.startsWith(PSS_LABEL_PREFIX) && !k.endsWith('-version'));
  if (!labeled) {
    const opts = admissionOptions(ctx.options);
    if (opts.unlabeledLevel === 'off') return undefined;
    const mode = { level: opts.unlabeledLevel, version: opts.unlabeledVersion };
    const where = ns
      ? `namespace ${ns} has no ${PSS_LABEL_PREFIX}enforce label in the repo`
      : 'the namespace is not set in the manifest (it comes from the release or kubectl context)';
    const v = violationOf(target, mode, checkId);
    if (!v) return explicitEscalation(target, checkId, mode, where, opts);
    return { severity: opts.unlabeledSeverity ?? UNLABELED_SEVERITY[checkId] ?? 'medium', violation: v, message: `${where}; at ${label(mode)} it would be rejected at admission: ${v.message}` };
  }
  const policy = namespacePolicy(labels);
  const invalid = policy.errors.length > 0 ? ` [${policy.errors.join('; ')}]` : '';
  const enforced = violationOf(target, policy.enforce, checkId);
  if (enforced && policy.enforce) {
    return { severity: 'high', violation: enforced, message: `would be rejected at admission by namespace ${ns} (enforce=${label(policy.enforce)}): ${enforced.message}${invalid}` };
  }
  const warned = violationOf(target, policy.warn, checkId);
  const audited = violationOf(target, policy.audit, checkId);
  const v = warned ?? audited;
  if (!v) return undefined;
  const modes = [warned && policy.warn ? `warn=${label(policy.warn)}` : undefined, audited && policy.audit ? `audit=${label(policy.audit)}` : undefined].filter(Boolean).join(', ');
  const effect = warned && audited ? 'with a warning and an audit annotation' : warned ? 'with a warning' : 'with an audit annotation';
  return { severity: 'medium', violation: v, message: `would be admitted ${effect} by namespace ${ns} (${modes}; not enforced): ${v.message}${invalid}` };
}
