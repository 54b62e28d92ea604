// GAP-3: a plain `kind: Secret` with literal data committed to git (base64 is not encryption).
import type { Severity } from '../../src/core/types.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { isPlaceholder, objectLabel, sameNamespace, secretProducers } from './support.js';

const GENERATED_TYPES = new Set(['kubernetes.io/service-account-token']);
const BUMP: Record<Severity, Severity> = { info: 'low', low: 'medium', medium: 'high', high: 'critical', critical: 'critical' };

function literalKeys(block: unknown, base64: boolean): string[] {
  if (!block || typeof block !== 'object' || Array.isArray(block)) return [];
  return Object.entries(block as Record<string, unknown>)
    .filter(([, v]) => {
      if (v === null || v === undefined) return false;
      let s = String(v);
      if (base64) {
        try { s = Buffer.from(s, 'base64').toString('utf8'); } catch { /* keep raw */ }
      }
      return !isPlaceholder(s);
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
      const dataKeys = literalKeys(obj.data, true);
      const stringKeys = literalKeys(obj.stringData, false);
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
