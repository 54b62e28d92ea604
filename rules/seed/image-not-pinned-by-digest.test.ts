import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule, { parseImage } from './image-not-pinned-by-digest.js';

const pod = (image: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: ${image}
`;

describe('image-not-pinned-by-digest', () => {
  it('parses registry ports, tags and digests', () => {
    expect(parseImage('reg:5000/org/app:1.2')).toEqual({ repository: 'reg:5000/org/app', tag: '1.2', digest: undefined });
    expect(parseImage('app@sha256:abc')).toEqual({ repository: 'app', digest: 'sha256:abc' });
    expect(parseImage('reg:5000/app')).toEqual({ repository: 'reg:5000/app', digest: undefined });
  });
  it('flags a tag: medium outside prod, high in prod', () => {
    const [f] = runRuleOn(rule, { yaml: pod('apache/polaris:0.9.0') });
    expect(f).toMatchObject({ ruleId: 'image-not-pinned-by-digest', refs: ['GAP-6'], severity: 'medium', line: 8 });
    expect(f.message).toContain('apache/polaris@sha256:…');
    expect(runRuleOn(rule, { yaml: pod('apache/polaris:0.9.0'), environment: 'prod' })[0].severity).toBe('high');
  });
  it('flags :latest and untagged images as high everywhere', () => {
    expect(runRuleOn(rule, { yaml: pod('nginx:latest') })[0].severity).toBe('high');
    expect(runRuleOn(rule, { yaml: pod('nginx') })[0].severity).toBe('high');
  });
  it('passes digests', () => {
    expect(runRuleOn(rule, { yaml: pod('nginx:1.27@sha256:0123456789abcdef') })).toEqual([]);
  });
  it('points at the values `digest` key when the chart supports one', () => {
    const values = 'polaris:\n  image:\n    repository: apache/polaris\n    tag: "0.9.0"\n    digest: ""\n';
    const [f] = runRuleOn(rule, { yaml: pod('apache/polaris:0.9.0'), values, environment: 'prod', unit: { kind: 'helm', root: 'charts/floe' } });
    expect(f).toMatchObject({ path: 'charts/floe/values-prod.yaml', line: 5, severity: 'high' });
    expect(f.message).toContain('polaris.image.digest');
  });
});
