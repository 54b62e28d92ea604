// Privilege escalation (such as via set-user-ID or set-group-ID file mode) should not be allowed.
// Restricted fields: {initContainers,containers,ephemeralContainers}[*].securityContext.allowPrivilegeEscalation
// Allowed values: false. From 1.25, pods with spec.os.name=windows are exempt.
import type { FieldPath } from '../../core/types.js';
import { containersOf, containersPhrase, existingPrefix, isWindowsPod, securityContextOf } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput, type Remedy } from '../types.js';

function allowPrivilegeEscalation_1_8({ spec }: PodInput): CheckResult {
  const bad: string[] = [];
  const paths: FieldPath[] = [];
  const remedies: Remedy[] = [];
  for (const c of containersOf(spec)) {
    if (securityContextOf(c.container)?.allowPrivilegeEscalation === false) continue;
    bad.push(c.name);
    paths.push(existingPrefix(spec, [...c.path, 'securityContext', 'allowPrivilegeEscalation']));
    remedies.push({ path: [...c.path, 'securityContext', 'allowPrivilegeEscalation'], value: false });
  }
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false`,
    fieldPaths: paths,
    remedies,
  };
}

function allowPrivilegeEscalation_1_25(pod: PodInput): CheckResult {
  return isWindowsPod(pod.spec) ? ALLOWED : allowPrivilegeEscalation_1_8(pod);
}

export const allowPrivilegeEscalation: Check = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  description: 'requires allowPrivilegeEscalation=false in 1.8+ (windows pods exempt from 1.25)',
  versions: [
    { minimumVersion: 8, checkPod: allowPrivilegeEscalation_1_8 },
    { minimumVersion: 25, checkPod: allowPrivilegeEscalation_1_25 },
  ],
};
