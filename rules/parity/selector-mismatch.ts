// kube-linter mismatching-selector, kube-score *-pod-selector-labels-match-template-metadata-labels.
import { defineRule } from '../../src/engine/rule.js';
import { getIn } from '../../src/k8s/workloads.js';
import { isWellFormedSelector, labelSelectorMatches, mapSelects, objectLabel, podLabelsOf, selectorText } from './support.js';

const WITH_SELECTOR = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Job']);

export default defineRule({
  meta: {
    id: 'selector-mismatch',
    title: 'Workload selector does not match its pod template labels',
    severity: 'high',
    refs: ['KL:mismatching-selector', 'KS:deployment-pod-selector-labels-match-template-metadata-labels', 'KS:statefulset-pod-selector-labels-match-template-metadata-labels'],
    category: 'hygiene',
    rationale: 'The API server rejects a Deployment, StatefulSet, DaemonSet or ReplicaSet whose selector does not select its own pod template ("selector does not match template labels"): the sync fails. Since the selector is immutable, fixing it later needs the object recreated.',
    remediation: 'Make `spec.selector` a subset of `spec.template.metadata.labels` (typically `app.kubernetes.io/name` and `app.kubernetes.io/instance`).',
    docs: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector',
    fixable: false,
  },
  check(ctx) {
    for (const target of ctx.objects) {
      if (!WITH_SELECTOR.has(target.ref.kind)) continue;
      const selector = getIn(target.object, ['spec', 'selector']);
      if (!selector || typeof selector !== 'object') continue;
      if (target.ref.kind === 'Job' && getIn(target.object, ['spec', 'manualSelector']) !== true) continue;
      const labels = podLabelsOf(target) ?? {};
      const structured = !['ReplicationController', 'DeploymentConfig'].includes(target.ref.kind);
      if (structured && !isWellFormedSelector(selector)) {
        ctx.report({ target, path: ['spec', 'selector'], message: `${objectLabel(target)} has a malformed selector (matchLabels must be a map, matchExpressions a list of {key, operator, values}): the API server rejects it` });
        continue;
      }
      if (structured ? labelSelectorMatches(selector, labels) : mapSelects(selector, labels)) continue;
      ctx.report({
        target, path: ['spec', 'selector'],
        message: `${objectLabel(target)} selects ${selectorText(selector)} but its pod template is labelled ${selectorText(labels)}: the API server rejects it`,
      });
    }
  },
});
