// Shared helpers of the seed rules: workload iteration, namespace roles, secret references,
// credential-looking names, placeholders, durations and justification comments.
import picomatch from 'picomatch';
import type { FieldPath, RenderedObject } from '../../src/core/types.js';
import type { ResolvedConfig } from '../../src/config/config.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { containersOf, getIn, podSpecOf, type ContainerRef, type Json, type PodSpecRef } from '../../src/k8s/workloads.js';
import { isPlaceholder as isScannerPlaceholder } from '../../src/secrets/placeholders.js';

export interface Workload {
  target: RenderedObject;
  pod: PodSpecRef;
}

/** Objects of this render that carry a pod spec. */
export function workloadsOf(objects: RenderedObject[]): Workload[] {
  const out: Workload[] = [];
  for (const target of objects) {
    const pod = podSpecOf(target.object);
    if (pod) out.push({ target, pod });
  }
  return out;
}

/** The namespace an object lands in; undefined when it is left to the release / kubectl context. */
export function namespaceOf(o: RenderedObject): string | undefined {
  return o.ref.namespace || undefined;
}

const globMatchers = new Map<string, (name: string) => boolean>();

function globMatcher(glob: string): (name: string) => boolean {
  let m = globMatchers.get(glob);
  if (!m) globMatchers.set(glob, (m = picomatch(glob)));
  return m;
}

export function matchesAny(name: string | undefined, globs: string[]): boolean {
  if (!name) return false;
  return globs.some((g) => g === name || globMatcher(g)(name));
}

export function isJobNamespace(config: ResolvedConfig, ns: string | undefined): boolean {
  return matchesAny(ns, config.namespaces.jobs);
}

export function isPlatformNamespace(config: ResolvedConfig, ns: string | undefined): boolean {
  return matchesAny(ns, config.namespaces.platform) && !isJobNamespace(config, ns);
}

/** Job pods: Jobs, CronJobs and every pod in a job namespace. */
export function isJobWorkload(config: ResolvedConfig, o: RenderedObject): boolean {
  return o.ref.kind === 'Job' || o.ref.kind === 'CronJob' || isJobNamespace(config, namespaceOf(o));
}

export type SecretRefVia = 'envFrom' | 'secretKeyRef' | 'volume' | 'projected' | 'imagePullSecret';

export interface SecretRef {
  name: string;
  via: SecretRefVia;
  path: FieldPath;
  /** Env var name for secretKeyRef, volume name for volumes. */
  detail?: string;
  optional?: boolean;
}

/** Every Secret a pod spec references, with the field path of the reference. */
export function secretRefsOf(pod: PodSpecRef): SecretRef[] {
  const out: SecretRef[] = [];
  for (const c of containersOf(pod)) {
    (Array.isArray(c.container.envFrom) ? c.container.envFrom : []).forEach((e: Json, i: number) => {
      const name = e?.secretRef?.name;
      if (typeof name === 'string' && name) out.push({ name, via: 'envFrom', path: [...c.path, 'envFrom', i, 'secretRef', 'name'], optional: e.secretRef.optional === true });
    });
    (Array.isArray(c.container.env) ? c.container.env : []).forEach((e: Json, i: number) => {
      const ref = e?.valueFrom?.secretKeyRef;
      if (ref && typeof ref.name === 'string' && ref.name) out.push({ name: ref.name, via: 'secretKeyRef', path: [...c.path, 'env', i, 'valueFrom', 'secretKeyRef', 'name'], detail: String(e.name ?? ''), optional: ref.optional === true });
    });
  }
  (Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []).forEach((v: Json, i: number) => {
    if (typeof v?.secret?.secretName === 'string') out.push({ name: v.secret.secretName, via: 'volume', path: [...pod.path, 'volumes', i, 'secret', 'secretName'], detail: String(v.name ?? ''), optional: v.secret.optional === true });
    (Array.isArray(v?.projected?.sources) ? v.projected.sources : []).forEach((s: Json, j: number) => {
      if (typeof s?.secret?.name === 'string') out.push({ name: s.secret.name, via: 'projected', path: [...pod.path, 'volumes', i, 'projected', 'sources', j, 'secret', 'name'], detail: String(v.name ?? ''), optional: s.secret.optional === true });
    });
  });
  (Array.isArray(pod.spec.imagePullSecrets) ? pod.spec.imagePullSecrets : []).forEach((s: Json, i: number) => {
    if (typeof s?.name === 'string') out.push({ name: s.name, via: 'imagePullSecret', path: [...pod.path, 'imagePullSecrets', i, 'name'] });
  });
  return out;
}

const CREDENTIAL_NAME = /(pass(word|wd)?|secret|secret[_-]?key|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|credential|auth[_-]?key|session[_-]?key|signing[_-]?key|encryption[_-]?key|conn(ection)?[_-]?str(ing)?|database[_-]?url|dsn)$/i;
const NOT_CREDENTIAL = /(file|path|dir|ref|name|names|enabled|length|size|ttl|timeout|expir\w*|secretref|existing\w*|keyref|keys|mount\w*|type|kind|format|header|field|policy|id|url_?template)$/i;

