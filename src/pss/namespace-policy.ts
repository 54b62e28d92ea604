// A namespace's Pod Security policy from its labels (upstream api.PolicyToEvaluate):
// pod-security.kubernetes.io/<mode>=<level> and <mode>-version=<version>, mode = enforce|warn|audit.
// A level without a version means latest; an invalid level fails closed to restricted, an invalid
// version falls back to latest; both are reported in `errors`.
import { isPssLevel } from './evaluate.js';
import type { PssLevel } from './types.js';
import { parseVersion } from './version.js';

export const PSS_LABEL_PREFIX = 'pod-security.kubernetes.io/';
export const PSS_MODES = ['enforce', 'warn', 'audit'] as const;
export type PssMode = (typeof PSS_MODES)[number];

export interface ModePolicy {
  level: PssLevel;
  /** "v1.N" or "latest". */
  version: string;
}

export interface NamespacePolicy {
  enforce?: ModePolicy;
  warn?: ModePolicy;
  audit?: ModePolicy;
  /** Invalid label values, one line each. */
  errors: string[];
}

export function namespacePolicy(labels: Record<string, unknown> | undefined): NamespacePolicy {
  const out: NamespacePolicy = { errors: [] };
  for (const mode of PSS_MODES) {
    const levelLabel = `${PSS_LABEL_PREFIX}${mode}`;
    const versionLabel = `${levelLabel}-version`;
    const rawLevel = labels?.[levelLabel];
    if (rawLevel === undefined || rawLevel === null) continue;
    let level: PssLevel;
    if (isPssLevel(rawLevel)) level = rawLevel;
    else {
      out.errors.push(`${levelLabel}="${String(rawLevel)}" is not a valid level (privileged|baseline|restricted); admission fails closed to restricted`);
      level = 'restricted';
    }
    let version = 'latest';
    const rawVersion = labels?.[versionLabel];
    if (rawVersion !== undefined && rawVersion !== null) {
      try {
        version = parseVersion(String(rawVersion)).label;
      } catch (e) {
        out.errors.push(`${versionLabel}: ${(e as Error).message}; using latest`);
      }
    }
    out[mode] = { level, version };
  }
  return out;
}
