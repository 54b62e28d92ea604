// kube-linter use-namespace (CIS 5.7.1, 5.7.4): objects written explicitly into "default".
import { defineRule } from '../../src/engine/rule.js';
import { objectLabel } from './support.js';

export default defineRule({
  meta: {
    id: 'default-namespace',
    title: 'Object placed in the default namespace',
    severity: 'low',
    refs: ['KL:use-namespace', 'CIS-5.7.1', 'CIS-5.7.4'],
    category: 'namespace',
    rationale: 'The default namespace carries no Pod Security labels, quotas or network policies of its own and is shared by everything nobody placed deliberately. Objects left without a namespace are not reported: in GitOps the Argo CD or Flux destination sets it.',
    remediation: 'Put the object in the application\'s own namespace (or drop `metadata.namespace` and let the GitOps destination set it).',
    docs: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/',
    fixable: false,
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.ref.namespace !== 'default') continue;
      ctx.report({ target: o, path: ['metadata', 'namespace'], message: `${objectLabel(o)} is placed in the default namespace` });
    }
  },
});
