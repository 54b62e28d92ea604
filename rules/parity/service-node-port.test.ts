import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './service-node-port.js';

const svc = (type: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: ${type}\n  selector: {app: web}\n  ports: [{port: 80}]\n`;

describe('service-node-port', () => {
  it('flags a NodePort Service', () => {
    expect(runRuleOn(rule, { yaml: svc('NodePort') })[0]).toMatchObject({ ruleId: 'service-node-port', severity: 'low', line: 5 });
  });
  it('passes ClusterIP', () => {
    expect(runRuleOn(rule, { yaml: svc('ClusterIP') })).toEqual([]);
  });
});
