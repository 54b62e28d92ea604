// REQ-435: every Secret a workload references is defined in the repo for its namespace, and
// credentials follow `{service}-{environment}-credentials`.
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { generatedSecretBase, namespaceOf, objectLabel, optionBoolean, optionStrings, sameNamespace, secretProducers, secretRefsOf, workloadsOf } from './support.js';

const DEFAULT_ENVIRONMENTS = ['dev', 'development', 'test', 'qa', 'stage', 'staging', 'uat', 'preprod', 'prod', 'production', 'sandbox', 'local', 'ci'];
const NOT_CREDENTIALS = /(^|-)(tls|certs?|ca|ssl|pki|registry|regcred|docker|dockerconfig|pull|image-pull|token|sa|serviceaccount|webhook|cosign|gpg|ssh)(-|$)|-token-[a-z0-9]{5}$/;
const NON_CREDENTIAL_TYPES = new Set(['kubernetes.io/tls', 'kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg', 'kubernetes.io/service-account-token', 'kubernetes.io/ssh-auth', 'bootstrap.kubernetes.io/token']);
const PROD_ALIASES = new Set(['prod', 'production', 'prd']);

function sameEnvironment(a: string, b: string): boolean {
  return a === b || (PROD_ALIASES.has(a) && PROD_ALIASES.has(b)) || (a.startsWith('dev') && b.startsWith('dev')) || (a.startsWith('stag') && b.startsWith('stag'));
}

export default defineRule({
  meta: {
    id: 'secret-reference-validation',
    title: 'Referenced Secret missing from the repo or not named {service}-{environment}-credentials',
    severity: 'high',
    refs: ['REQ-435'],
    category: 'secrets',
    rationale: 'A pod that references a Secret nobody creates stays in CreateContainerConfigError after the deploy; catching it in review is cheaper. The `{service}-{environment}-credentials` convention makes it obvious which environment a credential belongs to, and exposes a production release wired to a dev credential.',
    remediation: 'Declare the Secret for that namespace (InfisicalSecret managedSecretReference, ExternalSecret target, SealedSecret, Vault*Secret destination) and name credentials `{service}-{environment}-credentials`. Options: `naming` (false to skip the naming check), `pattern` (custom regex), `environments`, `ignore` (Secret names or globs created outside git), `checkImagePullSecrets`.',
    docs: 'https://kubernetes.io/docs/concepts/configuration/secret/',
    fixable: false,
  },
  check(ctx: RuleContext) {
    const producers = secretProducers(ctx.index.all);
    const naming = optionBoolean(ctx, 'naming', true);
    const envs = optionStrings(ctx, 'environments', [...DEFAULT_ENVIRONMENTS, ...ctx.config.prodEnvironments]);
    const ignore = optionStrings(ctx, 'ignore');
    const checkPull = optionBoolean(ctx, 'checkImagePullSecrets', false);
    const custom = typeof ctx.options.pattern === 'string' ? new RegExp(ctx.options.pattern) : undefined;
    const convention = new RegExp(`^([a-z0-9]+(?:-[a-z0-9]+)*)-(${envs.map((e) => e.replace(/[^a-z0-9]/gi, '')).join('|')})-credentials$`);
    const ignored = (name: string) => ignore.some((g) => g === name || (g.includes('*') && new RegExp(`^${g.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(name)));

    for (const { target, pod } of workloadsOf(ctx.objects)) {
      const ns = namespaceOf(target);
      const seen = new Set<string>();
      for (const ref of secretRefsOf(pod)) {
        if (ref.via === 'imagePullSecret' && !checkPull) continue;
        if (seen.has(`${ref.via}:${ref.name}`) || ignored(ref.name)) continue;
        seen.add(`${ref.via}:${ref.name}`);
        const defined = producers.filter((p) => p.name === ref.name && sameNamespace(p.namespace, ns));
        if (defined.length === 0 && !ref.optional) {
          ctx.report({
            target, path: ref.path, key: `missing:${ref.name}`,
            message: `${objectLabel(target)} references Secret "${ref.name}"${ns ? ` in namespace ${ns}` : ''}, which no Secret, InfisicalSecret, ExternalSecret, SealedSecret, Vault secret or cert-manager Certificate in the repository defines`,
          });
        }
        if (!naming || ref.via === 'imagePullSecret' || NOT_CREDENTIALS.test(ref.name)) continue;
        if (defined.some((p) => NON_CREDENTIAL_TYPES.has(String((p.source.object as Record<string, unknown>).type ?? '')))) continue;
        if (ref.via === 'volume' || ref.via === 'projected') {
          if (!/credential|password|secret|auth/i.test(ref.name)) continue;
        }
        if (custom) {
          if (!custom.test(ref.name)) ctx.report({ target, path: ref.path, key: `naming:${ref.name}`, severity: 'low', message: `Secret "${ref.name}" does not match the naming pattern ${custom.source}` });
          continue;
        }
        // A generated Secret is named in its generator, without the hash kustomize appends.
        const name = generatedSecretBase(ctx.index.all, ref.name, ns) ?? ref.name;
        const m = convention.exec(name);
        if (!m) {
          ctx.report({ target, path: ref.path, key: `naming:${ref.name}`, severity: 'low', message: `Secret "${name}" does not follow {service}-{environment}-credentials (e.g. "${name.replace(/-(credentials?|secrets?|creds)$/, '')}-${ctx.environment === 'default' ? 'dev' : ctx.environment}-credentials")` });
        } else if (ctx.environment !== 'default' && envs.includes(ctx.environment) && !sameEnvironment(m[2], ctx.environment)) {
          ctx.report({ target, path: ref.path, key: `env:${ref.name}`, severity: ctx.isProd ? 'high' : 'medium', message: `the ${ctx.environment} release of ${objectLabel(target)} uses Secret "${ref.name}", named for environment "${m[2]}"` });
        }
      }
    }
  },
});
