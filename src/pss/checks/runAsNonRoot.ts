// Containers must be required to run as non-root users (unless, from 1.35, the pod runs in a user
// namespace: hostUsers=false). Restricted fields: spec.securityContext.runAsNonRoot and every container's.
// Allowed values: true; undefined/null at container level when the pod level is true.
import type { FieldPath } from '../../core/types.js';
import { containersOf, containersPhrase, existingPrefix, isUserNamespacePod, podSecurityContextOf, securityContextOf } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';

function runAsNonRoot_1_0({ spec }: PodInput): CheckResult {
  const badSetters: string[] = [];
  const explicitPaths: FieldPath[] = [];
  const implicitPaths: FieldPath[] = [];
  let podRunAsNonRoot = false;
  const podValue = podSecurityContextOf(spec)?.runAsNonRoot;
  if (podValue !== undefined && podValue !== null) {
    if (podValue !== true) {
      badSetters.push('pod');
      explicitPaths.push(['securityContext', 'runAsNonRoot']);
    } else {
      podRunAsNonRoot = true;
    }
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const c of containersOf(spec)) {
    const v = securityContextOf(c.container)?.runAsNonRoot;
    if (v !== undefined && v !== null) {
      if (v !== true) {
        explicitlyBad.push(c.name);
        explicitPaths.push([...c.path, 'securityContext', 'runAsNonRoot']);
      }
    } else if (!podRunAsNonRoot) {
      implicitlyBad.push(c.name);
      implicitPaths.push(existingPrefix(spec, [...c.path, 'securityContext', 'runAsNonRoot']));
    }
  }
  if (explicitlyBad.length > 0) badSetters.push(containersPhrase(explicitlyBad));
  if (badSetters.length > 0) {
    return {
      allowed: false,
      reason: 'runAsNonRoot != true',
      detail: `${badSetters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
      fieldPaths: explicitPaths,
      remedies: explicitPaths.map((path) => ({ path, value: true })),
    };
  }
  if (implicitlyBad.length > 0) {
    return {
      allowed: false,
      reason: 'runAsNonRoot != true',
      detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true`,
      fieldPaths: [existingPrefix(spec, ['securityContext', 'runAsNonRoot']), ...implicitPaths],
      remedies: [{ path: ['securityContext', 'runAsNonRoot'], value: true }],
    };
  }
  return ALLOWED;
}

function runAsNonRoot_1_35(pod: PodInput): CheckResult {
  return isUserNamespacePod(pod.spec) ? ALLOWED : runAsNonRoot_1_0(pod);
}

export const runAsNonRoot: Check = {
  id: 'runAsNonRoot',
  level: 'restricted',
  description: 'requires runAsNonRoot=true in 1.0+ (user-namespace pods exempt from 1.35)',
  versions: [
    { minimumVersion: 0, checkPod: runAsNonRoot_1_0 },
    { minimumVersion: 35, checkPod: runAsNonRoot_1_35 },
  ],
};
