// An overlay that fails to build does not hide the findings of the bases it pulls in: each is
// rendered on its own as a stand-in (src/engine/stand-ins.ts), and a review compares it with itself
// (src/engine/stand-in-delta.ts).
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { rulesFor } from '../../rules/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { reviewChange } from '../../src/engine/review.js';
import { discover } from '../../src/workspace/discover.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';
import { pullRequest } from '../hostile/support/change.js';

const deploy = (name: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n          securityContext: {privileged: true}\n`;
const base = { 'base/deployment.yaml': deploy('web'), 'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n' };
const broken = 'namespace: prod\nresources:\n  - ../../base\npatches:\n  - path: typo.yaml\n';

async function scan(files: Record<string, string>): Promise<{ units: string[]; findings: Finding[] }> {
  const snapshot = MemorySnapshot.from('t', files);
  const discovery = discover(snapshot);
  const { renders, findings } = await evaluate(discovery.units, discovery, snapshot, DEFAULT_CONFIG, rulesFor(DEFAULT_CONFIG));
  return { units: renders.map((r) => r.unit.id), findings };
}
const ruleFindings = (findings: Finding[], path: string): string[] => findings.filter((f) => f.path === path && f.ruleId !== 'render-error').map((f) => `${f.ruleId}:${f.line}`).sort();

describe('a failed overlay hands its bases over as stand-ins', () => {
  it('keeps the overlay\'s render-error and reports the base\'s findings, exactly as the base rendered alone', async () => {
    const { units, findings } = await scan({ ...base, 'overlays/prod/kustomization.yaml': broken });
    expect(units).toEqual(['overlays/prod', 'base']);
    expect(findings.filter((f) => f.ruleId === 'render-error').map((f) => [f.path, f.line, f.unit])).toEqual([['overlays/prod/kustomization.yaml', 5, 'overlays/prod']]);
    const alone = await scan({ ...base, 'base/kustomization.yaml': base['base/kustomization.yaml'] });
    expect(ruleFindings(findings, 'base/deployment.yaml')).toEqual(ruleFindings(alone.findings, 'base/deployment.yaml'));
    expect(ruleFindings(findings, 'base/deployment.yaml')).toEqual(expect.arrayContaining(['image-not-pinned-by-digest:14', expect.stringMatching(/^pss-privileged:/)]));
  });

  it('renders a base shared by two failed overlays once, and none that an overlay rendering fine already covers', async () => {
    const twoBroken = await scan({ ...base, 'overlays/prod/kustomization.yaml': broken, 'overlays/dev/kustomization.yaml': broken });
    expect(twoBroken.units.sort()).toEqual(['base', 'overlays/dev', 'overlays/prod']);
    const oneFine = await scan({ ...base, 'overlays/prod/kustomization.yaml': broken, 'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n' });
    expect(oneFine.units.sort()).toEqual(['overlays/dev', 'overlays/prod']);
    const pinned = oneFine.findings.filter((f) => f.ruleId === 'image-not-pinned-by-digest');
    expect(pinned.map((f) => [f.path, f.unit])).toEqual([['base/deployment.yaml', 'overlays/dev']]);
  });

  it('skips a base that holds the failure itself and tries its own bases; a middle layer without it stands in for everything below', async () => {
    const layered = {
      'common/deployment.yaml': deploy('common'),
      'common/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'mid/kustomization.yaml': 'resources:\n  - ../common\n  - ../base\n',
      ...base,
    };
    // the error sits in base: base would fail the same way, common and the rest of mid would not
    const inBase = await scan({ ...layered, 'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - missing.yaml\n', 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../mid\n' });
    expect(inBase.units).toEqual(['overlays/prod', 'common']);
    expect(inBase.findings.filter((f) => f.ruleId === 'render-error').map((f) => `${f.path}:${f.line}`)).toEqual(['base/kustomization.yaml:3']);
    // the error sits in the overlay: mid renders common and base
    const inOverlay = await scan({ ...layered, 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../mid\npatches:\n  - path: typo.yaml\n' });
    expect(inOverlay.units).toEqual(['overlays/prod', 'mid']);
    expect(ruleFindings(inOverlay.findings, 'common/deployment.yaml').length).toBeGreaterThan(2);
    expect(ruleFindings(inOverlay.findings, 'base/deployment.yaml').length).toBeGreaterThan(2);
  });

  it('never stands a component in for an overlay', async () => {
    const { units } = await scan({
      ...base,
      'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - deployment.yaml\n',
      'comp/deployment.yaml': deploy('comp'),
      'overlays/prod/kustomization.yaml': `${broken}components:\n  - ../../comp\n`,
    });
    expect(units).toEqual(['overlays/prod', 'base']);
  });
});

describe('a review where the change breaks or repairs an overlay', () => {
  const atBase = { ...base, 'overlays/prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\nresources:\n  - ../../base\n' };
  const atHead = { ...atBase, 'overlays/prod/kustomization.yaml': `${atBase['overlays/prod/kustomization.yaml']}patches:\n  - path: typo.yaml\n` };

  it('breaking it: the base\'s findings are reported and pre-existing (the stand-in is compared with itself at base), nothing is fixed or changed', async () => {
    const out = await reviewChange(pullRequest(atBase, atHead));
    expect(out.findings.filter((f) => f.introduced).map((f) => `${f.ruleId} ${f.path}:${f.line}`)).toEqual(['render-error overlays/prod/kustomization.yaml:6']);
    const fromBase = out.findings.filter((f) => f.path === 'base/deployment.yaml');
    expect(fromBase.length).toBeGreaterThan(3);
    expect(fromBase.every((f) => f.unit === 'base' && f.introduced === false)).toBe(true);
    expect(JSON.stringify(out.checkRun)).not.toMatch(/fixed by this change/);
    expect(out.renderDiffs.map((d) => [d.unit, d.diff])).toEqual([['base', ''], ['overlays/prod', '']]);
  });

  it('repairing it: only the render-error is fixed, not the findings of the base\'s stand-in, and its objects are not shown deleted', async () => {
    const out = await reviewChange(pullRequest(atHead, atBase));
    expect(out.findings.filter((f) => f.path === 'base/deployment.yaml').every((f) => f.unit === 'overlays/prod')).toBe(true);
    expect(out.checkRun.output.summary).toMatch(/\b1 finding fixed by this change/);
    expect(out.renderDiffs.find((d) => d.unit === 'base')?.diff).toBe('');
  });
});
