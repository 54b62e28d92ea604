// HostPort ports must be forbidden.
// Restricted fields: {initContainers,containers,ephemeralContainers}[*].ports[*].hostPort. Allowed values: undefined/0.
import type { FieldPath } from '../../core/types.js';
import { asArray, containersOf, containersPhrase, isObject, pluralize } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';

function hostPorts_1_0({ spec }: PodInput): CheckResult {
  const bad: string[] = [];
  const ports: string[] = [];
  const paths: FieldPath[] = [];
  for (const c of containersOf(spec)) {
    let valid = true;
    asArray(c.container.ports).forEach((p, i) => {
      if (!isObject(p) || p.hostPort === undefined || p.hostPort === null) return;
      const port = Number(p.hostPort);
      if (port === 0) return;
      valid = false;
      ports.push(String(Number.isNaN(port) ? p.hostPort : port));
      paths.push([...c.path, 'ports', i, 'hostPort']);
    });
    if (!valid) bad.push(c.name);
  }
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'hostPort',
    detail: `${containersPhrase(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', ports.length)} ${ports.join(', ')}`,
    fieldPaths: paths,
  };
}

export const hostPorts: Check = {
  id: 'hostPorts',
  level: 'baseline',
  description: 'forbids any host ports in 1.0+',
  versions: [{ minimumVersion: 0, checkPod: hostPorts_1_0 }],
};
