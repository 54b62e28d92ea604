// Every built-in detector's own samples (gitleaks style): the `flags` lines must be reported by
// that detector, the `passes` lines must produce no finding at all.
import { describe, expect, it } from 'vitest';
import { builtInDetectors, scanText } from '../../src/secrets/index.js';

describe.each(builtInDetectors.map((d) => [`${d.ruleId} (${d.kind})`, d] as const))('%s', (_name, detector) => {
  const samples = detector.samples;
  it('carries samples of both kinds', () => {
    expect(samples?.flags.length).toBeGreaterThan(0);
    expect(samples?.passes.length).toBeGreaterThan(0);
  });
  for (const line of samples?.flags ?? []) {
    it(`flags ${JSON.stringify(line.slice(0, 60))}`, () => {
      const found = scanText(line, 'sample.yaml');
      expect(found.map((f) => f.ruleId)).toContain(detector.ruleId);
    });
  }
  for (const line of samples?.passes ?? []) {
    it(`passes ${JSON.stringify(line.slice(0, 60))}`, () => {
      expect(scanText(line, 'sample.yaml')).toEqual([]);
    });
  }
});
