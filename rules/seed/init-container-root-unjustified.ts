// GAP-5: init containers that run as root must say why, and stay locked down otherwise.
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { setFieldFix } from '../../src/engine/fixes.js';
import { containersOf } from '../../src/k8s/workloads.js';
import { normalizeCapability } from './security-context.js';
import { containerLabel, hasJustification, objectLabel, workloadsOf } from './support.js';

const SETUP_ONLY = new Set(['chown', 'chmod', 'chgrp', 'mkdir', 'true', 'set', 'echo', 'ls', 'install']);

/** Shell words of the container's command + args, with `sh -c` scripts split into commands. */
export function commandSegments(container: Record<string, unknown>): string[][] {
  const argv = [...(Array.isArray(container.command) ? container.command : []), ...(Array.isArray(container.args) ? container.args : [])].map(String);
  if (argv.length === 0) return [];
  const shell = /(^|\/)(ba|a|da)?sh$/.test(argv[0]) && argv.includes('-c');
  const script = shell ? argv.slice(argv.indexOf('-c') + 1).join(' ') : argv.join(' ');
  return script.split(/&&|\|\||;|\n|\|/).map((s) => s.trim().split(/\s+/).filter(Boolean)).filter((w) => w.length > 0);
}

/** True when the container only creates directories and changes ownership/permissions. */
export function onlyChangesOwnership(container: Record<string, unknown>): boolean {
  const segments = commandSegments(container);
  if (segments.length === 0) return false;
  const cmds = segments.map((w) => w[0].replace(/^.*\//, ''));
  return cmds.every((c) => SETUP_ONLY.has(c)) && cmds.some((c) => c === 'chown' || c === 'chmod' || c === 'chgrp');
}

export default defineRule({
  meta: {
    id: 'init-container-root-unjustified',
    title: 'Init container runs as root without justification or hardening',
    severity: 'medium',
    refs: ['GAP-5'],
    category: 'pod-security',
    rationale: 'An init container with `runAsUser: 0` quietly overrides the pod\'s `runAsNonRoot`. Without a comment nobody can tell whether root is still needed, and without `allowPrivilegeEscalation: false` and `drop: [ALL]` it runs with the full default capability set.',
    remediation: 'Write a comment above `runAsUser: 0` saying why root is needed; set `allowPrivilegeEscalation: false` and `capabilities.drop: [ALL]` (adding back only CHOWN/FOWNER if it chowns). When it only chowns/chmods a volume, delete it and set the pod\'s `fsGroup` instead.',
    docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#configure-volume-permission-and-ownership-change-policy-for-pods',
    fixable: true,
  },
  check(ctx: RuleContext) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      for (const c of containersOf(pod, ['initContainers'])) {
        const sc = c.container.securityContext ?? {};
        const uid = sc.runAsUser ?? pod.spec.securityContext?.runAsUser;
        if (uid !== 0) continue;
        const who = `${objectLabel(target)}: ${containerLabel(c)}`;
        const scPath = [...c.path, 'securityContext'];
        const uidPath = sc.runAsUser !== undefined ? [...scPath, 'runAsUser'] : [...pod.path, 'securityContext', 'runAsUser'];
        const chownOnly = onlyChangesOwnership(c.container);
        const comments = [...target.commentsAt(uidPath), ...target.commentsAt(scPath), ...target.commentsAt(c.path)];
        if (!hasJustification(comments)) {
          ctx.report({ target, path: uidPath, identityPath: c.path, key: 'why', message: `${who} runs as root (runAsUser: 0) without a comment explaining why root is required` });
        }
        if (sc.allowPrivilegeEscalation !== false) {
          ctx.report({
            target, path: [...scPath, 'allowPrivilegeEscalation'], identityPath: c.path, key: 'ape',
            message: `${who} runs as root without allowPrivilegeEscalation: false`,
            fix: setFieldFix(ctx.snapshot, target, [...scPath, 'allowPrivilegeEscalation'], false, 'Forbid privilege escalation'),
          });
        }
        const drop: unknown[] = Array.isArray(sc.capabilities?.drop) ? sc.capabilities.drop : [];
        if (!drop.map(normalizeCapability).includes('ALL')) {
          const needs = chownOnly ? ' (add back only CHOWN and FOWNER for the chown)' : '';
          ctx.report({
            target, path: sc.capabilities?.drop !== undefined ? [...scPath, 'capabilities', 'drop'] : [...scPath, 'capabilities'], identityPath: c.path, key: 'drop',
            message: `${who} runs as root without capabilities.drop: [ALL]${needs}`,
            fix: sc.capabilities?.drop === undefined ? setFieldFix(ctx.snapshot, target, [...scPath, 'capabilities', 'drop'], ['ALL'], 'Drop all capabilities') : undefined,
          });
        }
        if (chownOnly) {
          const fsGroup = pod.spec.securityContext?.fsGroup;
          ctx.report({
            target, path: c.path, key: 'fsgroup', severity: 'low',
            message: `${who} only changes file ownership/permissions; ${fsGroup !== undefined ? `the pod already sets fsGroup: ${String(fsGroup)}, so` : 'set the pod securityContext fsGroup (with fsGroupChangePolicy: OnRootMismatch) and'} remove this root init container`,
          });
        }
      }
    }
  },
});
