// REQ-434: workloads that consume Secrets must restart when the Secret rotates (stakater Reloader).
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { setFieldFix } from '../../src/engine/fixes.js';
import type { RenderedObject } from '../../src/core/types.js';
import { getIn } from '../../src/k8s/workloads.js';
import { credentialSecretOf, literalEnvCredentials } from './env-credentials.js';
import { generatedSecretBase, namespaceOf, objectLabel, sameNamespace, secretProducers, secretRefsOf, workloadsOf, type Workload } from './support.js';

export const RELOADER_AUTO = 'reloader.stakater.com/auto';
export const RELOADER_SECRET_LIST = 'secret.reloader.stakater.com/reload';
const RELOADER_SEARCH = 'reloader.stakater.com/search';
const INFISICAL_AUTO_RELOAD = 'secrets.infisical.com/auto-reload';
/** Kinds Reloader restarts; Jobs and bare Pods pick up new Secrets on their next run anyway. */
const RELOADABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'DeploymentConfig']);

/**
 * Secrets the Vault Secrets Operator itself restarts this workload for: a Vault*Secret producing the
 * Secret lists the workload in spec.rolloutRestartTargets, the operator's equivalent of Reloader.
 */
function restartedByVault(index: RenderedObject[], target: RenderedObject, name: string): boolean {
  return secretProducers(index).some((p) => {
    if (p.backend !== 'Vault' || p.name !== name || !sameNamespace(p.namespace, namespaceOf(target))) return false;
    const targets = getIn(p.source.object, ['spec', 'rolloutRestartTargets']);
    return Array.isArray(targets) && targets.some((t) => t?.kind === target.ref.kind && t?.name === target.ref.name);
  });
}

/**
 * The Secret hardcoded-credential-in-config's fix moves the workload's literal env credentials into,
 * when the workload reads no Secret yet: counted as consumed already, so that the Reloader
 * annotation is asked for in the same review as that fix, not in the one after it.
 */
function anticipatedSecret(ctx: RuleContext, w: Workload, consumed: string[]): string | undefined {
  const [credential] = literalEnvCredentials(ctx.config, w);
  if (!credential) return undefined;
  const name = credentialSecretOf(ctx, w, credential);
  return consumed.includes(name) ? undefined : name;
}

export default defineRule({
  meta: {
    id: 'secret-consumer-without-reloader',
    title: 'Workload consuming a Secret is not restarted on rotation',
    severity: 'medium',
    refs: ['REQ-434'],
    category: 'secrets',
    rationale: 'Environment variables and, for subPath mounts, files are read once at start: after a credential rotates, pods keep the old value until someone restarts them by hand. Reloader restarts them automatically with a rolling update.',
    remediation: 'Annotate the workload (not the pod template) with `reloader.stakater.com/auto: "true"`, or list the Secrets in `secret.reloader.stakater.com/reload: "a,b"`.',
    docs: 'https://github.com/stakater/Reloader#how-to-use-reloader',
    fixable: true,
  },
  check(ctx: RuleContext) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      if (!RELOADABLE.has(target.ref.kind)) continue;
      const consumed = [...new Set(secretRefsOf(pod).filter((r) => r.via !== 'imagePullSecret').map((r) => r.name))];
      const anticipated = anticipatedSecret(ctx, { target, pod }, consumed);
      const names = [...consumed, ...(anticipated ? [anticipated] : [])]
        .filter((name) => !restartedByVault(ctx.index.all, target, name) && generatedSecretBase(ctx.index.all, name, namespaceOf(target)) === undefined);
      if (names.length === 0) continue;
      const quoted = names.map((n) => (n === anticipated ? `"${n}" (once its literal credentials move there)` : `"${n}"`));
      const ann = target.object.metadata?.annotations ?? {};
      if (String(ann[RELOADER_AUTO]) === 'true' || String(ann[INFISICAL_AUTO_RELOAD]) === 'true') continue;
      const listed = typeof ann[RELOADER_SECRET_LIST] === 'string' ? ann[RELOADER_SECRET_LIST].split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      if (listed) {
        const missing = names.filter((n) => !listed.includes(n));
        if (missing.length === 0) continue;
        ctx.report({
          target,
          path: ['metadata', 'annotations', RELOADER_SECRET_LIST],
          message: `${objectLabel(target)} lists Secrets for Reloader but not ${missing.map((n) => `"${n}"`).join(', ')}; add them to ${RELOADER_SECRET_LIST} or use ${RELOADER_AUTO}: "true"`,
          fix: setFieldFix(ctx.snapshot, target, ['metadata', 'annotations', RELOADER_SECRET_LIST], [...listed, ...missing].join(','), 'List every consumed Secret for Reloader'),
        });
        continue;
      }
      if (String(ann[RELOADER_SEARCH]) === 'true') continue;
      const optedOut = ann[RELOADER_AUTO] !== undefined;
      ctx.report({
        target,
        path: optedOut ? ['metadata', 'annotations', RELOADER_AUTO] : ['metadata'],
        message: `${objectLabel(target)} consumes Secret${names.length > 1 ? 's' : ''} ${quoted.join(', ')} but ${optedOut ? `sets ${RELOADER_AUTO}: "${String(ann[RELOADER_AUTO])}"` : `has no ${RELOADER_AUTO}: "true" annotation`}; rotated credentials would need a manual restart`,
        fix: setFieldFix(ctx.snapshot, target, ['metadata', 'annotations', RELOADER_AUTO], 'true', 'Restart on Secret change (Reloader)'),
      });
    }
  },
});
