// Windows pods offer the ability to run HostProcess containers, which enables privileged access
// to the Windows node; this must be disallowed.
// Restricted fields: spec.securityContext.windowsOptions.hostProcess and every container's.
// Allowed values: false, undefined/null.
import type { FieldPath } from '../../core/types.js';
import { containersOf, containersPhrase, isObject, podSecurityContextOf, securityContextOf } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';

function windowsHostProcess_1_0({ spec }: PodInput): CheckResult {
  const badSetters: string[] = [];
  const paths: FieldPath[] = [];
  const podWin = podSecurityContextOf(spec)?.windowsOptions;
  if (isObject(podWin) && podWin.hostProcess === true) {
    badSetters.push('pod');
    paths.push(['securityContext', 'windowsOptions', 'hostProcess']);
  }
  const bad: string[] = [];
  for (const c of containersOf(spec)) {
    const win = securityContextOf(c.container)?.windowsOptions;
    if (isObject(win) && win.hostProcess === true) {
      bad.push(c.name);
      paths.push([...c.path, 'securityContext', 'windowsOptions', 'hostProcess']);
    }
  }
  if (bad.length > 0) badSetters.push(containersPhrase(bad));
  if (badSetters.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'hostProcess',
    detail: `${badSetters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
    fieldPaths: paths,
    remedies: paths.map((path) => ({ path, value: false })),
  };
}

export const windowsHostProcess: Check = {
  id: 'windowsHostProcess',
  level: 'baseline',
  description: 'forbids hostProcess=true in 1.0+',
  versions: [{ minimumVersion: 0, checkPod: windowsHostProcess_1_0 }],
};
