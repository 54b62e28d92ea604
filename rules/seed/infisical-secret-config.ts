// REQ-431: InfisicalSecret objects reload, resync and authenticate through a credentials Secret;
// new ExternalSecrets get a note that Infisical is the default backend.
import type { FieldPath } from '../../src/core/types.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { setFieldFix } from '../../src/engine/fixes.js';
import { getIn } from '../../src/k8s/workloads.js';
import { isPlaceholder, objectLabel, walkLeaves } from './support.js';

export const AUTO_RELOAD = 'secrets.infisical.com/auto-reload';
// Not identityId: kubernetesAuth, awsIamAuth, azureAuth and gcp*Auth name their machine identity
// inline by design (an ID, like a username); the proof of identity is the platform's own token.
const INLINE_CREDENTIAL = /^(clientId|clientSecret|serviceToken|token|accessToken|apiKey|password|privateKey)$/;
const NEEDS_CREDENTIALS_REF = ['universalAuth'];

export default defineRule({
  meta: {
    id: 'infisical-secret-config',
    title: 'InfisicalSecret without auto-reload, resync interval or a credentials reference',
    severity: 'medium',
    refs: ['REQ-431'],
    category: 'secrets',
    rationale: 'Infisical is the default secrets backend. An InfisicalSecret without the auto-reload annotation leaves pods on rotated-out credentials, one without resyncInterval never picks up changes, and machine-identity credentials written inline in the CRD are themselves a leaked secret.',
    remediation: 'Annotate with `secrets.infisical.com/auto-reload: "true"`, set `spec.resyncInterval` (seconds), and authenticate with `credentialsRef: {secretName, secretNamespace}` instead of inline clientId/clientSecret/serviceToken. Prefer InfisicalSecret over ExternalSecret for new secrets (ESO is kept for migration only).',
    docs: 'https://infisical.com/docs/integrations/platforms/kubernetes/infisical-secret-crd',
    fixable: true,
  },
  check(ctx: RuleContext) {
    for (const target of ctx.objects) {
      if (target.ref.kind === 'ExternalSecret') {
        ctx.report({ target, severity: 'info', key: 'eso', message: `${objectLabel(target)} uses External Secrets Operator; Infisical (InfisicalSecret) is the default backend for new secrets and ESO is kept for migration only` });
        continue;
      }
      if (target.ref.kind !== 'InfisicalSecret') continue;
      const label = objectLabel(target);
      const ann = target.object.metadata?.annotations ?? {};
      if (String(ann[AUTO_RELOAD]) !== 'true') {
        const path = ann[AUTO_RELOAD] !== undefined ? ['metadata', 'annotations', AUTO_RELOAD] : ['metadata'];
        ctx.report({
          target, path, key: 'auto-reload',
          message: `${label} lacks the annotation ${AUTO_RELOAD}: "true"; pods keep rotated-out credentials until restarted by hand`,
          fix: setFieldFix(ctx.snapshot, target, ['metadata', 'annotations', AUTO_RELOAD], 'true', 'Enable Infisical auto-reload'),
        });
      }
      const resync = getIn(target.object, ['spec', 'resyncInterval']);
      if (resync === undefined || resync === null || Number(resync) <= 0 || Number.isNaN(Number(resync))) {
        ctx.report({
          target, path: ['spec', 'resyncInterval'], key: 'resync',
          message: `${label} has ${resync === undefined ? 'no' : 'an invalid'} spec.resyncInterval; set how often (seconds) the secret is re-synced, e.g. 60`,
          fix: setFieldFix(ctx.snapshot, target, ['spec', 'resyncInterval'], 60, 'Re-sync every 60 seconds'),
        });
      }
      const auth = getIn(target.object, ['spec', 'authentication']);
      const inline: FieldPath[] = [];
      walkLeaves(auth, (path, leaf) => {
        const key = String(path[path.length - 1]);
        if (INLINE_CREDENTIAL.test(key) && typeof leaf === 'string' && !isPlaceholder(leaf) && !path.some((p) => /Ref(erence)?$/.test(String(p)))) inline.push(path);
      });
      for (const p of inline) {
        ctx.report({ target, path: ['spec', 'authentication', ...p], severity: 'critical', key: `inline:${p.join('.')}`, message: `${label} hardcodes the Infisical credential \`${p.join('.')}\`; store it in a Secret and reference it with credentialsRef` });
      }
      if (auth && typeof auth === 'object') {
        for (const method of NEEDS_CREDENTIALS_REF) {
          const m = (auth as Record<string, unknown>)[method];
          if (m && typeof m === 'object' && !getIn(m, ['credentialsRef', 'secretName']) && inline.length === 0) {
            ctx.report({ target, path: ['spec', 'authentication', method], key: `ref:${method}`, severity: 'high', message: `${label} uses ${method} without credentialsRef.secretName; reference the machine-identity Secret` });
          }
        }
      } else if (!getIn(target.object, ['spec', 'tokenSecretReference'])) {
        ctx.report({ target, path: ['spec'], key: 'no-auth', severity: 'high', message: `${label} declares no authentication; use universalAuth (or kubernetesAuth) with a credentialsRef` });
      }
    }
  },
});
