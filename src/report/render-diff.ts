// Rendered manifests at base vs head, per unit and environment: what will change in the cluster.
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import type { RenderResult } from '../core/types.js';
import type { RenderDiff } from '../engine/review-types.js';
import { maskSecretLines, maskSecretPayload } from './mask-secrets.js';
import { renderFailed } from '../engine/delta.js';

function serialise(render: RenderResult | undefined): string {
  if (!render) return '';
  const docs = render.objects
    .map((o) => ({ key: `${o.ref.kind}/${o.ref.namespace ?? ''}/${o.ref.name}`, text: stringify(maskSecretPayload(o.object), { sortMapEntries: false, lineWidth: 0 }) }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return maskSecretLines(docs.map((d) => `---\n# ${d.key}\n${d.text}`).join(''), `${render.unit.id}.rendered.yaml`);
}

export function renderDiffs(base: RenderResult[], head: RenderResult[]): RenderDiff[] {
  const key = (r: RenderResult): string => `${r.unit.id}\u0000${r.environment}`;
  const baseBy = new Map(base.map((r) => [key(r), r]));
  const headBy = new Map(head.map((r) => [key(r), r]));
  const keys = [...new Set([...baseBy.keys(), ...headBy.keys()])].sort();
  return keys.map((k) => {
    const [unit, environment] = k.split('\u0000');
    const [b, h] = [baseBy.get(k), headBy.get(k)];
    // A side that failed to render has no objects: diffing it would show the whole unit deleted (or created).
    if ((b && renderFailed(b)) || (h && renderFailed(h))) return { unit, environment, diff: '' };
    const before = serialise(b);
    const after = serialise(h);
    const diff = before === after ? '' : createTwoFilesPatch(`base/${unit}`, `head/${unit}`, before, after, environment, environment, { context: 3 }).split('\n').slice(1).join('\n').trimEnd();
    return { unit, environment, diff };
  });
}
