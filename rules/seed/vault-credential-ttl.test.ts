import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../test/support/rule-tester.js';
import { parseDuration } from './support.js';
import rule from './vault-credential-ttl.js';

const vds = (ttl: string) => `apiVersion: secrets.hashicorp.com/v1beta1
kind: VaultDynamicSecret
metadata:
  name: snowflake-dbt
  namespace: floe-jobs
spec:
  mount: database
  path: creds/snowflake-dbt
  params:
    ttl: ${ttl}
  destination:
    name: snowflake-prod-credentials
    create: true
`;

describe('vault-credential-ttl', () => {
  it('parses durations', () => {
    expect([3600, '3600', '1h', '90m', '2h30m', '1h0m0s', '45s', '1d'].map(parseDuration)).toEqual([3600, 3600, 3600, 5400, 9000, 3600, 45, 86400]);
    expect(parseDuration('soon')).toBeUndefined();
  });
  it('flags a TTL above one hour and caps it in the same style', () => {
    const [f] = runRuleOn(rule, { yaml: vds('"2h30m"') });
    expect(f).toMatchObject({ ruleId: 'vault-credential-ttl', refs: ['REQ-432'], line: 10, severity: 'high' });
    expect(f.fix).toMatchObject({ startLine: 10, endLine: 10, replacement: '    ttl: "1h"' });
    expect(runRuleOn(rule, { yaml: vds('7200') })[0].fix!.replacement).toBe('    ttl: 3600');
  });
  it('passes TTLs of one hour or less', () => {
    expect(runRuleOn(rule, { yaml: vds('"1h"') })).toEqual([]);
    expect(runRuleOn(rule, { yaml: vds('900') })).toEqual([]);
  });
  it('flags unparseable durations, static secrets without refreshAfter and long vault TTLs in values', () => {
    expect(runRuleOn(rule, { yaml: vds('forever') })[0].message).toContain('unparseable');
    const vss = 'apiVersion: secrets.hashicorp.com/v1beta1\nkind: VaultStaticSecret\nmetadata:\n  name: s\nspec:\n  type: kv-v2\n  path: floe/snowflake\n  destination:\n    name: x\n';
    expect(runRuleOn(rule, { yaml: vss })[0].message).toContain('refreshAfter');
    const values = 'vault:\n  role: floe\n  tokenTTL: 24h\n';
    const [f] = runRuleOn(rule, { yaml: 'kind: ConfigMap\nmetadata:\n  name: c\n', values, unit: { kind: 'helm', root: 'charts/floe' } });
    expect(f).toMatchObject({ path: 'charts/floe/values.yaml', line: 3, fix: { replacement: '  tokenTTL: 1h' } });
  });
});
