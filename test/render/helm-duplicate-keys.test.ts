// helm prints a template's duplicate mapping key as written (kubectl would refuse the document): the
// render reports it at the template line, and still reviews the rest.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { renderHelm } from '../../src/render/helm.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

describe('helm output with a duplicate key', () => {
  it('is a render-error at the template line of the second key; the object is still rendered', async () => {
    const snapshot = MemorySnapshot.from('t', {
      'charts/d/Chart.yaml': 'apiVersion: v2\nname: d\nversion: 0.1.0\n',
      // helm reads a duplicate key of a values file without complaint (the last wins): no error there
      'charts/d/values.yaml': 'mode: a\nmode: b\n',
      'charts/d/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  mode: {{ .Values.mode | quote }}\n  mode: "fixed"\n',
    });
    const r = await renderHelm({ id: 'charts/d', kind: 'helm', root: 'charts/d', environments: ['default'] }, 'default', snapshot, DEFAULT_CONFIG);
    expect(r.errors).toEqual([expect.objectContaining({ path: 'charts/d/templates/cm.yaml', line: 7, ruleId: 'render-error', message: expect.stringMatching(/^mapping key "mode" already defined at line \d+ \(kubectl refuses duplicate keys\)/) })]);
    expect(r.objects.map((o) => o.object.data)).toEqual([{ mode: 'fixed' }]);
  });
});
