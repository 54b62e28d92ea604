// Literal credentials in container env (REQ-429) and the fix that moves them into a Secret read
// through envFrom.secretRef, the injection style REQ-430 asks for. Shared by the rule reporting them
// and by the rules that must already count the Secret that fix points at (REQ-434 Reloader, GAP-7
// backend), so that accepting the fix brings no finding the review did not already show.
import type { FieldPath, Fix, RenderedObject, Snapshot } from '../../src/core/types.js';
import type { ResolvedConfig } from '../../src/config/config.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { indentOf, parseKeyLine, readLines, replaceLinesFix, splitValueAndComment } from '../../src/engine/fixes.js';
import { containersOf, type ContainerRef } from '../../src/k8s/workloads.js';
import { ROTATE_NOTE } from '../../src/secrets/fix.js';
import { credentialsSecretName, environmentOf } from '../../src/secrets/names.js';
import { isCloudCredentialName } from './static-cloud-credentials-in-job.js';
import { isJobWorkload, isPlaceholder, looksLikeCredentialName, namespaceOf, sameNamespace, secretProducers, secretRefsOf, urlHasPassword, type Workload } from './support.js';

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

export interface EnvCredential {
  container: ContainerRef;
  /** Index of the env item. */
  index: number;
  name: string;
}

/** The env items of a pod set to a literal credential (static cloud keys of a job are REQ-433's). */
export function literalEnvCredentials(config: ResolvedConfig, { target, pod }: Workload): EnvCredential[] {
  const job = isJobWorkload(config, target);
  return containersOf(pod).flatMap((container) => (Array.isArray(container.container.env) ? container.container.env : [])
    .map((e: Record<string, unknown>, index: number) => ({ container, index, name: String(e?.name ?? ''), value: e?.value }))
    .filter((e: EnvCredential & { value: unknown }) => isLiteralCredential(e.name, e.value) && !(job && isCloudCredentialName(e.name)))
    .map(({ container: c, index, name }: EnvCredential) => ({ container: c, index, name })));
}

export function envValuePath(c: EnvCredential): FieldPath {
  return [...c.container.path, 'env', c.index, 'value'];
}

/** The Secret the pod's literal credentials belong in: the one it already reads, else {service}-{environment}-credentials (REQ-435). */
export function credentialSecretOf(ctx: RuleContext, { target, pod }: Workload, credential: EnvCredential): string {
  const referenced = [...new Set(secretRefsOf(pod).filter((r) => r.via === 'envFrom' || r.via === 'secretKeyRef').map((r) => r.name))];
  if (referenced.length === 1) return referenced[0];
  const environment = ctx.environment === 'default' ? environmentOf(target.locate(envValuePath(credential)).path) : ctx.environment;
  return credentialsSecretName(target.ref.name, environment);
}

/** Whether the repository declares the Secret for the workload's namespace (the check REQ-435's rule makes). */
export function secretDeclared(ctx: RuleContext, target: RenderedObject, name: string): boolean {
  return secretProducers(ctx.index.all).some((p) => p.name === name && sameNamespace(p.namespace, namespaceOf(target)));
}


/** The lines of `key:` with a block value below it, or undefined for any other shape. */
function blockKeyLine(lines: string[], line: number, key: string): { pad: string } | undefined {
  const kv = parseKeyLine(lines[line - 1] ?? '');
  if (!kv || kv.key !== key || /-/.test(kv.prefix) || splitValueAndComment(kv.rest)?.value !== '') return undefined;
  return { pad: kv.prefix };
}

/**
 * Removes the env items `indices` of container `c` and makes the container read `secretName` through
 * envFrom.secretRef instead (appended to its envFrom, or a new envFrom written above env): one edit of
 * the lines from the first to the last line touched. Keys become the variable names, so the Secret
 * holds them under those names. Undefined when the text is not plain block YAML.
 */
export function envFromSecretFix(snapshot: Snapshot, target: RenderedObject, c: ContainerRef, indices: number[], secretName: string, description: string): Fix | undefined {
  const env: unknown[] = c.container.env;
  const envLoc = target.locate([...c.path, 'env']);
  const lines = readLines(snapshot, envLoc.path)?.lines;
  const envKey = lines && blockKeyLine(lines, envLoc.line, 'env');
  if (!lines || !envKey || envLoc.endLine === undefined) return undefined;
  const items = env.map((_, i) => target.locate([...c.path, 'env', i]));
  if (items.some((l) => l.path !== envLoc.path || l.line <= envLoc.line || (l.endLine ?? l.line) > envLoc.endLine!)) return undefined;
  const itemPad = ' '.repeat(indentOf(lines[items[0].line - 1]));
  const envEmpties = indices.length === env.length;
  const edits = new Map<number, string[]>();
  for (const i of indices) for (let n = items[i].line; n <= (items[i].endLine ?? items[i].line); n++) edits.set(n, []);
  const entry = (pad: string) => [`${pad}# ${ROTATE_NOTE}`, `${pad}- secretRef:`, `${pad}    name: ${secretName}`];
  const envFrom = c.container.envFrom;
  if (Array.isArray(envFrom) && envFrom.some((e) => e?.secretRef?.name === secretName)) {
    edits.set(items[Math.min(...indices)].line, [`${envEmpties ? envKey.pad : itemPad}# ${ROTATE_NOTE}`]);
  } else if (envFrom !== undefined) {
    if (!Array.isArray(envFrom) || envFrom.length === 0) return undefined;
    const fromLoc = target.locate([...c.path, 'envFrom']);
    const last = target.locate([...c.path, 'envFrom', envFrom.length - 1]);
    if (fromLoc.path !== envLoc.path || last.path !== envLoc.path || !blockKeyLine(lines, fromLoc.line, 'envFrom')) return undefined;
    const end = last.endLine ?? last.line;
    edits.set(end, [lines[end - 1], ...entry(' '.repeat(indentOf(lines[last.line - 1])))]);
  } else {
    edits.set(envLoc.line, [`${envKey.pad}envFrom:`, ...entry(itemPad), ...(envEmpties ? [] : [lines[envLoc.line - 1]])]);
  }
  if (envEmpties && !edits.has(envLoc.line)) edits.set(envLoc.line, []);
  const start = Math.min(...edits.keys());
  const end = Math.max(...edits.keys());
  const replacement: string[] = [];
  for (let n = start; n <= end; n++) replacement.push(...(edits.get(n) ?? [lines[n - 1]]));
  return replaceLinesFix(snapshot, envLoc.path, start, end, replacement, { description });
}
