import { describe, expect, it } from 'vitest';
import { dbtJob } from '../../test/support/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule, { isCloudCredentialName } from './static-cloud-credentials-in-job.js';

const job = dbtJob;

describe('static-cloud-credentials-in-job', () => {
  it('knows cloud credential variable names', () => {
    expect(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'S3_SECRET_KEY', 'MINIO_SECRET_KEY', 'LAKE_S3_ACCESS_KEY'].every(isCloudCredentialName)).toBe(true);
    expect(['AWS_REGION', 'S3_ENDPOINT', 'SNOWFLAKE_PASSWORD'].some(isCloudCredentialName)).toBe(false);
  });
  it('flags literal keys as critical and Secret-backed keys as high, without echoing values', () => {
    const findings = runRuleOn(rule, { yaml: job(`          env:
            - name: AWS_ACCESS_KEY_ID
              value: AKIAZ7VQ3KXHN2LT5RWE
            - name: AWS_SECRET_ACCESS_KEY
              valueFrom:
                secretKeyRef:
                  name: s3-keys
                  key: secret
`) });
    expect(findings.map((f) => [f.ruleId, f.refs[0], f.severity, f.line])).toEqual([
      ['static-cloud-credentials-in-job', 'REQ-433', 'critical', 14],
      ['static-cloud-credentials-in-job', 'REQ-433', 'high', 17],
    ]);
    expect(findings[0].message).not.toContain('AKIA');
  });
  it('flags envFrom of a Secret in the repo that holds cloud keys', () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: lake\n  namespace: floe-jobs\nstringData:\n  AWS_ACCESS_KEY_ID: x\n';
    const [f] = runRuleOn(rule, { yaml: job('          envFrom:\n            - secretRef:\n                name: lake\n'), files: { 's.yaml': secret } });
    expect(f.message).toContain('AWS_ACCESS_KEY_ID');
  });
  it('keeps the fingerprint of an envFrom finding when another source is listed ahead', () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: lake\n  namespace: floe-jobs\nstringData:\n  AWS_ACCESS_KEY_ID: x\n';
    const lake = '            - secretRef:\n                name: lake\n';
    const fingerprints = (sources: string) => runRuleOn(rule, { yaml: job(`          envFrom:\n${sources}`), files: { 's.yaml': secret } }).map((f) => f.fingerprint);
    expect(fingerprints(lake)).toHaveLength(1);
    expect(fingerprints(`            - configMapRef:\n                name: settings\n${lake}`)).toEqual(fingerprints(lake));
  });
  it('passes jobs without static keys and non-job workloads', () => {
    expect(runRuleOn(rule, { yaml: job('          env:\n            - name: AWS_REGION\n              value: eu-west-1\n') })).toEqual([]);
    const deploy = job('          env:\n            - name: AWS_ACCESS_KEY_ID\n              value: AKIAZ7VQ3KXHN2LT5RWE\n').replace('batch/v1\nkind: Job', 'apps/v1\nkind: Deployment').replace('floe-jobs', 'floe-platform');
    expect(runRuleOn(rule, { yaml: deploy })).toEqual([]);
  });
});
