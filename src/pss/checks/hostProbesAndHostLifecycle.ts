// The host field is restricted in probes and lifecycle handlers (it lets the kubelet be pointed at
// arbitrary hosts). Restricted fields: {liveness,readiness,startup}Probe.{httpGet,tcpSocket}.host and
// lifecycle.{postStart,preStop}.{httpGet,tcpSocket}.host on every container. Allowed values: "", undefined/null.
import type { FieldPath } from '../../core/types.js';
import { asString, containersOf, isObject, joinQuote, pluralize, sortedSet } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type Json, type PodInput } from '../types.js';

const HANDLERS: FieldPath[] = [
  ['livenessProbe'], ['readinessProbe'], ['startupProbe'],
  ['lifecycle', 'postStart'], ['lifecycle', 'preStop'],
];

function hostProbesAndHostLifecycle_1_34({ spec }: PodInput): CheckResult {
  const badContainers = new Set<string>();
  const hosts = new Set<string>();
  const paths: FieldPath[] = [];
  for (const c of containersOf(spec)) {
    for (const handlerPath of HANDLERS) {
      let handler: unknown = c.container;
      for (const seg of handlerPath) handler = isObject(handler) ? (handler as Json)[seg as string] : undefined;
      if (!isObject(handler)) continue;
      for (const action of ['httpGet', 'tcpSocket']) {
        const host = isObject(handler[action]) ? asString(handler[action].host) : '';
        if (host === '') continue;
        badContainers.add(c.name);
        hosts.add(host);
        paths.push([...c.path, ...handlerPath, action, 'host']);
      }
    }
  }
  if (badContainers.size === 0) return ALLOWED;
  const names = sortedSet(badContainers);
  return {
    allowed: false,
    reason: 'probe or lifecycle host',
    detail: `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hosts.size)} ${joinQuote(sortedSet(hosts))}`,
    fieldPaths: paths,
  };
}

export const hostProbesAndHostLifecycle: Check = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  description: 'forbids setting host field in probes and lifecycle handlers in 1.34+',
  versions: [{ minimumVersion: 34, checkPod: hostProbesAndHostLifecycle_1_34 }],
};
