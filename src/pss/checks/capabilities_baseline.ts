// Adding NET_RAW or capabilities beyond the default set must be disallowed.
// Restricted fields: {initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add
// Allowed values: undefined/empty, or a subset of the container runtime's default set below.
import type { FieldPath } from '../../core/types.js';
import { asArray, asString, containersOf, containersPhrase, isObject, joinQuote, securityContextOf, sortedSet } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';

export const CAPABILITIES_ALLOWED_1_0: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

function capabilitiesBaseline_1_0({ spec }: PodInput): CheckResult {
  const bad: string[] = [];
  const caps: string[] = [];
  const paths: FieldPath[] = [];
  for (const c of containersOf(spec)) {
    const capabilities = securityContextOf(c.container)?.capabilities;
    if (!isObject(capabilities)) continue;
    let valid = true;
    asArray(capabilities.add).forEach((cap, i) => {
      const name = asString(cap);
      if (CAPABILITIES_ALLOWED_1_0.has(name)) return;
      valid = false;
      caps.push(name);
      paths.push([...c.path, 'securityContext', 'capabilities', 'add', i]);
    });
    if (!valid) bad.push(c.name);
  }
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'non-default capabilities',
    detail: `${containersPhrase(bad)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
    fieldPaths: paths,
  };
}

export const capabilities_baseline: Check = {
  id: 'capabilities_baseline',
  level: 'baseline',
  description: 'limits the capabilities that can be added in 1.0+',
  versions: [{ minimumVersion: 0, checkPod: capabilitiesBaseline_1_0 }],
};
