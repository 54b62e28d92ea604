// Plain YAML reading of files that may be Helm templates (the review reads every changed .yaml for
// shared objects): the parser's own warnings never reach stderr.
import { describe, expect, it } from 'vitest';
import { manifestObjects } from '../../src/render/yaml-source.js';

describe('manifestObjects', () => {
  it('reads a Helm template as YAML without printing the parser\'s warnings', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const { objects } = manifestObjects('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ template "c.name" . }}\n', 'chart/templates/cm.yaml', 'u', 'default');
      expect(objects).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 20)); // process warnings are emitted on a later tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });
});
