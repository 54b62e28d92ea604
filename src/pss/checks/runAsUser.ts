// Containers must not set runAsUser: 0 (unless, from 1.35, the pod runs in a user namespace).
// Restricted fields: spec.securityContext.runAsUser and every container's. Allowed: non-zero, undefined/null.
import type { FieldPath } from '../../core/types.js';
import { containersOf, containersPhrase, isUserNamespacePod, podSecurityContextOf, securityContextOf } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';

const isRoot = (v: unknown) => v !== undefined && v !== null && v !== '' && Number(v) === 0;

function runAsUser_1_23({ spec }: PodInput): CheckResult {
  const badSetters: string[] = [];
  const paths: FieldPath[] = [];
  if (isRoot(podSecurityContextOf(spec)?.runAsUser)) {
    badSetters.push('pod');
    paths.push(['securityContext', 'runAsUser']);
  }
  const bad: string[] = [];
  for (const c of containersOf(spec)) {
    if (isRoot(securityContextOf(c.container)?.runAsUser)) {
      bad.push(c.name);
      paths.push([...c.path, 'securityContext', 'runAsUser']);
    }
  }
  if (bad.length > 0) badSetters.push(containersPhrase(bad));
  if (badSetters.length === 0) return ALLOWED;
  return { allowed: false, reason: 'runAsUser=0', detail: `${badSetters.join(' and ')} must not set runAsUser=0`, fieldPaths: paths };
}

function runAsUser_1_35(pod: PodInput): CheckResult {
  return isUserNamespacePod(pod.spec) ? ALLOWED : runAsUser_1_23(pod);
}

export const runAsUser: Check = {
  id: 'runAsUser',
  level: 'restricted',
  description: 'forbids runAsUser=0 in 1.23+ (user-namespace pods exempt from 1.35)',
  versions: [
    { minimumVersion: 23, checkPod: runAsUser_1_23 },
    { minimumVersion: 35, checkPod: runAsUser_1_35 },
  ],
};
