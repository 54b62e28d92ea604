import { describe, expect, it } from 'vitest';
import { runRuleOn, runRuleOnChart } from '../../test/support/rule-tester.js';
import rule, { mutablePart, parseImage } from './image-not-pinned-by-digest.js';

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
  it('the mutable part is the tag, or the whole reference when there is none', () => {
    const part = (image: string) => {
      const p = mutablePart(image);
      return image.slice(p.start, p.end);
    };
    expect(part('reg:5000/org/app:1.2')).toBe('1.2');
    expect(part(' nginx:latest ')).toBe('latest');
    expect(part('reg:5000/app')).toBe('reg:5000/app');
  });
  it('in a chart composing the image from several values, points at the key supplying the tag', async () => {
    const chart = {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'values.yaml': 'global:\n  registry: docker.io\nimage:\n  name: library/nginx\n  tag: "1.27"\n',
      'values-prod.yaml': 'global:\n  registry: registry.prod.example.com\n',
      'templates/deploy.yaml': pod('{{ .Values.global.registry }}/{{ .Values.image.name }}:{{ .Values.image.tag }}'),
    };
    expect(await runRuleOnChart(rule, chart, { environment: 'prod' })).toMatchObject([{ path: 'charts/app/values.yaml', line: 5, severity: 'high' }]);
    const prodTag = { ...chart, 'values-prod.yaml': 'global:\n  registry: registry.prod.example.com\nimage:\n  tag: "1.28"\n' };
    expect(await runRuleOnChart(rule, prodTag, { environment: 'prod' })).toMatchObject([{ path: 'charts/app/values-prod.yaml', line: 4 }]);
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
