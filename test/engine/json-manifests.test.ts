// Manifests written as JSON (kubectl apply -f deploy.json, Argo CD's directory apps) are reviewed
// like YAML ones: findings at their JSON lines, and no suggestion that would leave invalid JSON.
import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { evaluateFiles } from '../support/evaluate-files.js';

const DEPLOY = `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": { "name": "web", "namespace": "apps" },
  "spec": {
    "selector": { "matchLabels": { "app": "web" } },
    "template": {
      "metadata": { "labels": { "app": "web" } },
      "spec": {
        "hostNetwork": true,
        "containers": [
          {
            "name": "web",
            "image": "nginx:latest",
            "securityContext": { "privileged": true },
            "volumeMounts": [{ "name": "root", "mountPath": "/host" }]
          }
        ],
        "volumes": [{ "name": "root", "hostPath": { "path": "/" } }]
      }
    }
  }
}
`;

const findingsOf = async (files: Record<string, string>) => (await evaluateFiles(files)).findings;

describe('JSON manifests', () => {
  it('are reviewed, each finding at the JSON line of the field', async () => {
    const findings = await findingsOf({ 'apps/deploy.json': DEPLOY });
    const at = (ruleId: string) => findings.find((f) => f.ruleId === ruleId)?.line;
    expect(at('pss-privileged')).toBe(15);
    expect(at('pss-host-namespaces')).toBe(10);
    expect(at('image-not-pinned-by-digest')).toBe(14);
    expect(findings.every((f) => f.path === 'apps/deploy.json')).toBe(true);
  });

  it('get no fix that leaves the file invalid JSON', async () => {
    const findings = await findingsOf({ 'apps/deploy.json': DEPLOY });
    for (const f of findings) {
      if (!f.fix) continue;
      expect(() => JSON.parse(applyFix(DEPLOY, f.fix!)), `${f.ruleId}: ${f.fix.replacement}`).not.toThrow();
    }
  });

  it('a JSON List is read as its items', async () => {
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'apps' }, spec: { hostPID: true, containers: [{ name: 'c', image: 'busybox:1.36' }] } }] }, null, 2);
    const findings = await findingsOf({ 'apps/list.json': list });
    const hostPid = findings.find((f) => f.ruleId === 'pss-host-namespaces');
    expect(hostPid?.line).toBe(list.split('\n').findIndex((l) => l.includes('"hostPID"')) + 1);
  });
});