/** Does an env var / values key name look like it holds a credential? (PASSWORD, apiKey, db_token…) */
export function looksLikeCredentialName(name: string): boolean {
  if (NOT_CREDENTIAL.test(name)) return /(database[_-]?url|dsn)$/i.test(name);
  return CREDENTIAL_NAME.test(name);
}

const PLACEHOLDER = /^(|changeme|change[-_ ]?me|replace[-_ ]?me|todo|tbd|xxx+|\*+|\.\.\.|<[^>]*>|\$\{[^}]*\}|\$\([^)]*\)|\{\{.*\}\}|%\(.*\)s|none|null|nil|dummy|example|placeholder|secret|password|redacted|-|your[-_ a-z]*)$/i;

/**
 * Values that are obviously not real secrets: empty, templated, angle-bracket or env placeholders,
 * what the secret scanner takes for one (references, AWS's example keys…), and an environment
 * variable's name standing in for the value (DEFINED_IN_VALUES_FILE).
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return PLACEHOLDER.test(v) || ENV_NAME.test(v) || isScannerPlaceholder(v);
}
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** Does a connection string embed a password (scheme://user:pass@host)? */
export function urlHasPassword(value: string): boolean {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/@\s:]+):([^/@\s]+)@/i.exec(value);
  return !!m && !isPlaceholder(m[2]);
}

/** Masks a literal for messages: never print a secret. */
export function redact(value: string): string {
  return value.length <= 4 ? '****' : `${value.slice(0, 2)}…(${value.length} chars)`;
}

/** Duration in seconds: 3600, "3600", "3600s", "1h", "90m", "2h30m", "1h0m0s", "1d". undefined when unparseable. */
export function parseDuration(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const re = /(\d+(?:\.\d+)?)(ms|d|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const n = Number(m[1]);
    total += m[2] === 'd' ? n * 86400 : m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : m[2] === 's' ? n : n / 1000;
    matched = re.lastIndex;
  }
  return matched === s.length && s.length > 0 ? total : undefined;
}

const SUPPRESSION = /gitops-guard:ignore/i;

