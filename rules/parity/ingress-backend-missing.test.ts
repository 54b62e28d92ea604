import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './ingress-backend-missing.js';

const ingress = (backend: string, apiVersion = 'networking.k8s.io/v1') => `apiVersion: ${apiVersion}
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
${backend}
`;
const files = { 's.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{name: http, port: 80}]\n' };

describe('ingress-backend-missing', () => {
  it('flags a missing Service, a port the Service lacks and v1beta1 fields in a v1 Ingress', () => {
    const [f] = runRuleOn(rule, { yaml: ingress('              service: {name: shop, port: {number: 80}}'), files });
    expect(f).toMatchObject({ ruleId: 'ingress-backend-missing', line: 13 });
    expect(f.message).toContain('Service shop port 80, which is not defined');
    expect(runRuleOn(rule, { yaml: ingress('              service: {name: web, port: {number: 8080}}'), files })[0].message).toContain('does not expose it');
    expect(runRuleOn(rule, { yaml: ingress('              serviceName: web\n              servicePort: http'), files })[0].message).toContain('v1beta1 fields');
  });
  it('keeps the fingerprint when a path is inserted ahead', () => {
    const yaml = ingress('              service: {name: shop, port: {number: 80}}');
    const [before] = runRuleOn(rule, { yaml, files });
    const health = '          - path: /healthz\n            pathType: Exact\n            backend:\n              service: {name: web, port: {name: http}}\n';
    const [after] = runRuleOn(rule, { yaml: yaml.replace('        paths:\n', `        paths:\n${health}`), files });
    expect(after.line).toBe(before.line + 4);
    expect(after.fingerprint).toBe(before.fingerprint);
  });
  it('passes backends that exist, by number or name, in either API version', () => {
    expect(runRuleOn(rule, { yaml: ingress('              service: {name: web, port: {name: http}}'), files })).toEqual([]);
    expect(runRuleOn(rule, { yaml: ingress('              serviceName: web\n              servicePort: 80', 'networking.k8s.io/v1beta1'), files })).toEqual([]);
  });
});
