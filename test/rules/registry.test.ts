import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { allRules, rulesFor } from '../../rules/index.js';
import { DEFAULT_CONFIG, resolveConfig } from '../../src/config/config.js';
import { renderRulesMarkdown } from '../../src/engine/rule-docs.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/rule-meta.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

describe('rule registry', () => {
  it('holds rules', () => {
    expect(allRules.length).toBeGreaterThan(0);
  });
  it.each(allRules.map((r) => [r.meta.id, r] as const))('%s has valid metadata', (_id, rule) => {
    const ok = validate(rule.meta);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(typeof rule.check).toBe('function');
  });
  it('has unique ids', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
  it('rejects bad metadata (the schema is not vacuous)', () => {
    expect(validate({ id: 'Bad_Id', title: 'x', severity: 'urgent', refs: [], rationale: '', remediation: '', category: 'misc' })).toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).toEqual(expect.arrayContaining(['/id', '/severity', '/refs', '/category']));
  });
  it('every seed control GAP-1…GAP-10 and REQ-426…REQ-435 is enforced by some rule', () => {
    const refs = new Set(allRules.flatMap((r) => r.meta.refs));
    const expected = [...Array.from({ length: 10 }, (_, i) => `GAP-${i + 1}`), ...Array.from({ length: 10 }, (_, i) => `REQ-${426 + i}`)];
    expect(expected.filter((r) => !refs.has(r))).toEqual([]);
  });
  it('rulesFor adds custom rules and refuses one that shadows a built-in id', () => {
    const config = resolveConfig({ customRules: [{ id: 'team-label', message: 'needs a team label', severity: 'low', kinds: ['Deployment'], match: { required: ['metadata'] } }] });
    expect(rulesFor(config).map((r) => r.meta.id)).toContain('team-label');
    expect(rulesFor(DEFAULT_CONFIG)).toHaveLength(allRules.length);
    const clash = resolveConfig({ customRules: [{ id: allRules[0].meta.id, message: 'm', severity: 'low', match: {} }] });
    expect(() => rulesFor(clash)).toThrow(/built-in/);
  });
});

describe('docs/rules.md', () => {
  it('is up to date with the rule metadata (regenerate: node --import tsx scripts/gen-rule-docs.ts)', () => {
    const current = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    expect(current).toBe(renderRulesMarkdown(allRules));
  });
  it('documents every rule', () => {
    const md = renderRulesMarkdown(allRules);
    for (const r of allRules) expect(md).toContain(`## ${r.meta.id}\n`);
  });
});
