// REQ-432: Vault-issued credentials live at most an hour (Vault Secrets Operator CRDs and chart values).
import type { FieldPath, SourceLocation } from '../../src/core/types.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { replaceScalarFix } from '../../src/engine/fixes.js';
import { getIn } from '../../src/k8s/workloads.js';
import { objectLabel, parseDuration, reportsValuesLine, walkLeaves } from './support.js';

const TTL_KEY = /^(ttl|tokenTTL|token_ttl|tokenTtl|maxTTL|max_ttl|maxTtl|tokenMaxTTL|token_max_ttl|defaultLeaseTTL|default_lease_ttl|maxLeaseTTL|max_lease_ttl|refreshAfter|tokenExpirationSeconds|leaseTTL|lease_ttl)$/;
const VAULT_GROUP = /(^|\.)secrets\.hashicorp\.com\//;
const VAULT_KINDS = new Set(['VaultAuth', 'VaultAuthGlobal', 'VaultConnection', 'VaultDynamicSecret', 'VaultStaticSecret', 'VaultPKISecret']);

function formatLike(old: unknown, seconds: number): string | number {
  if (typeof old === 'number') return seconds;
  if (/^\d+$/.test(String(old).trim())) return String(seconds);
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : `${Math.round(seconds / 60)}m`;
}

export default defineRule({
  meta: {
    id: 'vault-credential-ttl',
    title: 'Vault credential TTL longer than one hour',
    severity: 'high',
    refs: ['REQ-432'],
    category: 'secrets',
    rationale: 'Dynamic credentials are only worth having when they expire quickly: a leaked token or database password with a day-long TTL is as good as a static one for the attacker. REQ-432 caps Vault credential TTLs at one hour.',
    remediation: 'Set ttl / refreshAfter / token TTLs to at most 1h (3600 seconds) in VaultAuth, VaultDynamicSecret and VaultStaticSecret resources and in the chart\'s vault values. Option `maxSeconds` changes the cap.',
    docs: 'https://developer.hashicorp.com/vault/docs/platform/k8s/vso/api-reference',
    fixable: true,
  },
  check(ctx: RuleContext) {
    const max = typeof ctx.options.maxSeconds === 'number' ? ctx.options.maxSeconds : 3600;
    const check = (value: unknown, where: string, report: (msg: string, fixValue?: string | number) => void) => {
      const secs = parseDuration(value);
      if (secs === undefined) report(`${where} has an unparseable duration ${JSON.stringify(value)}; use seconds or a Go duration like "1h"`);
      else if (secs > max) report(`${where} is ${JSON.stringify(value)} (${secs}s), above the ${max}s cap for Vault credentials`, formatLike(value, max));
    };
    for (const target of ctx.objects) {
      if (!VAULT_KINDS.has(target.ref.kind) || !VAULT_GROUP.test(`${target.ref.apiVersion}/`)) continue;
      walkLeaves(target.object.spec, (path, leaf) => {
        const key = String(path[path.length - 1]);
        if (!TTL_KEY.test(key) || leaf === null || leaf === '') return;
        const full: FieldPath = ['spec', ...path];
        check(leaf, `${objectLabel(target)} spec.${path.join('.')}`, (message, fixValue) => ctx.report({
          target, path: full, key: path.join('.'), message,
          fix: fixValue === undefined ? undefined : replaceScalarFix(ctx.snapshot, target.locate(full), fixValue, { expectKey: key, description: `Cap the TTL at ${max}s` }),
        }));
      });
      if (target.ref.kind === 'VaultStaticSecret' && getIn(target.object, ['spec', 'refreshAfter']) === undefined && getIn(target.object, ['spec', 'type']) !== 'kv-v2-sync') {
        ctx.report({ target, path: ['spec'], key: 'refreshAfter', severity: 'medium', message: `${objectLabel(target)} sets no spec.refreshAfter; the synced credential is never refreshed (set it to 1h or less)` });
      }
    }
    const values = ctx.values;
    if (!values) return;
    walkLeaves(values.values, (path, leaf) => {
      const key = String(path[path.length - 1]);
      if (!TTL_KEY.test(key) || !path.some((p) => /vault/i.test(String(p))) || leaf === null || leaf === '') return;
      const loc: SourceLocation | undefined = values.locate(path);
      if (!loc || !reportsValuesLine(ctx, loc.path)) return;
      check(leaf, `values \`${path.join('.')}\``, (message, fixValue) => ctx.report({
        location: loc, key: `values:${path.join('.')}`, message,
        fix: fixValue === undefined ? undefined : replaceScalarFix(ctx.snapshot, loc, fixValue, { expectKey: key, description: `Cap the TTL at ${max}s` }),
      }));
    });
  },
});
