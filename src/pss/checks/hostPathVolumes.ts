// HostPath volumes must be forbidden.
// Restricted fields: spec.volumes[*].hostPath. Allowed values: undefined/null.
import type { FieldPath } from '../../core/types.js';
import { asArray, asString, isObject, joinQuote, pluralize } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';

function hostPathVolumes_1_0({ spec }: PodInput): CheckResult {
  const bad: string[] = [];
  const paths: FieldPath[] = [];
  asArray(spec.volumes).forEach((v, i) => {
    if (isObject(v) && v.hostPath !== undefined && v.hostPath !== null) {
      bad.push(asString(v.name));
      paths.push(['volumes', i, 'hostPath']);
    }
  });
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'hostPath volumes',
    detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}`,
    fieldPaths: paths,
  };
}

export const hostPathVolumes: Check = {
  id: 'hostPathVolumes',
  level: 'baseline',
  description: 'requires hostPath=undefined/null in 1.0+',
  versions: [{ minimumVersion: 0, checkPod: hostPathVolumes_1_0 }],
};
