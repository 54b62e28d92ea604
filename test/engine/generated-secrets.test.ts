// Secrets a kustomize generator makes carry a hash of their content in their name: pods using one
// roll whenever it changes, and its name is the generator's, without the hash.
import { describe, expect, it } from 'vitest';
import { rulesFor } from '../../rules/index.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { discover } from '../../src/workspace/discover.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

const deploy = (secret: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels: {app: app}\n  template:\n    metadata:\n      labels: {app: app}\n    spec:\n      containers:\n        - name: app\n          image: app@sha256:${'0'.repeat(64)}\n          envFrom:\n            - secretRef:\n                name: ${secret}\n`;

async function findings(files: Record<string, string>) {
  const snapshot = MemorySnapshot.from('t', files);
  const discovery = discover(snapshot);
  return (await evaluate(discovery.units, discovery, snapshot, structuredClone(DEFAULT_CONFIG), rulesFor(DEFAULT_CONFIG))).findings;
}

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
