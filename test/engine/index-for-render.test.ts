// The rule index of one render leaves out the other environments of its own unit (src/engine/evaluate.ts).
import { describe, expect, it } from 'vitest';
import type { RenderResult, Unit } from '../../src/core/types.js';
import { indexForRender } from '../../src/engine/evaluate.js';
import { buildIndex } from '../../src/engine/run-rules.js';
import { manifestObjects } from '../../src/render/yaml-source.js';

const pdb = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  namespace: floe-platform\nspec:\n  maxUnavailable: 1\n';
const chart: Unit = { id: 'charts/web', kind: 'helm', root: 'charts/web', environments: ['default', 'prod'] };
const manifest: Unit = { id: 'pdbs.yaml', kind: 'manifest', root: 'pdbs.yaml', environments: ['default'] };
const render = (unit: Unit, environment: string): RenderResult => ({ unit, environment, objects: manifestObjects(pdb, `${unit.root}/x.yaml`, unit.id, environment).objects, errors: [] });

describe('indexForRender', () => {
  const dev = render(chart, 'default');
  const prod = render(chart, 'prod');
  const plain = render(manifest, 'default');
  const shared = buildIndex([...dev.objects, ...prod.objects, ...plain.objects]);

  it('shows a chart environment its own objects and every other unit, never its sibling environments', () => {
    expect(indexForRender(prod, shared).all).toEqual([...prod.objects, ...plain.objects]);
    expect(indexForRender(dev, shared).byKind('PodDisruptionBudget')).toEqual([...dev.objects, ...plain.objects]);
  });

  it('keeps the shared index for single-environment units', () => {
    expect(indexForRender(plain, shared)).toBe(shared);
  });
});
