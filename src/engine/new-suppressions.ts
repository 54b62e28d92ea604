// A change cannot waive its own findings, as it cannot relax its own configuration: a suppression
// the change adds (`# gitops-guard:ignore`, the `gitops-guard.io/ignore` annotation, a
// .gitleaks.toml allowlist or .gitleaksignore entry) hides nothing in that change's review. The
// findings it would hide are reported with a note, and count for the gate; once the change is
// merged, the suppression is part of the target branch and applies to every later review.
// `review.newSuppressions: honor` (in the target branch's config) applies them at once instead.
import type { Finding } from '../core/types.js';

export const NEW_SUPPRESSION_NOTE =
  '(This change adds the suppression of this finding: it applies once merged, so that a change cannot waive its own findings; a reviewer approves it by approving the change.)';

/**
 * The same finding in any environment, at the same file: a suppression written in a chart's
 * values.yaml hides it in an environment the change adds too, and that is no new suppression.
 */
const acrossEnvironments = (f: Finding): string => [f.ruleId, f.object ? `${f.object.kind}/${f.object.namespace ?? ''}/${f.object.name}` : '', f.fieldPath ?? '', f.path].join('\u0000');

/**
 * The findings the head's suppressions hide that the base's did not: suppressed at the head, and
 * at the base either reported or absent. Fingerprints (rule, object, field, environment) tell them
 * apart, so moving a suppressed object or reindenting it is not a new suppression; nor is a base
 * suppression reaching an environment the change adds.
 */
export function waivedByChange(headSuppressed: Finding[], baseSuppressed: Finding[]): Finding[] {
  const before = new Set(baseSuppressed.flatMap((f) => [f.fingerprint, acrossEnvironments(f)]));
  return headSuppressed
    .filter((f) => !before.has(f.fingerprint) && !before.has(acrossEnvironments(f)))
    .map((f) => ({ ...f, message: `${f.message} ${NEW_SUPPRESSION_NOTE}` }));
}
