import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './statefulset-service-name.js';

const sts = deployment({ kind: 'StatefulSet', name: 'db', labels: 'app: db', pod: '' }).replace('spec:\n  selector', 'spec:\n  serviceName: db\n  selector');
const svc = (clusterIP: string, selector = 'app: db') => `apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  clusterIP: ${clusterIP}\n  selector: {${selector}}\n  ports: [{port: 5432}]\n`;

describe('statefulset-service-name', () => {
  it('flags a governing Service that is missing, not headless or selects other pods', () => {
    const [f] = runRuleOn(rule, { yaml: sts });
    expect(f).toMatchObject({ ruleId: 'statefulset-service-name', refs: ['KS:statefulset-has-servicename'], line: 6 });
    expect(f.message).toContain('Service db is not defined');
    expect(runRuleOn(rule, { yaml: sts, files: { 's.yaml': svc('10.0.0.1') } })[0].message).toContain('not headless');
    expect(runRuleOn(rule, { yaml: sts, files: { 's.yaml': svc('None', 'app: web') } })[0].message).toContain('does not select');
  });
  it('passes a headless Service selecting the pods', () => {
    expect(runRuleOn(rule, { yaml: sts, files: { 's.yaml': svc('None') } })).toEqual([]);
  });
});
