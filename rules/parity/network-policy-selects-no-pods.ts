// kube-linter dangling-networkpolicy and dangling-networkpolicypeer-podselector, kube-score
// networkpolicy-targets-pod: policies (or their peers) that select nothing.
import type { FieldPath, RenderedObject } from '../../src/core/types.js';
import { occurrenceKeys } from '../../src/engine/occurrence-keys.js';
import { defineRule } from '../../src/engine/rule.js';
import type { Json } from '../../src/k8s/workloads.js';
import { labelSelectorMatches, namespaceOf, objectLabel, podOwnersMatching, requiredLabelOf, selectorText } from './support.js';

function selectsAll(selector: unknown): boolean {
  if (!selector || typeof selector !== 'object') return true;
  const s = selector as Json;
  return Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
}

function selectsSomething(all: RenderedObject[], ns: string | undefined, selector: Json): boolean {
  return podOwnersMatching(all, ns, (labels) => labelSelectorMatches(selector, labels), requiredLabelOf(selector, true)).length > 0;
}

export default defineRule({
  meta: {
    id: 'network-policy-selects-no-pods',
    title: 'NetworkPolicy (or one of its peers) selects no pods',
    severity: 'medium',
    refs: ['KL:dangling-networkpolicy', 'KL:dangling-networkpolicypeer-podselector', 'KS:networkpolicy-targets-pod'],
    category: 'network',
    rationale: 'A NetworkPolicy whose podSelector matches no pod protects nothing, and an allow rule whose peer podSelector matches no pod allows nothing: both usually hide a label typo, and the workload they were written for runs unprotected or cut off.',
    remediation: 'Make the podSelector (and each peer podSelector without a namespaceSelector) match the labels of the pod templates in the policy\'s namespace, or delete the policy.',
    docs: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
    fixable: false,
  },
  check(ctx) {
    for (const np of ctx.objects) {
      if (np.ref.kind !== 'NetworkPolicy') continue;
      const spec = (np.object.spec ?? {}) as Json;
      const ns = namespaceOf(np);
      if (!selectsAll(spec.podSelector) && !selectsSomething(ctx.index.all, ns, spec.podSelector)) {
        ctx.report({ target: np, path: ['spec', 'podSelector'], key: 'podSelector', message: `${objectLabel(np)} selects no pods: no pod template${ns ? ` in namespace ${ns}` : ''} matches ${selectorText(spec.podSelector)}` });
      }
      // Peers have no name: keyed on their selector (numbered when alike), not their position.
      const keyOf = occurrenceKeys();
      for (const direction of ['ingress', 'egress'] as const) {
        const rules = Array.isArray(spec[direction]) ? spec[direction] : [];
        rules.forEach((rule: Json, i: number) => {
          const peers = Array.isArray(rule?.[direction === 'ingress' ? 'from' : 'to']) ? rule[direction === 'ingress' ? 'from' : 'to'] : [];
          peers.forEach((peer: Json, j: number) => {
            if (!peer || peer.namespaceSelector !== undefined || peer.podSelector === undefined || selectsAll(peer.podSelector)) return;
            if (selectsSomething(ctx.index.all, ns, peer.podSelector)) return;
            const path: FieldPath = ['spec', direction, i, direction === 'ingress' ? 'from' : 'to', j, 'podSelector'];
            ctx.report({ target: np, path, identityPath: ['spec', direction], key: keyOf(`${direction}:${selectorText(peer.podSelector)}`), message: `${objectLabel(np)}: the ${direction} peer podSelector ${selectorText(peer.podSelector)} matches no pod template${ns ? ` in namespace ${ns}` : ''}, so the rule allows nothing` });
          });
        });
      }
    }
  },
});
