// GAP-7: External Secrets switched on without a store, or production without any secrets backend.
import type { FieldPath } from '../../src/core/types.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { getIn } from '../../src/k8s/workloads.js';
import { literalEnvCredentials } from './env-credentials.js';
import { isSecretsManager, objectLabel, reportsValuesLine, secretProducers, secretRefsOf, valuesToggles, workloadsOf } from './support.js';

const BACKEND_BLOCK = /^(externalSecrets?|external-secrets|eso|sealedSecrets?|sealed-secrets|infisical|infisicalSecrets?|vault|vaultSecrets?|secretsManager|secretStore)$/i;
const BACKEND_KINDS = ['ExternalSecret', 'ClusterExternalSecret', 'InfisicalSecret', 'InfisicalDynamicSecret', 'SealedSecret', 'VaultStaticSecret', 'VaultDynamicSecret', 'VaultPKISecret', 'SecretProviderClass'];

export default defineRule({
  meta: {
    id: 'external-secrets-misconfigured',
    title: 'External secrets enabled without a store, or production without a secrets backend',
    severity: 'high',
    refs: ['GAP-7'],
    category: 'secrets',
    rationale: 'An ExternalSecret without a secretStoreRef never syncs, so pods start without credentials (or someone "fixes" it with a plain Secret). A production environment with no external backend at all means its credentials live as plain Secrets.',
    remediation: 'Point every ExternalSecret at a SecretStore/ClusterSecretStore (`spec.secretStoreRef.name`, and `externalSecrets.secretStoreRef.name` in chart values). In production enable a backend: InfisicalSecret (default), ExternalSecret, Vault Secrets Operator or SealedSecrets.',
    docs: 'https://external-secrets.io/latest/api/externalsecret/',
    fixable: false,
  },
  check(ctx: RuleContext) {
    const stores = new Set([...ctx.index.byKind('SecretStore'), ...ctx.index.byKind('ClusterSecretStore')].map((s) => `${s.ref.kind}/${s.ref.name}`));
    for (const target of ctx.objects) {
      if (target.ref.kind !== 'ExternalSecret') continue;
      const ref = getIn(target.object, ['spec', 'secretStoreRef']);
      const name = ref?.name;
      if (typeof name !== 'string' || name.trim() === '') {
        const hasDataFrom = Array.isArray(getIn(target.object, ['spec', 'data'])) && (getIn(target.object, ['spec', 'data']) as unknown[]).some((d) => getIn(d, ['sourceRef', 'storeRef', 'name']));
        if (!hasDataFrom) {
          ctx.report({ target, path: ref ? ['spec', 'secretStoreRef'] : ['spec'], message: `${objectLabel(target)} has no secretStoreRef name; it will never sync` });
        }
        continue;
      }
      const kind = ref.kind === 'ClusterSecretStore' ? 'ClusterSecretStore' : 'SecretStore';
      if (stores.size > 0 && !stores.has(`${kind}/${name}`)) {
        ctx.report({ target, path: ['spec', 'secretStoreRef', 'name'], severity: 'low', message: `${objectLabel(target)} uses ${kind} "${name}", which is not declared in this repository` });
      }
    }

    const values = ctx.values;
    if (values) {
      for (const t of valuesToggles(values.values, /^externalSecrets?$/i)) {
        if (t.value !== true) continue;
        const block = t.path.slice(0, -1);
        const storePath: FieldPath = [...block, 'secretStoreRef', 'name'];
        const storeName = getIn(values.values, storePath);
        if (typeof storeName === 'string' && storeName.trim() !== '') continue;
        // An environment that switches the backend on in its own file is where the store is missing,
        // even when the empty store name it inherits is written in values.yaml.
        const toggleLoc = values.locate(t.path);
        const storeLoc = values.locate(storePath);
        const loc = storeLoc && (storeLoc.path === values.file || toggleLoc?.path !== values.file) ? storeLoc : toggleLoc;
        if (!loc || !reportsValuesLine(ctx, loc.path)) continue;
        ctx.report({ location: loc, key: storePath.join('.'), message: `\`${block.join('.')}\` is enabled but \`${storePath.join('.')}\` is empty; set the SecretStore/ClusterSecretStore to sync from` });
      }
    }

    if (!ctx.isProd) return;
    // Only an environment with credentials needs a backend: a Secret of its own, a pod reading one, or
    // a pod holding literal credentials, which hardcoded-credential-in-config's fix makes read one.
    const consumers = [
      ...ctx.objects.filter((o) => o.ref.kind === 'Secret' && o.object.type !== 'kubernetes.io/service-account-token'),
      ...workloadsOf(ctx.objects).filter((w) => secretRefsOf(w.pod).some((r) => r.via !== 'imagePullSecret') || literalEnvCredentials(ctx.config, w).length > 0).map((w) => w.target),
    ];
    if (consumers.length === 0) return;
    const backendObjects = BACKEND_KINDS.some((k) => ctx.index.byKind(k).length > 0) || secretProducers(ctx.objects).some(isSecretsManager);
    const enabledInValues = valuesToggles(values?.values, BACKEND_BLOCK).some((t) => t.value === true);
    if (backendObjects || enabledInValues) return;
    // Reported where a backend would be switched on: the values toggle, else the environment's values
    // file; without values, the first credential consumer (by kind and name, so the place is stable).
    const toggle = valuesToggles(values?.values, BACKEND_BLOCK)[0];
    const first = [...consumers].sort((a, b) => `${a.ref.kind}/${a.ref.name}`.localeCompare(`${b.ref.kind}/${b.ref.name}`))[0];
    const loc = (toggle && values ? values.locate(toggle.path) : undefined) ?? (values ? { path: values.file, line: 1 } : first.locate([]));
    ctx.report({
      location: loc,
      key: 'no-backend',
      message: `production environment "${ctx.environment}" has no external secrets backend (no InfisicalSecret, ExternalSecret, Vault secret or SealedSecret, and the values enable none) for the credentials of ${objectLabel(first)}${consumers.length > 1 ? ` and ${consumers.length - 1} more` : ''}: they would be plain Secrets`,
    });
  },
});
