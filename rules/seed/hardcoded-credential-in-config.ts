// REQ-429 (configuration part): credentials written as literals in env values, ConfigMaps and Helm
// values instead of being referenced from a Secret. Raw secret patterns are src/secrets' business.
import type { FieldPath } from '../../src/core/types.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { readLines, replaceLinesFix, parseKeyLine } from '../../src/engine/fixes.js';
import { containersOf } from '../../src/k8s/workloads.js';
import { isCloudCredentialName } from './static-cloud-credentials-in-job.js';
import { containerLabel, isJobWorkload, isPlaceholder, looksLikeCredentialName, objectLabel, reportsValuesLine, secretRefsOf, urlHasPassword, walkLeaves, workloadsOf } from './support.js';
import { envSecretRefLines, secretKeyName } from '../../src/secrets/fix.js';
import { credentialsSecretName, environmentOf } from '../../src/secrets/names.js';

const REFERENCE_CONTEXT = /^(secretKeyRef|secretRef|valueFrom|existingSecret|existingSecrets|secretRefs?|credentialsRef|tokenSecretReference|envFrom)$/i;
const DNS_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Does this literal, under this key, look like a real credential (not a name, a reference or a placeholder)? */
export function isLiteralCredential(key: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  if (isPlaceholder(v) || /^\$\(|\{\{/.test(v)) return false;
  if (urlHasPassword(v)) return true;
  if (!looksLikeCredentialName(key)) return false;
  if (/(url|dsn|connection[_-]?string)$/i.test(key)) return urlHasPassword(v);
  // `fooSecret: my-app-secret` names a Secret; it is not one.
  if (/secret$/i.test(key) && !/client[_-]?secret$/i.test(key) && DNS_NAME.test(v) && v.includes('-')) return false;
  return v.length >= 3;
}

export default defineRule({
  meta: {
    id: 'hardcoded-credential-in-config',
    title: 'Credential written as a literal in configuration',
    severity: 'high',
    refs: ['REQ-429'],
    category: 'secrets',
    rationale: 'A password, token or API key in an env value, a ConfigMap or a Helm values file ends up in git history, in rendered manifests, in `kubectl describe` output and in CI logs. Credentials must be referenced (SecretReference), never written down.',
    remediation: 'Move the value into a Secret managed by the secrets backend and reference it: `valueFrom.secretKeyRef` (or `envFrom.secretRef`) for env vars, `existingSecret`-style keys for chart values. Rotate the exposed credential.',
    docs: 'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
    fixable: true,
  },
  check(ctx: RuleContext) {
    const severity = ctx.isProd ? 'critical' : undefined;
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      const job = isJobWorkload(ctx.config, target);
      const referenced = [...new Set(secretRefsOf(pod).filter((r) => r.via === 'envFrom' || r.via === 'secretKeyRef').map((r) => r.name))];
      for (const c of containersOf(pod)) {
        (Array.isArray(c.container.env) ? c.container.env : []).forEach((e: Record<string, unknown>, i: number) => {
          const name = String(e?.name ?? '');
          if (!isLiteralCredential(name, e?.value)) return;
          if (job && isCloudCredentialName(name)) return; // REQ-433 reports it, with its own advice
          const path: FieldPath = [...c.path, 'env', i, 'value'];
          const at = target.locate(path);
          // The Secret the pod already reads, else the REQ-435 name the secret scanner also suggests.
          const secretName = referenced.length === 1 ? referenced[0] : credentialsSecretName(target.ref.name, ctx.environment === 'default' ? environmentOf(at.path) : ctx.environment);
          ctx.report({
            target, path, severity, key: `${c.kind}:${c.index}:${name}`,
            message: `${objectLabel(target)}: ${containerLabel(c)} sets ${name} to a literal credential; reference it with valueFrom.secretKeyRef (Secret "${secretName}", key "${secretKeyName(name)}") and rotate it`,
            fix: envValueToSecretRef(ctx, at, secretName, name),
          });
        });
      }
    }
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

/** `value: literal` → `valueFrom: {secretKeyRef: {name, key}}` on the same env item, at the same indentation. */
function envValueToSecretRef(ctx: RuleContext, loc: { path: string; line: number }, secretName: string, key: string) {
  const file = readLines(ctx.snapshot, loc.path);
  const line = file?.lines[loc.line - 1];
  const kv = line === undefined ? undefined : parseKeyLine(line);
  if (!kv || kv.key !== 'value') return undefined;
  return replaceLinesFix(ctx.snapshot, loc.path, loc.line, loc.line, envSecretRefLines(kv.prefix, secretName, key), { description: `Read ${key} from Secret ${secretName} and rotate the exposed credential` });
}
