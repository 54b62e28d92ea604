// Sysctls can disable security mechanisms or affect all containers on a host, and should be
// disallowed except for an allowed "safe" subset (namespaced and isolated from other pods).
// Restricted fields: spec.securityContext.sysctls[*].name. The safe list grows by version.
import type { FieldPath } from '../../core/types.js';
import { asArray, asString, isObject, podSecurityContextOf } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';

const SAFE_1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const SAFE_1_27 = [...SAFE_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SAFE_1_29 = [...SAFE_1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SAFE_1_32 = [...SAFE_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SAFE_1_37 = [...SAFE_1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

function sysctlsFor(safeList: string[]) {
  const safe = new Set(safeList);
  return ({ spec }: PodInput): CheckResult => {
    const forbidden: string[] = [];
    const paths: FieldPath[] = [];
    asArray(podSecurityContextOf(spec)?.sysctls).forEach((s, i) => {
      const name = isObject(s) ? asString(s.name) : '';
      if (safe.has(name)) return;
      forbidden.push(name);
      paths.push(['securityContext', 'sysctls', i, 'name']);
    });
    if (forbidden.length === 0) return ALLOWED;
    return { allowed: false, reason: 'forbidden sysctls', detail: forbidden.join(', '), fieldPaths: paths };
  };
}

export const sysctls: Check = {
  id: 'sysctls',
  level: 'baseline',
  description: 'limits the value of sysctls in 1.0+',
  versions: [
    { minimumVersion: 0, checkPod: sysctlsFor(SAFE_1_0) },
    { minimumVersion: 27, checkPod: sysctlsFor(SAFE_1_27) },
    { minimumVersion: 29, checkPod: sysctlsFor(SAFE_1_29) },
    { minimumVersion: 32, checkPod: sysctlsFor(SAFE_1_32) },
    { minimumVersion: 37, checkPod: sysctlsFor(SAFE_1_37) },
  ],
};
