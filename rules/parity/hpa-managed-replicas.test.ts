import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './hpa-managed-replicas.js';

const hpa = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 6\n';

describe('hpa-managed-replicas', () => {
  it('flags spec.replicas on a workload an HPA scales and deletes the line', () => {
    const yaml = deployment({ replicas: 3 });
    const [f] = runRuleOn(rule, { yaml, files: { 'manifests/hpa.yaml': hpa } });
    expect(f).toMatchObject({ ruleId: 'hpa-managed-replicas', line: 6 });
    const fixed = applyFix(yaml, f.fix!);
    expect(fixed).toContain('spec:\n  selector:');
    expect(fixed).not.toContain('replicas');
  });
  it('passes without replicas, and workloads no HPA scales', () => {
    expect(runRuleOn(rule, { yaml: deployment(), files: { 'manifests/hpa.yaml': hpa } })).toEqual([]);
    expect(runRuleOn(rule, { yaml: deployment({ replicas: 3 }) })).toEqual([]);
  });
  it('ties an HPA of another folder only through an explicit namespace, and says where it is', () => {
    const yaml = deployment({ replicas: 3 });
    expect(runRuleOn(rule, { yaml, path: 'charts/web/templates/deploy.yaml', files: { 'kustomize/hpa.yaml': hpa } })).toEqual([]);
    const placed = (s: string) => s.replace(/metadata: \{name: web\}/, 'metadata: {name: web, namespace: shop}').replace(/(metadata:\n {2}name: web\n)/, '$1  namespace: shop\n');
    const [f] = runRuleOn(rule, { yaml: placed(yaml), path: 'charts/web/templates/deploy.yaml', files: { 'kustomize/hpa.yaml': placed(hpa) } });
    expect(f.message).toContain('(kustomize/hpa.yaml:1)');
  });
});
