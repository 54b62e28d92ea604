// How the PodSecurity admission plugin would treat one workload in the namespace it lands in:
// the Namespace object's pod-security.kubernetes.io labels give the enforce/warn/audit policies,
// each evaluated against the pod template; a workload whose namespace has no such labels in the
// repo is evaluated against an advisory level (rule options).
import type { RenderedObject, Severity } from '../../src/core/types.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { evaluateWorkload, namespacePolicy, type ModePolicy, type WorkloadEvaluation, type WorkloadViolation } from '../../src/pss/index.js';
import { isPssLevel } from '../../src/pss/evaluate.js';
import { PSS_LABEL_PREFIX } from '../../src/pss/namespace-policy.js';
import type { PssLevel } from '../../src/pss/types.js';

export interface AdmissionOptions {
  /** Level used when the namespace carries no Pod Security labels in the repo ('off' disables the advisory). */
  unlabeledLevel: PssLevel | 'off';
  unlabeledVersion: string;
  unlabeledSeverity: Severity;
}

export const DEFAULT_ADMISSION_OPTIONS: AdmissionOptions = { unlabeledLevel: 'baseline', unlabeledVersion: 'latest', unlabeledSeverity: 'low' };

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
    const v = violationOf(target, mode, checkId);
    if (!v) return undefined;
    const where = ns
      ? `namespace ${ns} has no ${PSS_LABEL_PREFIX}enforce label in the repo`
      : 'the namespace is not set in the manifest (it comes from the release or kubectl context)';
    return { severity: opts.unlabeledSeverity, violation: v, message: `${where}; at ${label(mode)} it would be rejected at admission: ${v.message}` };
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
