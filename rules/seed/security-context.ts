// Shared checks of REQ-427 (job pods, restricted) and REQ-428 (platform pods): one finding per
// missing control, on the nearest existing field, with a fix that inserts or flips the key.
import type { FieldPath, Severity } from '../../src/core/types.js';
import { setFieldFix } from '../../src/engine/fixes.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { containersOf, getIn, type ContainerRef } from '../../src/k8s/workloads.js';
import { containerKey, containerLabel, hasJustification, objectLabel, type Workload } from './support.js';

export type Profile = 'job' | 'platform';

export const FORBIDDEN_CAPABILITIES = ['SYS_ADMIN', 'NET_ADMIN', 'SYS_MODULE'];
export const MIN_UID = 1000;

export function normalizeCapability(c: unknown): string {
  return String(c).toUpperCase().replace(/^CAP_/, '');
}

interface Control {
  key: string;
  /** Field under securityContext. */
  field: FieldPath;
  level: 'pod' | 'container' | 'either';
  profiles: Profile[];
  ok: (v: unknown) => boolean;
  want: unknown;
  describe: string;
  severity?: (v: unknown) => Severity | undefined;
  /** Init containers running as root are GAP-5's business on platform pods. */
  skipRootInit?: boolean;
}

const CONTROLS: Control[] = [
  { key: 'runAsNonRoot', field: ['runAsNonRoot'], level: 'either', profiles: ['job', 'platform'], ok: (v) => v === true, want: true, describe: 'runAsNonRoot: true', skipRootInit: true },
  {
    key: 'runAsUser', field: ['runAsUser'], level: 'either', profiles: ['job', 'platform'], want: MIN_UID, describe: `runAsUser >= ${MIN_UID}`, skipRootInit: true,
    ok: (v) => typeof v === 'number' && v >= MIN_UID,
    severity: (v) => (v === 0 ? 'critical' : undefined),
  },
  { key: 'fsGroup', field: ['fsGroup'], level: 'pod', profiles: ['job'], ok: (v) => typeof v === 'number' && v > 0, want: MIN_UID, describe: 'fsGroup set (non-root group)' },
  {
    key: 'seccompProfile', field: ['seccompProfile', 'type'], level: 'either', profiles: ['job'], want: 'RuntimeDefault', describe: 'seccompProfile.type: RuntimeDefault',
    ok: (v) => v === 'RuntimeDefault' || v === 'Localhost',
  },
  { key: 'readOnlyRootFilesystem', field: ['readOnlyRootFilesystem'], level: 'container', profiles: ['job'], ok: (v) => v === true, want: true, describe: 'readOnlyRootFilesystem: true' },
  { key: 'allowPrivilegeEscalation', field: ['allowPrivilegeEscalation'], level: 'container', profiles: ['job', 'platform'], ok: (v) => v === false, want: false, describe: 'allowPrivilegeEscalation: false' },
];

function runsAsRoot(pod: Workload['pod'], c: ContainerRef): boolean {
  const uid = c.container.securityContext?.runAsUser ?? pod.spec.securityContext?.runAsUser;
  return uid === 0;
}