/** A comment that explains something (not a bare suppression marker, not commented-out YAML keys only). */
export function hasJustification(comments: string[]): boolean {
  return comments.some((c) => {
    const t = c.replace(/^#+\s*/, '').trim();
    if (!t || SUPPRESSION.test(t)) return false;
    if (/^[\w.-]+:\s*\S*$/.test(t) && !/\s/.test(t.replace(/^[\w.-]+:\s*/, ''))) return t.split(/\s+/).length > 2;
    return /[a-z]{3,}/i.test(t);
  });
}

/** Annotations on the object or on its pod template. */
export function annotationOf(o: RenderedObject, key: string): string | undefined {
  const own = o.object.metadata?.annotations?.[key];
  if (typeof own === 'string') return own;
  const pod = podSpecOf(o.object);
  const t = pod?.metadata?.annotations?.[key];
  return typeof t === 'string' ? t : undefined;
}

/** Visits every scalar leaf of a values tree with its path. */
export function walkLeaves(value: unknown, visit: (path: FieldPath, leaf: unknown) => void, path: FieldPath = []): void {
  if (Array.isArray(value)) value.forEach((v, i) => walkLeaves(v, visit, [...path, i]));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walkLeaves(v, visit, [...path, k]);
  else visit(path, value);
}

export function containerLabel(c: ContainerRef): string {
  const kind = c.kind === 'initContainers' ? 'init container' : c.kind === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return `${kind} "${String(c.container.name ?? c.index)}"`;
}

/** A container as fingerprint keys name it: by its name, not its position in the list. */
export function containerKey(c: ContainerRef): string {
  return `${c.kind}:${String(c.container.name ?? c.index)}`;
}

export function objectLabel(o: RenderedObject): string {
  return `${o.ref.kind} ${o.ref.namespace ? `${o.ref.namespace}/` : ''}${o.ref.name}`;
}

/** Namespaces that hold at least one workload, over every object known at this ref. */
export function namespacesWithWorkloads(objects: RenderedObject[]): Map<string, RenderedObject[]> {
  const out = new Map<string, RenderedObject[]>();
  for (const o of objects) {
    if (!podSpecOf(o.object)) continue;
    const ns = namespaceOf(o);
    if (!ns) continue;
    if (!out.has(ns)) out.set(ns, []);
    out.get(ns)!.push(o);
  }
  return out;
}

export function optionStrings(ctx: RuleContext, key: string, fallback: string[] = []): string[] {
  const v = ctx.options[key];
  return Array.isArray(v) ? v.map(String) : fallback;
}

export function optionBoolean(ctx: RuleContext, key: string, fallback: boolean): boolean {
  const v = ctx.options[key];
  return typeof v === 'boolean' ? v : fallback;
}

export { getIn };

export type SecretBackend = 'Secret' | 'ExternalSecret' | 'InfisicalSecret' | 'InfisicalDynamicSecret' | 'SealedSecret' | 'Vault' | 'Certificate';

/** Producers that sync credentials from a secrets manager (a cert-manager Certificate issues a TLS pair instead). */
export function isSecretsManager(p: SecretProducer): boolean {
  return p.backend !== 'Secret' && p.backend !== 'Certificate';
}

export interface SecretProducer {
  name: string;
  namespace?: string;
  backend: SecretBackend;
  source: RenderedObject;
}

const VAULT_SECRET_KINDS = new Set(['VaultStaticSecret', 'VaultDynamicSecret', 'VaultPKISecret']);

/** Every object in the repo that defines a Kubernetes Secret, with the Secret's name and namespace. */
// Every workload of every render asks about the same index: compute the producers once per list.
const producersCache = new WeakMap<RenderedObject[], SecretProducer[]>();

export function secretProducers(objects: RenderedObject[]): SecretProducer[] {
  const cached = producersCache.get(objects);
  if (cached) return cached;
  const out = findSecretProducers(objects);
  producersCache.set(objects, out);
  return out;
}

function findSecretProducers(objects: RenderedObject[]): SecretProducer[] {
  const out: SecretProducer[] = [];
  const push = (name: unknown, namespace: unknown, backend: SecretBackend, source: RenderedObject) => {
    if (typeof name === 'string' && name) out.push({ name, namespace: typeof namespace === 'string' && namespace ? namespace : namespaceOf(source), backend, source });
  };
  for (const o of objects) {
    const obj = o.object as Json;
    switch (o.ref.kind) {
      case 'Secret':
        if (!o.ref.apiVersion || o.ref.apiVersion === 'v1') push(o.ref.name, undefined, 'Secret', o);
        break;
      case 'ExternalSecret':
        push(getIn(obj, ['spec', 'target', 'name']) ?? o.ref.name, undefined, 'ExternalSecret', o);
        break;
      case 'InfisicalSecret':
      case 'InfisicalDynamicSecret': {
        const backend = o.ref.kind;
        const ref = getIn(obj, ['spec', 'managedSecretReference']);
        if (ref) push(ref.secretName, ref.secretNamespace, backend, o);
        const refs = getIn(obj, ['spec', 'managedKubeSecretReferences']);
        if (Array.isArray(refs)) for (const r of refs) push(r?.secretName, r?.secretNamespace, backend, o);
        break;
      }
      case 'Certificate':
        // cert-manager writes the issued key pair to spec.secretName, in the Certificate's namespace.
        if (/^cert-manager\.io\//.test(o.ref.apiVersion)) push(getIn(obj, ['spec', 'secretName']), undefined, 'Certificate', o);
        break;
      case 'SealedSecret':
        push(getIn(obj, ['spec', 'template', 'metadata', 'name']) ?? o.ref.name, getIn(obj, ['spec', 'template', 'metadata', 'namespace']), 'SealedSecret', o);
        break;
      default:
        if (VAULT_SECRET_KINDS.has(o.ref.kind)) push(getIn(obj, ['spec', 'destination', 'name']), undefined, 'Vault', o);
    }
  }
  return out;
}

/** Namespaces match when equal, or when either side is left to the deploy context. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** Values paths whose last two segments are `<block>.enabled` with block matching `blockRe`. */
export function valuesToggles(values: Record<string, unknown> | undefined, blockRe: RegExp): { path: FieldPath; value: unknown }[] {
  const out: { path: FieldPath; value: unknown }[] = [];
  if (!values) return out;
  walkLeaves(values, (path, leaf) => {
    if (path.length >= 2 && path[path.length - 1] === 'enabled' && blockRe.test(String(path[path.length - 2]))) out.push({ path, value: leaf });
  });
  return out;
}

/**
 * Findings on values lines that come from values.yaml are reported by the `default` render only,
 * so one chart line yields one finding, not one per environment.
 */
export function reportsValuesLine(ctx: RuleContext, file: string): boolean {
  if (!ctx.values || file === ctx.values.file) return true;
  return ctx.environment === 'default' || !ctx.unit.environments.includes('default');
}

/** The suffix kustomize's secretGenerator/configMapGenerator appends: a hash of the content in its own alphabet. */
const GENERATOR_HASH = /^(.+)-[bcdfghjklmnpqrstvwxz2456789]{10}$/;

/**
 * For the name of a Secret a kustomize generator makes with a content hash (its source is the
 * kustomization), the name without the hash; undefined for any other Secret. Pods using such a
 * Secret are rolled whenever its content changes, since the reference changes with the hash.
 */
export function generatedSecretBase(objects: RenderedObject[], name: string, namespace: string | undefined): string | undefined {
  const m = GENERATOR_HASH.exec(name);
  if (!m) return undefined;
  const generated = objects.some((o) => o.ref.kind === 'Secret' && o.ref.name === name && sameNamespace(o.ref.namespace, namespace) && /(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(o.source.path));
  return generated ? m[1] : undefined;
}
