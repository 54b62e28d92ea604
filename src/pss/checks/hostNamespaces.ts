// Sharing the host network, PID and IPC namespaces must be disallowed.
// Restricted fields: spec.hostNetwork, spec.hostPID, spec.hostIPC. Allowed values: false, undefined/null.
import type { FieldPath } from '../../core/types.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';

function hostNamespaces_1_0({ spec }: PodInput): CheckResult {
  const bad: string[] = [];
  const paths: FieldPath[] = [];
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (spec[field] === true) {
      bad.push(`${field}=true`);
      paths.push([field]);
    }
  }
  if (bad.length === 0) return ALLOWED;
  return { allowed: false, reason: 'host namespaces', detail: bad.join(', '), fieldPaths: paths, remedies: paths.map((path) => ({ path, value: false })) };
}

export const hostNamespaces: Check = {
  id: 'hostNamespaces',
  level: 'baseline',
  description: 'prohibits host namespaces in 1.0+',
  versions: [{ minimumVersion: 0, checkPod: hostNamespaces_1_0 }],
};
