// One unit, one environment → rendered objects with source maps, by the unit's kind.
import type { RenderResult, Snapshot, Unit } from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';
import { renderHelm } from './helm.js';
import { renderKustomize } from './kustomize.js';
import { manifestObjects } from './yaml-source.js';

export async function renderUnit(unit: Unit, environment: string, snapshot: Snapshot, config: ResolvedConfig): Promise<RenderResult> {
  switch (unit.kind) {
    case 'helm':
      return renderHelm(unit, environment, snapshot, config);
    case 'kustomize':
      return renderKustomize(unit, snapshot, config);
    case 'manifest': {
      const text = snapshot.read(unit.root);
      if (text === undefined) return { unit, environment, objects: [], errors: [{ message: 'file not found', path: unit.root, line: 1 }] };
      if (text.length > config.limits.maxFileBytes) {
        return { unit, environment, objects: [], errors: [{ message: `file is ${text.length} bytes, over the limit of ${config.limits.maxFileBytes}; not reviewed`, path: unit.root, line: 1, ruleId: 'limit-exceeded' }] };
      }
      return { unit, environment, ...manifestObjects(text, unit.root, unit.id, environment, config.limits) };
    }
  }
}
