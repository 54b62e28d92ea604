// The set of check revisions that run for a level and version (upstream policy/registry.go):
// each check contributes its newest revision whose MinimumVersion <= version; restricted runs the
// baseline checks too, minus those a selected restricted revision lists in OverrideCheckIDs.
import { allowPrivilegeEscalation } from './checks/allowPrivilegeEscalation.js';
import { appArmorProfile } from './checks/appArmorProfile.js';
import { capabilities_baseline } from './checks/capabilities_baseline.js';
import { capabilities_restricted } from './checks/capabilities_restricted.js';
import { hostNamespaces } from './checks/hostNamespaces.js';
import { hostPathVolumes } from './checks/hostPathVolumes.js';
import { hostPorts } from './checks/hostPorts.js';
import { hostProbesAndHostLifecycle } from './checks/hostProbesAndHostLifecycle.js';
import { privileged } from './checks/privileged.js';
import { procMount } from './checks/procMount.js';
import { procMount_restricted } from './checks/procMount_restricted.js';
import { restrictedVolumes } from './checks/restrictedVolumes.js';
import { runAsNonRoot } from './checks/runAsNonRoot.js';
import { runAsUser } from './checks/runAsUser.js';
import { seLinuxOptions } from './checks/seLinuxOptions.js';
import { seccompProfile_baseline } from './checks/seccompProfile_baseline.js';
import { seccompProfile_restricted } from './checks/seccompProfile_restricted.js';
import { sysctls } from './checks/sysctls.js';
import { windowsHostProcess } from './checks/windowsHostProcess.js';
import type { Check, PssLevel, VersionedCheck } from './types.js';

/** Every default check, baseline first, each level in upstream's registration (file) order. */
export const DEFAULT_CHECKS: readonly Check[] = [
  appArmorProfile, capabilities_baseline, hostNamespaces, hostPathVolumes, hostPorts, hostProbesAndHostLifecycle,
  privileged, procMount, seLinuxOptions, seccompProfile_baseline, sysctls, windowsHostProcess,
  allowPrivilegeEscalation, capabilities_restricted, procMount_restricted, restrictedVolumes, runAsNonRoot,
  runAsUser, seccompProfile_restricted,
];

export const CHECK_IDS: readonly string[] = DEFAULT_CHECKS.map((c) => c.id);

export function checkById(id: string): Check | undefined {
  return DEFAULT_CHECKS.find((c) => c.id === id);
}

export interface SelectedCheck {
  check: Check;
  revision: VersionedCheck;
}

/** The revision of a check in force at a minor version, or undefined before its first revision. */
export function revisionAt(check: Check, minor: number): VersionedCheck | undefined {
  let found: VersionedCheck | undefined;
  for (const v of check.versions) if (v.minimumVersion <= minor) found = v;
  return found;
}

const cache = new Map<string, SelectedCheck[]>();

export function checksFor(level: PssLevel, minor: number): SelectedCheck[] {
  if (level === 'privileged') return [];
  const key = `${level}:${minor}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const selected: SelectedCheck[] = [];
  for (const check of DEFAULT_CHECKS) {
    if (level === 'baseline' && check.level !== 'baseline') continue;
    const revision = revisionAt(check, minor);
    if (revision) selected.push({ check, revision });
  }
  const overridden = new Set(selected.flatMap((s) => s.revision.overrideCheckIds ?? []));
  const out = selected.filter((s) => !overridden.has(s.check.id));
  cache.set(key, out);
  return out;
}

/** The check that reports `checkId`'s concern at this level/version (itself, or the restricted check overriding it). */
export function effectiveCheckId(checkId: string, level: PssLevel, minor: number): string | undefined {
  const running = checksFor(level, minor);
  if (running.some((s) => s.check.id === checkId)) return checkId;
  return running.find((s) => s.revision.overrideCheckIds?.includes(checkId))?.check.id;
}
