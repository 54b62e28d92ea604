import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './secret-consumer-without-reloader.js';

const deploy = (annotations = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dagster-daemon${annotations}
spec:
  template:
    spec:
      containers:
        - name: daemon
          image: dagster:1.7
          envFrom:
            - secretRef:
                name: snowflake-credentials
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: pg-credentials
                  key: password
`;

describe('secret-consumer-without-reloader', () => {
  it('flags a Deployment consuming Secrets without the Reloader annotation and inserts it', () => {
    const yaml = deploy();
    const [f] = runRuleOn(rule, { yaml });
    expect(f).toMatchObject({ ruleId: 'secret-consumer-without-reloader', refs: ['REQ-434'], line: 3 });
    expect(f.message).toContain('"snowflake-credentials", "pg-credentials"');
    expect(applyFix(yaml, f.fix!)).toContain('  name: dagster-daemon\n  annotations:\n    reloader.stakater.com/auto: "true"\nspec:');
  });
  it('flags Secrets missing from an explicit reload list and completes it', () => {
    const yaml = deploy('\n  annotations:\n    secret.reloader.stakater.com/reload: "snowflake-credentials"');
    const [f] = runRuleOn(rule, { yaml });
    expect(f.line).toBe(6);
    expect(f.fix!.replacement).toBe('    secret.reloader.stakater.com/reload: "snowflake-credentials,pg-credentials"');
  });
  it('passes Secrets whose Vault Secrets Operator resource restarts the workload itself (rolloutRestartTargets)', () => {
    const vault = (name: string, target: string) => `apiVersion: secrets.hashicorp.com/v1beta1\nkind: VaultDynamicSecret\nmetadata:\n  name: ${name}\nspec:\n  mount: database\n  path: creds/app\n  destination:\n    name: ${name}\n    create: true\n  rolloutRestartTargets:\n    - kind: Deployment\n      name: ${target}\n`;
    const both = { 'v1.yaml': vault('snowflake-credentials', 'dagster-daemon'), 'v2.yaml': vault('pg-credentials', 'dagster-daemon') };
    expect(runRuleOn(rule, { yaml: deploy(), files: both })).toEqual([]);
    const [f] = runRuleOn(rule, { yaml: deploy(), files: { 'v1.yaml': vault('snowflake-credentials', 'dagster-daemon'), 'v2.yaml': vault('pg-credentials', 'other-app') } });
    expect(f.message).toContain('consumes Secret "pg-credentials" but');
  });
  it('passes annotated workloads and Jobs', () => {
    expect(runRuleOn(rule, { yaml: deploy('\n  annotations:\n    reloader.stakater.com/auto: "true"') })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deploy().replace('apps/v1\nkind: Deployment', 'batch/v1\nkind: Job') })).toEqual([]);
  });
});
