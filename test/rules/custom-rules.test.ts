import { describe, expect, it } from 'vitest';
import { customRulesFromConfig, CustomRuleError } from '../../src/engine/custom-rules.js';
import { runRuleOn } from '../support/rule-tester.js';

const [teamLabel] = customRulesFromConfig([{
  id: 'require-team-label',
  message: 'Deployments must carry a team label',
  severity: 'low',
  kinds: ['Deployment'],
  match: { type: 'object', required: ['metadata'], properties: { metadata: { type: 'object', required: ['labels'], properties: { labels: { type: 'object', required: ['team'] } } } } },
}]);

const deploy = (labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
${labels}
spec: {}
`;

describe('custom rules (JSON Schema, Polaris style)', () => {
  it('reports an object that does not satisfy the schema, at the deepest failing field', () => {
    const [f] = runRuleOn(teamLabel, { yaml: deploy('    app: web') });
    expect(f).toMatchObject({ ruleId: 'require-team-label', refs: ['CUSTOM:require-team-label'], severity: 'low', line: 5 });
    expect(f.message).toBe('Deployments must carry a team label (metadata.labels is missing "team")');
  });
  it('passes a matching object and ignores other kinds', () => {
    expect(runRuleOn(teamLabel, { yaml: deploy('    team: data') })).toEqual([]);
    expect(runRuleOn(teamLabel, { yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n' })).toEqual([]);
  });
  it('supports formats and patterns', () => {
    const [r] = customRulesFromConfig([{ id: 'owner-email', message: 'owner must be an email', severity: 'info', match: { properties: { metadata: { properties: { annotations: { properties: { owner: { type: 'string', format: 'email' } } } } } } } }]);
    expect(runRuleOn(r, { yaml: 'kind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    owner: nobody\n' })[0].line).toBe(5);
    expect(runRuleOn(r, { yaml: 'kind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    owner: a@b.io\n' })).toEqual([]);
  });
  it('names the rule on an invalid schema or a duplicate id', () => {
    expect(() => customRulesFromConfig([{ id: 'bad', message: 'm', severity: 'low', match: { type: 'nonsense' } }])).toThrow(CustomRuleError);
    expect(() => customRulesFromConfig([{ id: 'bad', message: 'm', severity: 'low', match: { type: 'nonsense' } }])).toThrow(/custom rule "bad"/);
    const dup = { id: 'x', message: 'm', severity: 'low' as const, match: {} };
    expect(() => customRulesFromConfig([dup, dup])).toThrow(/defined twice/);
  });
});
