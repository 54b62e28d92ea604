// Privileged Pods disable most security mechanisms and must be disallowed.
// Restricted fields: {initContainers,containers,ephemeralContainers}[*].securityContext.privileged
// Allowed values: false, undefined/null.
import type { FieldPath } from '../../core/types.js';
import { containersOf, containersPhrase, securityContextOf } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';

function privileged_1_0({ spec }: PodInput): CheckResult {
  const bad: string[] = [];
  const paths: FieldPath[] = [];
  for (const c of containersOf(spec)) {
    if (securityContextOf(c.container)?.privileged === true) {
      bad.push(c.name);
      paths.push([...c.path, 'securityContext', 'privileged']);
    }
  }
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'privileged',
    detail: `${containersPhrase(bad)} must not set securityContext.privileged=true`,
    fieldPaths: paths,
    remedies: paths.map((path) => ({ path, value: false })),
  };
}

export const privileged: Check = {
  id: 'privileged',
  level: 'baseline',
  description: 'forbids privileged=true in 1.0+',
  versions: [{ minimumVersion: 0, checkPod: privileged_1_0 }],
};
