// One rule per Pod Security Admission check (kube-linter style: many rules, one template).
// Each reports one finding per workload that violates its check in the namespace the workload
// lands in, pointing at the first offending field, with a fix when the remedy is one field. The
// fingerprint keys on the pod, not on that field: fixing one of two containers, or adding the pod
// securityContext the check then points into, leaves the finding pre-existing.
import type { RenderedObject } from '../../src/core/types.js';
import { setFieldFix } from '../../src/engine/fixes.js';
import { defineRule, type Rule, type RuleContext } from '../../src/engine/rule.js';
import { podSpecOf } from '../../src/k8s/workloads.js';
import type { Check } from '../../src/pss/index.js';
import { admissionOutcome, UNLABELED_SEVERITY } from './admission.js';
import { PSS_CHECK_DOCS } from './catalog.js';

/** Checks whose results carry a one-field remedy (see `remedies` in src/pss/checks). */
const FIXABLE_CHECKS = new Set(['privileged', 'hostNamespaces', 'allowPrivilegeEscalation', 'runAsNonRoot', 'seccompProfile_baseline', 'seccompProfile_restricted', 'capabilities_restricted', 'windowsHostProcess', 'procMount', 'procMount_restricted']);

/** privileged → pss-privileged, seccompProfile_restricted → pss-seccomp-profile-restricted. */
export function ruleIdOf(checkId: string): string {
  return `pss-${checkId.replace(/_/g, '-').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}

function versionsText(check: Check): string {
  return check.versions.map((v) => `v1.${v.minimumVersion}`).join(', ');
}

export function pssRuleFor(check: Check): Rule {
  const doc = PSS_CHECK_DOCS[check.id];
  if (!doc) throw new Error(`no documentation for Pod Security check ${check.id}`);
  return defineRule({
    meta: {
      id: ruleIdOf(check.id),
      title: `Pod Security ${check.level}: ${doc.title}`,
      severity: 'high',
      refs: [`PSS:${check.id}`, 'REQ-426'],
      category: 'pod-security',
      rationale: `${doc.rationale} Pod Security Admission check \`${check.id}\` (${check.level} level; revisions from ${versionsText(check)}: ${check.description}). High when the namespace enforces a level that rejects the pod, medium when only its warn/audit level objects, and, when the namespace has no Pod Security labels in the repo, what ${check.level === 'baseline' ? 'the baseline level' : 'the advisory level (option \`unlabeledLevel\`, baseline by default)'} rejects is reported ${UNLABELED_SEVERITY[check.id] ?? 'medium'} (option \`unlabeledSeverity\`): nothing stops the pod, and the risk is the same.`,
      remediation: doc.remediation,
      docs: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
      fixable: FIXABLE_CHECKS.has(check.id),
    },
    check(ctx: RuleContext) {
      for (const target of ctx.objects as RenderedObject[]) {
        const pod = podSpecOf(target.object);
        if (!pod) continue;
        const outcome = admissionOutcome(ctx, target, check.id);
        if (!outcome) continue;
        const { violation } = outcome;
        const remedy = violation.objectRemedies.length === 1 ? violation.objectRemedies[0] : undefined;
        ctx.report({
          target,
          path: violation.objectPaths[0] ?? pod.path,
          identityPath: pod.path,
          message: outcome.message,
          severity: outcome.severity,
          fix: remedy ? setFieldFix(ctx.snapshot, target, remedy.path, remedy.value, `Pod Security ${check.id}: set ${remedy.path[remedy.path.length - 1]} to ${JSON.stringify(remedy.value)}`) : undefined,
        });
      }
    },
  });
}
