// Secrets a kustomize generator makes carry a hash of their content in their name: pods using one
// roll whenever it changes, and its name is the generator's, without the hash.
import { describe, expect, it } from 'vitest';
import { evaluateFiles } from '../support/evaluate-files.js';

const deploy = (secret: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels: {app: app}\n  template:\n    metadata:\n      labels: {app: app}\n    spec:\n      containers:\n        - name: app\n          image: app@sha256:${'0'.repeat(64)}\n          envFrom:\n            - secretRef:\n                name: ${secret}\n`;

const findings = async (files: Record<string, string>) => (await evaluateFiles(files)).findings;

describe('generated Secrets', () => {
  it('need no Reloader, and are named without their hash', async () => {
    const out = await findings({
      'app/deploy.yaml': deploy('app-secret'),
      'app/kustomization.yaml': 'resources:\n  - deploy.yaml\nsecretGenerator:\n  - name: app-secret\n    envs:\n      - app.env\n',
      'app/app.env': 'LOG_LEVEL=debug\n',
    });
    expect(out.filter((f) => f.ruleId === 'secret-consumer-without-reloader')).toEqual([]);
    const naming = out.find((f) => f.ruleId === 'secret-reference-validation');
    expect(naming?.message).toContain('Secret "app-secret" does not follow');
    expect(naming?.message).not.toMatch(/app-secret-[a-z0-9]{10}/);
  });
  it('a Secret of a generator without the hash, or a plain one, still needs Reloader', async () => {
    const out = await findings({
      'app/deploy.yaml': deploy('app-secret'),
      'app/kustomization.yaml': 'resources:\n  - deploy.yaml\nsecretGenerator:\n  - name: app-secret\n    envs:\n      - app.env\n    options:\n      disableNameSuffixHash: true\n',
      'app/app.env': 'LOG_LEVEL=debug\n',
    });
    expect(out.filter((f) => f.ruleId === 'secret-consumer-without-reloader')).toHaveLength(1);
  });
});