export function checkSecurityContext(ctx: RuleContext, w: Workload, profile: Profile, baseSeverity: Severity): void {
  const { target, pod } = w;
  const label = objectLabel(target);
  const podSc: FieldPath = [...pod.path, 'securityContext'];
  const containers = containersOf(pod, ['initContainers', 'containers']);
  if (containers.length === 0) return;
  const fix = (path: FieldPath, value: unknown, what: string) => setFieldFix(ctx.snapshot, target, path, value, `Set ${what}`);

  for (const control of CONTROLS) {
    if (!control.profiles.includes(profile)) continue;
    const podValue = control.level === 'container' ? undefined : getIn(pod.spec.securityContext, control.field);
    const podPath = [...podSc, ...control.field];
    let podLevelGap = false;
    for (const c of containers) {
      if (control.skipRootInit && profile === 'platform' && c.kind === 'initContainers' && runsAsRoot(pod, c)) continue;
      const cPath = [...c.path, 'securityContext', ...control.field];
      const own = control.level === 'pod' ? undefined : getIn(c.container.securityContext, control.field);
      const effective = own ?? podValue;
      if (control.ok(effective)) continue;
      if (own !== undefined) {
        ctx.report({
          target, path: cPath, key: `${control.key}:${containerKey(c)}`,
          message: `${label}: ${containerLabel(c)} sets ${control.field.join('.')}: ${JSON.stringify(own)}; ${profile} pods need ${control.describe}`,
          severity: control.severity?.(own) ?? baseSeverity,
          fix: fix(cPath, control.want, control.describe),
        });
      } else if (control.level === 'container') {
        const unwritable = control.key === 'readOnlyRootFilesystem' && profile === 'job' ? dirsWithoutEmptyDir(pod, c) : [];
        ctx.report({
          target, path: cPath, key: `${control.key}:${containerKey(c)}`,
          message: `${label}: ${containerLabel(c)} does not set ${control.describe}${unwritable.length ? ` (with it, mount an emptyDir at ${unwritable.join(' and ')})` : ''}`,
          severity: baseSeverity,
          // Setting it alone would make checkWritableDirs report the missing emptyDir, which one
          // suggestion cannot add (the volume belongs to the pod, the mount to the container).
          fix: unwritable.length ? undefined : fix(cPath, control.want, control.describe),
        });
      } else {
        // Missing or wrong at pod level: one finding on the pod field, not one per container.
        podLevelGap = true;
      }
    }
    if (podLevelGap) {
      const v = control.level === 'container' ? undefined : podValue;
      ctx.report({
        target, path: podPath, key: `${control.key}:pod`,
        message: v === undefined
          ? `${label}: pod securityContext does not set ${control.describe}`
          : `${label}: pod securityContext sets ${control.field.join('.')}: ${JSON.stringify(v)}; ${profile} pods need ${control.describe}`,
        severity: (v !== undefined ? control.severity?.(v) : undefined) ?? baseSeverity,
        fix: control.key === 'seccompProfile' && getIn(pod.spec.securityContext, ['seccompProfile']) === undefined
          ? fix([...podSc, 'seccompProfile'], { type: 'RuntimeDefault' }, control.describe)
          : fix(podPath, control.key === 'fsGroup' ? (pod.spec.securityContext?.runAsGroup ?? control.want) : control.want, control.describe),
      });
    }
  }

  for (const c of containers) {
    const capsPath = [...c.path, 'securityContext', 'capabilities'];
    const caps = c.container.securityContext?.capabilities ?? {};
    const drop: unknown[] = Array.isArray(caps.drop) ? caps.drop : [];
    if (!drop.map(normalizeCapability).includes('ALL')) {
      const skip = profile === 'platform' && c.kind === 'initContainers' && runsAsRoot(pod, c);
      if (!skip) {
        ctx.report({
          target, path: caps.drop !== undefined ? [...capsPath, 'drop'] : capsPath, identityPath: capsPath, key: `drop:${containerKey(c)}`,
          message: `${label}: ${containerLabel(c)} does not drop ALL capabilities (capabilities.drop: ["ALL"])`,
          severity: baseSeverity,
          fix: caps.drop === undefined ? fix([...capsPath, 'drop'], ['ALL'], 'capabilities.drop: [ALL]') : undefined,
        });
      }
    }
    const add: unknown[] = Array.isArray(caps.add) ? caps.add : [];
    add.forEach((cap, i) => {
      const name = normalizeCapability(cap);
      const path = [...capsPath, 'add', i];
      if (FORBIDDEN_CAPABILITIES.includes(name)) {
        ctx.report({ target, path, identityPath: [...capsPath, 'add'], key: `cap:${containerKey(c)}:${name}`, severity: 'critical', message: `${label}: ${containerLabel(c)} adds the forbidden capability ${name}; remove it` });
      } else if (!hasJustification([...target.commentsAt(path), ...target.commentsAt([...capsPath, 'add'])])) {
        ctx.report({ target, path, identityPath: [...capsPath, 'add'], key: `cap:${containerKey(c)}:${name}`, severity: baseSeverity, message: `${label}: ${containerLabel(c)} adds capability ${name} without a comment justifying it` });
      }
    });
  }

  if (profile === 'job') checkWritableDirs(ctx, w, baseSeverity);
}

function writableVolumes(pod: Workload['pod']): Set<string> {
  const volumes: Record<string, unknown>[] = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
  return new Set(volumes.filter((v) => v && (v.emptyDir !== undefined || v.ephemeral !== undefined)).map((v) => String(v.name)));
}

function mountsOf(c: ContainerRef): Record<string, unknown>[] {
  return Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : [];
}

/** The directories a container with a read-only root filesystem must have writable: /tmp and $HOME. */
function dirsNeedingWrites(c: ContainerRef): string[] {
  const home = (Array.isArray(c.container.env) ? c.container.env : []).find((e: Record<string, unknown>) => e?.name === 'HOME' && typeof e.value === 'string')?.value as string | undefined;
  return ['/tmp', ...(home && home !== '/tmp' ? [home] : [])];
}

function mountAt(mounts: Record<string, unknown>[], dir: string): Record<string, unknown> | undefined {
  return mounts.find((x) => String(x?.mountPath).replace(/\/+$/, '') === dir);
}

/** Of the directories the container needs writable, those with no emptyDir (or ephemeral) volume mounted there. */
function dirsWithoutEmptyDir(pod: Workload['pod'], c: ContainerRef): string[] {
  const writable = writableVolumes(pod);
  return dirsNeedingWrites(c).filter((dir) => !writable.has(String(mountAt(mountsOf(c), dir)?.name)));
}

/** With a read-only root filesystem, /tmp and $HOME must be writable emptyDir (or ephemeral) volumes. */
function checkWritableDirs(ctx: RuleContext, w: Workload, severity: Severity): void {
  const { target, pod } = w;
  const writable = writableVolumes(pod);
  for (const c of containersOf(pod, ['initContainers', 'containers'])) {
    if (c.container.securityContext?.readOnlyRootFilesystem !== true) continue;
    const mounts = mountsOf(c);
    for (const dir of dirsNeedingWrites(c)) {
      const m = mountAt(mounts, dir);
      if (m && writable.has(String(m.name))) continue;
      ctx.report({
        target,
        path: m ? [...c.path, 'volumeMounts', mounts.indexOf(m)] : [...c.path, mounts.length ? 'volumeMounts' : 'securityContext'],
        // Keyed on the container and directory: the field shown moves as mounts are added.
        identityPath: c.path, key: `writable:${containerKey(c)}:${dir}`,
        severity,
        message: m
          ? `${objectLabel(target)}: ${containerLabel(c)} mounts ${dir} from volume "${String(m.name)}", which is not an emptyDir`
          : `${objectLabel(target)}: ${containerLabel(c)} has a read-only root filesystem but no emptyDir mounted at ${dir}; add a volume \`{name: ${dir === '/tmp' ? 'tmp' : 'home'}, emptyDir: {}}\` and mount it there`,
      });
    }
  }
}
