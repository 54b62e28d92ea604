// Fingerprints decide what a change introduces: they name list elements (containers, volumes…) by
// name, so moving or inserting one leaves the others' findings pre-existing.
import { describe, expect, it } from 'vitest';
import { reviewChange } from '../../src/engine/review.js';
import { stableFieldPath } from '../../src/engine/run-rules.js';
import { pullRequest } from '../hostile/support/change.js';

const deployment = (containers: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
${containers}`;
const web = '        - name: web\n          image: nginx:1.25\n';
const proxy = '        - name: proxy\n          image: envoyproxy/envoy:v1.30.0\n';

describe('fingerprints', () => {
  it('names list elements by name, else by position', () => {
    const pod = { spec: { containers: [{ name: 'a', volumeMounts: [{ mountPath: '/data' }] }], tolerations: [{ key: 'x' }] } };
    expect(stableFieldPath(pod, ['spec', 'containers', 0, 'volumeMounts', 0, 'readOnly'])).toBe('spec.containers[name=a].volumeMounts[mountPath=/data].readOnly');
    expect(stableFieldPath(pod, ['spec', 'tolerations', 0])).toBe('spec.tolerations[0]');
    expect(stableFieldPath(pod, ['spec', 'containers', 3])).toBe('spec.containers[3]');
    expect(stableFieldPath(pod, [])).toBeUndefined();
    const sources = { envFrom: [{ configMapRef: { name: 'settings' } }, { prefix: 'DB_', secretRef: { name: 'db' } }] };
    expect(stableFieldPath(sources, ['envFrom', 1, 'secretRef', 'name'])).toBe('envFrom[secretRef.name=db].secretRef.name');
    expect(stableFieldPath(sources, ['envFrom', 0])).toBe('envFrom[configMapRef.name=settings]');
  });

  it('a container inserted ahead of another leaves the other\'s findings pre-existing', async () => {
    const out = await reviewChange(pullRequest({ 'app.yaml': deployment(web) }, { 'app.yaml': deployment(proxy + web) }));
    const ofWeb = out.findings.filter((f) => f.message.includes('"web"'));
    const ofProxy = out.findings.filter((f) => f.message.includes('"proxy"'));
    expect(ofWeb.length).toBeGreaterThan(2);
    expect(ofWeb.filter((f) => f.introduced).map((f) => f.ruleId)).toEqual([]);
    expect(ofProxy.length).toBeGreaterThan(2);
    expect(ofProxy.every((f) => f.introduced)).toBe(true);
  });
  it('a finding the change makes more severe counts as introduced; one it makes milder does not', async () => {
    const at = (image: string) => deployment(`        - name: web\n          image: ${image}\n`);
    const worse = await reviewChange(pullRequest({ 'app.yaml': at('nginx:1.25') }, { 'app.yaml': at('nginx:latest') }));
    const tag = worse.findings.find((f) => f.ruleId === 'image-not-pinned-by-digest')!;
    expect(tag.severity).toBe('high');
    expect(tag.introduced).toBe(true);
    const milder = await reviewChange(pullRequest({ 'app.yaml': at('nginx:latest') }, { 'app.yaml': at('nginx:1.25') }));
    expect(milder.findings.find((f) => f.ruleId === 'image-not-pinned-by-digest')!.introduced).toBe(false);
  });
});
