// REQ-429 (configuration part): credentials written as literals in env values, ConfigMaps and Helm
// values instead of being referenced from a Secret. Raw secret patterns are src/secrets' business.
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import type { Fix } from '../../src/core/types.js';
import { containerLabel, namespaceOf, objectLabel, reportsValuesLine, walkLeaves, workloadsOf, type Workload } from './support.js';
import { credentialSecretOf, envFromSecretFix, envValuePath, isLiteralCredential, literalEnvCredentials, secretDeclared, type EnvCredential } from './env-credentials.js';

export { isLiteralCredential };

const REFERENCE_CONTEXT = /^(secretKeyRef|secretRef|valueFrom|existingSecret|existingSecrets|secretRefs?|credentialsRef|tokenSecretReference|envFrom)$/i;

export default defineRule({
  meta: {
    id: 'hardcoded-credential-in-config',
    title: 'Credential written as a literal in configuration',
    severity: 'high',
    refs: ['REQ-429'],
    category: 'secrets',
    rationale: 'A password, token or API key in an env value, a ConfigMap or a Helm values file ends up in git history, in rendered manifests, in `kubectl describe` output and in CI logs. Credentials must be referenced (SecretReference), never written down.',
    remediation: 'Move the value into a Secret managed by the secrets backend (declared in the repository: InfisicalSecret, ExternalSecret, SealedSecret) and reference it: `envFrom.secretRef` for env vars (REQ-430; the env var names become the Secret keys), `existingSecret`-style keys for chart values. Rotate the exposed credential.',
    docs: 'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
    fixable: true,
  },
  check(ctx: RuleContext) {
    const severity = ctx.isProd ? 'critical' : undefined;
    for (const w of workloadsOf(ctx.objects)) reportEnvCredentials(ctx, w, severity);
    for (const target of ctx.objects) {
      if (target.ref.kind !== 'ConfigMap') continue;
      const data = target.object.data;
      if (!data || typeof data !== 'object') continue;
      for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
        if (!isLiteralCredential(key, value)) continue;
        ctx.report({ target, path: ['data', key], severity, key: `cm:${key}`, message: `${objectLabel(target)} holds the credential "${key}" as plain ConfigMap data; move it to a Secret` });
      }
    }
    const values = ctx.values;
    if (!values) return;
    walkLeaves(values.values, (path, leaf) => {
      const key = String(path[path.length - 1]);
      if (typeof path[path.length - 1] === 'number' || path.some((p) => REFERENCE_CONTEXT.test(String(p)))) return;
      if (!isLiteralCredential(key, leaf)) return;
      const loc = values.locate(path);
      if (!loc || !reportsValuesLine(ctx, loc.path)) return;
      const parent = path.slice(0, -1).join('.');
      ctx.report({
        location: loc, severity, key: `values:${path.join('.')}`,
        message: `values \`${path.join('.')}\` holds a literal credential; reference an existing Secret instead (e.g. \`${parent ? `${parent}.` : ''}existingSecret\`) and rotate it`,
      });
    });
  },
});

/**
 * One finding per literal env credential. Their fix is one per container: every literal moves into
 * the same Secret, read through one envFrom.secretRef (REQ-430), so each finding carries the same
 * edit and a review shows one suggestion. That Secret must then exist: where nothing in the
 * repository creates it, the finding says so instead of hiding REQ-435's check. A reference to a
 * Secret nobody creates leaves the pod in CreateContainerConfigError, and only a person can put the
 * rotated credential into the secrets backend, so secret-reference-validation keeps reporting it
 * until that is declared; the comment announces it rather than surprise the reviewer.
 */
function reportEnvCredentials(ctx: RuleContext, w: Workload, severity: 'critical' | undefined): void {
  const credentials = literalEnvCredentials(ctx.config, w);
  if (credentials.length === 0) return;
  const { target } = w;
  const secretName = credentialSecretOf(ctx, w, credentials[0]);
  const undeclared = !secretDeclared(ctx, target, secretName);
  const declareNote = undeclared ? `; nothing in the repository creates Secret "${secretName}" yet: declare it for ${namespaceOf(target) ? `namespace ${namespaceOf(target)}` : 'its namespace'} (InfisicalSecret, ExternalSecret or SealedSecret), or secret-reference-validation reports it missing` : '';
  const fixes = new Map<EnvCredential['container'], Fix | undefined>();
  for (const c of new Set(credentials.map((x) => x.container))) {
    const names = credentials.filter((x) => x.container === c);
    const description = `Move ${names.map((x) => x.name).join(', ')} into Secret ${secretName}, read through envFrom.secretRef, and rotate the exposed credential${names.length > 1 ? 's' : ''}${undeclared ? `; declare ${secretName} through the secrets backend, it does not exist yet` : ''}`;
    fixes.set(c, envFromSecretFix(ctx.snapshot, target, c, names.map((x) => x.index), secretName, description));
  }
  for (const credential of credentials) {
    const { container: c, name } = credential;
    ctx.report({
      target, path: envValuePath(credential), severity, key: `${c.kind}:${String(c.container.name ?? c.index)}:${name}`,
      message: `${objectLabel(target)}: ${containerLabel(c)} sets ${name} to a literal credential; move it to Secret "${secretName}" under the key ${name}, read it with envFrom.secretRef and rotate it${declareNote}`,
      fix: fixes.get(c),
    });
  }
}
