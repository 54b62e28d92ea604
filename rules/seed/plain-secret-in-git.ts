// GAP-3: a plain `kind: Secret` with literal data committed to git (base64 is not encryption).
import type { FieldPath, RenderedObject, Severity } from '../../src/core/types.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { isPlaceholder, objectLabel, sameNamespace, secretProducers, walkLeaves } from './support.js';

const GENERATED_TYPES = new Set(['kubernetes.io/service-account-token']);
const BUMP: Record<Severity, Severity> = { info: 'low', low: 'medium', medium: 'high', high: 'critical', critical: 'critical' };

/** Shortest values string taken as a part of a composed value: shorter ones (`app`, `true`) occur in random strings by chance. */
const COMPOSED_MIN = 8;

/** A field's value, base64-decoded for `data`. */
function plainValue(v: unknown, base64: boolean): string {
  const s = String(v);
  if (!base64) return s;
  try {
    return Buffer.from(s, 'base64').toString('utf8');
  } catch {
    return s;
  }
}

/**
 * Whether the repository holds the value: the values of this environment or the file the field
 * maps to contain it. Asked only of values a template makes up at render time, which may still be
 * overridden from values (`.Values.password | default (randAlphaNum 16)`).
 */
function inRepository(ctx: RuleContext, target: RenderedObject, path: FieldPath, value: string): boolean {
  let found = false;
  walkLeaves(ctx.values?.values, (_, leaf) => {
    // A values string holding the value, or one the value is composed of (`printf "%s:%s" .user .password`).
    if (!found && typeof leaf === 'string' && (leaf.includes(value) || (leaf.length >= COMPOSED_MIN && value.includes(leaf)))) found = true;
  });
  return found || (ctx.snapshot.read(target.locate(path).path)?.includes(value) ?? false);
}

/** Keys of a Secret's data/stringData holding a literal: not a placeholder, and not made up by the template at render time. */
function literalKeys(ctx: RuleContext, target: RenderedObject, block: 'data' | 'stringData'): string[] {
  const entries = (target.object as Record<string, unknown>)[block];
  if (!entries || typeof entries !== 'object' || Array.isArray(entries)) return [];
  return Object.entries(entries as Record<string, unknown>)
    .filter(([key, v]) => {
      if (v === null || v === undefined) return false;
      const value = plainValue(v, block === 'data');
      if (isPlaceholder(value)) return false;
      return !(target.generatedAtRender?.([block, key]) && !inRepository(ctx, target, [block, key], value));
    })
    .map(([k]) => k);
}

export default defineRule({
  meta: {
    id: 'plain-secret-in-git',
    title: 'Plain Kubernetes Secret with literal values in git',
    severity: 'medium',
    refs: ['GAP-3'],
    category: 'secrets',
    rationale: 'Secret `data` is only base64-encoded: everyone with read access to the repository (and every clone, fork and CI log) has the credential, and it stays in git history after rotation. Kubernetes also stores it unencrypted in etcd unless the cluster enables encryption at rest.',
    remediation: 'Delete the Secret from git, rotate the credential, and sync it from a secrets manager: an InfisicalSecret (default backend), an ExternalSecret, a Vault*Secret, or a SealedSecret (encrypted for the cluster).',
    docs: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    fixable: false,
  },
  check(ctx: RuleContext) {
    const producers = secretProducers(ctx.index.all).filter((p) => p.backend !== 'Secret');
    for (const target of ctx.objects) {
      if (target.ref.kind !== 'Secret' || (target.ref.apiVersion && target.ref.apiVersion !== 'v1')) continue;
      const obj = target.object as Record<string, unknown>;
      if (GENERATED_TYPES.has(String(obj.type ?? ''))) continue;
      const dataKeys = literalKeys(ctx, target, 'data');
      const stringKeys = literalKeys(ctx, target, 'stringData');
      if (dataKeys.length + stringKeys.length === 0) continue;
      const managed = producers.find((p) => p.name === target.ref.name && sameNamespace(p.namespace, target.ref.namespace));
      let severity: Severity = 'medium';
      if (ctx.isProd) severity = BUMP[severity];
      if (!managed) severity = BUMP[severity];
      const keys = [...dataKeys, ...stringKeys];
      const where = managed
        ? `; ${managed.backend} ${managed.source.ref.name} already manages this Secret, so delete the literal copy`
        : '; no InfisicalSecret, ExternalSecret, SealedSecret or Vault secret produces it — move it to a secrets manager';
      ctx.report({
        target,
        path: [dataKeys.length > 0 ? 'data' : 'stringData'],
        severity,
        message: `${objectLabel(target)} stores ${keys.length} literal value${keys.length > 1 ? 's' : ''} (${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}) in git${ctx.isProd ? ' for production' : ''}${where}`,
      });
    }
  },
});
