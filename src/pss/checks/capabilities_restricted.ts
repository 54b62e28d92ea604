// Containers must drop ALL capabilities, and may only add back NET_BIND_SERVICE.
// Restricted fields: {initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.{drop,add}
// Allowed: drop must include "ALL"; add undefined/empty or NET_BIND_SERVICE. Windows pods exempt from 1.25.
import type { FieldPath } from '../../core/types.js';
import { asArray, asString, containersOf, containersPhrase, existingPrefix, isObject, isWindowsPod, joinQuote, securityContextOf, sortedSet } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput, type Remedy } from '../types.js';

function capabilitiesRestricted_1_22({ spec }: PodInput): CheckResult {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbiddenCaps: string[] = [];
  const paths: FieldPath[] = [];
  const remedies: Remedy[] = [];
  let mechanical = true;
  for (const c of containersOf(spec)) {
    const caps = securityContextOf(c.container)?.capabilities;
    const dropPath = [...c.path, 'securityContext', 'capabilities', 'drop'];
    if (!isObject(caps)) {
      missingDropAll.push(c.name);
      paths.push(existingPrefix(spec, dropPath));
      remedies.push({ path: dropPath, value: ['ALL'] });
      continue;
    }
    if (!asArray(caps.drop).some((d) => d === 'ALL')) {
      missingDropAll.push(c.name);
      paths.push(existingPrefix(spec, dropPath));
      // Replacing an existing drop list would need a list edit; only a missing list is mechanical.
      if (caps.drop === undefined || caps.drop === null) remedies.push({ path: dropPath, value: ['ALL'] });
      else mechanical = false;
    }
    let added = false;
    asArray(caps.add).forEach((cap, i) => {
      if (cap === 'NET_BIND_SERVICE') return;
      added = true;
      forbiddenCaps.push(asString(cap));
      paths.push([...c.path, 'securityContext', 'capabilities', 'add', i]);
    });
    if (added) {
      addingForbidden.push(c.name);
      mechanical = false;
    }
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  if (addingForbidden.length > 0) details.push(`${containersPhrase(addingForbidden)} must not include ${joinQuote(sortedSet(forbiddenCaps))} in securityContext.capabilities.add`);
  if (details.length === 0) return ALLOWED;
  return { allowed: false, reason: 'unrestricted capabilities', detail: details.join('; '), fieldPaths: paths, remedies: mechanical ? remedies : [] };
}

function capabilitiesRestricted_1_25(pod: PodInput): CheckResult {
  return isWindowsPod(pod.spec) ? ALLOWED : capabilitiesRestricted_1_22(pod);
}

export const capabilities_restricted: Check = {
  id: 'capabilities_restricted',
  level: 'restricted',
  description: 'ensures ALL capabilities are dropped in 1.22+ (windows pods exempt from 1.25)',
  versions: [
    { minimumVersion: 22, checkPod: capabilitiesRestricted_1_22, overrideCheckIds: ['capabilities_baseline'] },
    { minimumVersion: 25, checkPod: capabilitiesRestricted_1_25, overrideCheckIds: ['capabilities_baseline'] },
  ],
};
