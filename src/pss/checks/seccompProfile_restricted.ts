// Seccomp profiles must be specified, and only runtime default and localhost profiles are allowed.
// Restricted fields: spec.securityContext.seccompProfile.type and every container's.
// Allowed: RuntimeDefault, Localhost; container level may be undefined if the pod level is set.
// From 1.25, pods with spec.os.name=windows are exempt.
import type { FieldPath } from '../../core/types.js';
import { asString, containersOf, containersPhrase, existingPrefix, isObject, isWindowsPod, joinQuote, podSecurityContextOf, securityContextOf, sortedSet } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';
import { validSeccompType } from './seccompProfile_baseline.js';

function seccompProfileRestricted_1_19({ spec }: PodInput): CheckResult {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const explicitPaths: FieldPath[] = [];
  const implicitPaths: FieldPath[] = [];
  let podSet = false;
  const podProfile = podSecurityContextOf(spec)?.seccompProfile;
  if (isObject(podProfile)) {
    if (!validSeccompType(podProfile.type)) {
      badSetters.push('pod');
      badValues.push(asString(podProfile.type));
      explicitPaths.push(['securityContext', 'seccompProfile', 'type']);
    } else {
      podSet = true;
    }
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const c of containersOf(spec)) {
    const profile = securityContextOf(c.container)?.seccompProfile;
    if (isObject(profile)) {
      if (!validSeccompType(profile.type)) {
        explicitlyBad.push(c.name);
        badValues.push(asString(profile.type));
        explicitPaths.push([...c.path, 'securityContext', 'seccompProfile', 'type']);
      }
    } else if (!podSet) {
      implicitlyBad.push(c.name);
      implicitPaths.push(existingPrefix(spec, [...c.path, 'securityContext', 'seccompProfile']));
    }
  }
  if (explicitlyBad.length > 0) badSetters.push(containersPhrase(explicitlyBad));
  if (badSetters.length > 0) {
    return {
      allowed: false,
      reason: 'seccompProfile',
      detail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
      fieldPaths: explicitPaths,
      remedies: explicitPaths.map((path) => ({ path, value: 'RuntimeDefault' })),
    };
  }
  if (implicitlyBad.length > 0) {
    return {
      allowed: false,
      reason: 'seccompProfile',
      detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      fieldPaths: [existingPrefix(spec, ['securityContext', 'seccompProfile']), ...implicitPaths],
      remedies: [{ path: ['securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' }],
    };
  }
  return ALLOWED;
}

function seccompProfileRestricted_1_25(pod: PodInput): CheckResult {
  return isWindowsPod(pod.spec) ? ALLOWED : seccompProfileRestricted_1_19(pod);
}

export const seccompProfile_restricted: Check = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  description: 'requires a RuntimeDefault or Localhost seccomp profile in 1.19+ (windows pods exempt from 1.25)',
  versions: [
    { minimumVersion: 19, checkPod: seccompProfileRestricted_1_19, overrideCheckIds: ['seccompProfile_baseline'] },
    { minimumVersion: 25, checkPod: seccompProfileRestricted_1_25, overrideCheckIds: ['seccompProfile_baseline'] },
  ],
};
