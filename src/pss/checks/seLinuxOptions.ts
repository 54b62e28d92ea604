// Setting the SELinux type is restricted, and setting a custom SELinux user or role option is forbidden.
// Restricted fields: spec.securityContext.seLinuxOptions.{type,user,role} and the same on every container.
// Allowed type: undefined/empty, container_t, container_init_t, container_kvm_t (+ container_engine_t from 1.31);
// allowed user/role: undefined/empty.
import type { FieldPath } from '../../core/types.js';
import { asString, containersOf, containersPhrase, isObject, joinQuote, pluralize, podSecurityContextOf, securityContextOf, sortedSet } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type Json, type PodInput } from '../types.js';

const TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const TYPES_1_31 = new Set([...TYPES_1_0, 'container_engine_t']);

function seLinuxOptionsFor(allowedTypes: ReadonlySet<string>) {
  return ({ spec }: PodInput): CheckResult => {
    const badSetters: string[] = [];
    const badTypes: string[] = [];
    const paths: FieldPath[] = [];
    let setUser = false;
    let setRole = false;
    const valid = (opts: Json, at: FieldPath): boolean => {
      let ok = true;
      const type = asString(opts.type);
      if (!allowedTypes.has(type)) {
        ok = false;
        badTypes.push(type);
        paths.push([...at, 'type']);
      }
      if (asString(opts.user).length > 0) {
        ok = false;
        setUser = true;
        paths.push([...at, 'user']);
      }
      if (asString(opts.role).length > 0) {
        ok = false;
        setRole = true;
        paths.push([...at, 'role']);
      }
      return ok;
    };
    const podOpts = podSecurityContextOf(spec)?.seLinuxOptions;
    if (isObject(podOpts) && !valid(podOpts, ['securityContext', 'seLinuxOptions'])) badSetters.push('pod');
    const badContainers: string[] = [];
    for (const c of containersOf(spec)) {
      const opts = securityContextOf(c.container)?.seLinuxOptions;
      if (isObject(opts) && !valid(opts, [...c.path, 'securityContext', 'seLinuxOptions'])) badContainers.push(c.name);
    }
    if (badContainers.length > 0) badSetters.push(containersPhrase(badContainers));
    if (badSetters.length === 0) return ALLOWED;
    const types = sortedSet(badTypes);
    const badData: string[] = [];
    if (types.length > 0) badData.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) badData.push('user may not be set');
    if (setRole) badData.push('role may not be set');
    return {
      allowed: false,
      reason: 'seLinuxOptions',
      detail: `${badSetters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${badData.join('; ')}`,
      fieldPaths: paths,
    };
  };
}

export const seLinuxOptions: Check = {
  id: 'seLinuxOptions',
  level: 'baseline',
  description: 'limits seLinuxOptions type, user, and role values in 1.0+',
  versions: [
    { minimumVersion: 0, checkPod: seLinuxOptionsFor(TYPES_1_0) },
    { minimumVersion: 31, checkPod: seLinuxOptionsFor(TYPES_1_31) },
  ],
};
