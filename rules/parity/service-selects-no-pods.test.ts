import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './service-selects-no-pods.js';

const service = (selector: string, ns = 'shop') => `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${ns}
spec:
  selector: {${selector}}
  ports: [{port: 80, targetPort: 8080}]
`;

describe('service-selects-no-pods', () => {
  it('flags a Service whose selector matches no pod template in its namespace', () => {
    const files = { 'd.yaml': deployment({ namespace: 'shop' }) };
    const [f] = runRuleOn(rule, { yaml: service('app: wbe'), files });
    expect(f).toMatchObject({ ruleId: 'service-selects-no-pods', severity: 'medium', line: 7 });
    expect(f.message).toContain('app=wbe');
    expect(runRuleOn(rule, { yaml: service('app: web', 'other'), files })).toHaveLength(1);
  });
  it('passes a matching selector, selector-less and ExternalName Services', () => {
    expect(runRuleOn(rule, { yaml: service('app: web'), files: { 'd.yaml': deployment({ namespace: 'shop' }) } })).toEqual([]);
    expect(runRuleOn(rule, { yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec:\n  type: ExternalName\n  externalName: db.example.com\n' })).toEqual([]);
  });
});
