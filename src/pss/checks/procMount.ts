// The default /proc masks are set up to reduce attack surface and should be required by the
// baseline policy unless (1.35+) the pod is in a user namespace (hostUsers: false).
// Restricted fields: {initContainers,containers,ephemeralContainers}[*].securityContext.procMount
// Allowed values: undefined/null, "Default" (any value if hostUsers is false, 1.35+).
import type { FieldPath } from '../../core/types.js';
import { asString, containersOf, containersPhrase, isUserNamespacePod, joinQuote, securityContextOf, sortedSet } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';

/** Blocks unmasked procMount unconditionally (also the restricted check from 1.35). */
export function procMount_1_0({ spec }: PodInput): CheckResult {
  const bad: string[] = [];
  const types: string[] = [];
  const paths: FieldPath[] = [];
  for (const c of containersOf(spec)) {
    const pm = securityContextOf(c.container)?.procMount;
    if (pm === undefined || pm === null || pm === 'Default') continue;
    bad.push(c.name);
    types.push(asString(pm));
    paths.push([...c.path, 'securityContext', 'procMount']);
  }
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'procMount',
    detail: `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
    fieldPaths: paths,
    remedies: paths.map((path) => ({ path, value: 'Default' })),
  };
}

function procMount_1_35(pod: PodInput): CheckResult {
  return isUserNamespacePod(pod.spec) ? ALLOWED : procMount_1_0(pod);
}

export const procMount: Check = {
  id: 'procMount',
  level: 'baseline',
  description: 'restricts securityContext.procMount to Default in 1.0+; any value for user-namespace pods (hostUsers: false) in 1.35+',
  versions: [
    { minimumVersion: 0, checkPod: procMount_1_0 },
    { minimumVersion: 35, checkPod: procMount_1_35 },
  ],
};
