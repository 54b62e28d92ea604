import { describe, expect, it } from 'vitest';
import { dbtJob } from '../../test/support/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './secret-injection-style.js';

const job = dbtJob;

describe('secret-injection-style', () => {
  it('flags per-key secretKeyRef injection once per Secret', () => {
    const findings = runRuleOn(rule, { yaml: job(`          env:
            - name: SNOWFLAKE_USER
              valueFrom:
                secretKeyRef: {name: snowflake-dev-credentials, key: SNOWFLAKE_USER}
            - name: SNOWFLAKE_PW
              valueFrom:
                secretKeyRef: {name: snowflake-dev-credentials, key: SNOWFLAKE_PASSWORD}
`) });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'secret-injection-style', refs: ['REQ-430'], severity: 'low', line: 13 });
    expect(findings[0].message).toContain('SNOWFLAKE_PASSWORD → SNOWFLAKE_PW');
  });
  it('keeps the fingerprint when the first of the keys is moved away', () => {
    const user = '            - name: SNOWFLAKE_USER\n              valueFrom:\n                secretKeyRef: {name: snowflake-dev-credentials, key: SNOWFLAKE_USER}\n';
    const password = '            - name: SNOWFLAKE_PW\n              valueFrom:\n                secretKeyRef: {name: snowflake-dev-credentials, key: SNOWFLAKE_PASSWORD}\n';
    const [both] = runRuleOn(rule, { yaml: job(`          env:\n${user}${password}`) });
    const [one] = runRuleOn(rule, { yaml: job(`          env:\n${password}`) });
    expect(one.fingerprint).toBe(both.fingerprint);
  });
  it('flags a Secret mounted as files without a reason, passes certificates and justified mounts', () => {
    const vol = (comment: string, name = 'creds') => job(`          volumeMounts:
            - name: ${name}
              mountPath: /etc/app
      volumes:
${comment}        - name: ${name}
          secret:
            secretName: app-dev-credentials
`);
    const [f] = runRuleOn(rule, { yaml: vol('') });
    expect(f).toMatchObject({ line: 16, severity: 'low' });
    expect(runRuleOn(rule, { yaml: vol('        # the JDBC driver only reads credentials from a properties file\n') })).toEqual([]);
    expect(runRuleOn(rule, { yaml: vol('', 'tls-certs') })).toEqual([]);
  });
  it('passes envFrom', () => {
    expect(runRuleOn(rule, { yaml: job('          envFrom:\n            - secretRef:\n                name: snowflake-dev-credentials\n') })).toEqual([]);
  });
});
