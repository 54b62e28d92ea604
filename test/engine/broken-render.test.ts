// A change that breaks a unit's render has not fixed that unit's findings, and has not deleted its
// objects from the cluster.
import { describe, expect, it } from 'vitest';
import { reviewChange } from '../../src/engine/review.js';
import { pullRequest } from '../hostile/support/change.js';

const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.25\n';

describe('a render the change breaks', () => {
  it('fixes nothing and deletes nothing', async () => {
    const base = { 'app/deploy.yaml': deploy, 'app/kustomization.yaml': 'resources:\n  - deploy.yaml\n' };
    const head = { ...base, 'app/kustomization.yaml': 'resources:\n  - deploy.yaml\npatches:\n  - path: typo.yaml\n' };
    const out = await reviewChange(pullRequest(base, head));
    expect(out.findings.filter((f) => f.ruleId === 'render-error').map((f) => [f.path, f.introduced])).toEqual([['app/kustomization.yaml', true]]);
    expect(JSON.stringify(out.checkRun)).not.toMatch(/fixed by this change/);
    expect(out.renderDiffs.map((d) => d.diff)).toEqual(['']);
    // Their review threads stay open: the findings are neither fixed nor gone.
    const atBase = await reviewChange(pullRequest({}, base));
    const fingerprints = atBase.findings.filter((f) => f.ruleId !== 'render-error').map((f) => f.fingerprint);
    expect(fingerprints.length).toBeGreaterThan(2);
    expect([...out.unsettled].sort()).toEqual([...fingerprints].sort());
  });
});
