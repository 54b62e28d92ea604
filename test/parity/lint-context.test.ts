// kube-linter's lint-context fixtures (tests/testdata): Kustomize roots rendered by the real
// kubectl kustomize, then checked by the parity rules through the engine. Upstream expects the
// first report of `mykustomize` to be on Deployment kustomize-test-deployment; ours must also land
// on the base file's lines, and the Service (selector app=test-app) must find the rendered pods.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parityRules } from '../../rules/parity/index.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import type { Finding } from '../../src/core/types.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { discover } from '../../src/workspace/discover.js';
import { DirSnapshot } from '../../src/workspace/dir-snapshot.js';
import { CONFORMANCE, fixturesPresent } from './harness.js';

const work = mkdtempSync(join(tmpdir(), 'gg-parity-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function scanKustomizeFixtures(): Promise<Finding[]> {
  for (const name of ['mykustomize', 'mykustomize-deprecated']) cpSync(join(CONFORMANCE, 'kube-linter/tests/testdata', name), join(work, name), { recursive: true });
  const snapshot = new DirSnapshot('fixtures', work);
  const discovery = discover(snapshot);
  const { findings } = await evaluate(discovery.units, discovery, snapshot, structuredClone(DEFAULT_CONFIG), parityRules);
  return findings;
}

describe.runIf(fixturesPresent)('kube-linter lint-context fixtures (Kustomize)', () => {
  it('reports the rendered Deployment at its base file lines, and no dangling Service', async () => {
    const findings = await scanKustomizeFixtures();
    expect(findings.filter((f) => f.ruleId === 'render-error')).toEqual([]);
    const own = findings.filter((f) => f.object?.name === 'kustomize-test-deployment');
    expect(own.length).toBeGreaterThanOrEqual(1);
    expect(own.find((f) => f.ruleId === 'readiness-probe-missing')).toMatchObject({ path: 'mykustomize/base/deployment.yaml', line: 18 });
    expect(own.find((f) => f.ruleId === 'container-resources-missing')).toMatchObject({ path: 'mykustomize/base/deployment.yaml', line: 18 });
    expect(findings.filter((f) => f.ruleId === 'service-selects-no-pods')).toEqual([]);
    // The deprecated `bases:` overlay renders the same objects under its own prefix.
    expect(findings.some((f) => f.object?.name === 'deprecated-kustomize-test-deployment' && f.ruleId === 'readiness-probe-missing')).toBe(true);
  });
});
