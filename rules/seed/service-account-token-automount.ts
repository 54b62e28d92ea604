// GAP-10: the service account token is mounted into pods that do not need the Kubernetes API.
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { setFieldFix } from '../../src/engine/fixes.js';
import { annotationOf, hasJustification, namespaceOf, objectLabel, workloadsOf } from './support.js';

export const NEEDS_API_ANNOTATION = 'gitops-guard.io/needs-api-access';

export default defineRule({
  meta: {
    id: 'service-account-token-automount',
    title: 'Service account token mounted into a pod that does not declare API access',
    severity: 'low',
    refs: ['GAP-10'],
    category: 'rbac',
    rationale: 'A mounted token lets anyone who compromises the container call the Kubernetes API with the pod\'s identity. Most workloads never talk to the API, so the token is pure attack surface.',
    remediation: 'Set `automountServiceAccountToken: false` in the pod spec (or on its ServiceAccount). Pods that do call the API keep it, with a comment saying why or the annotation `gitops-guard.io/needs-api-access: "<reason>"`.',
    docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    fixable: true,
  },
  check(ctx: RuleContext) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      const field = [...pod.path, 'automountServiceAccountToken'];
      const own = pod.spec.automountServiceAccountToken;
      if (own === false) continue;
      if (annotationOf(target, NEEDS_API_ANNOTATION) !== undefined) continue;
      const saName = String(pod.spec.serviceAccountName ?? pod.spec.serviceAccount ?? 'default');
      const ns = namespaceOf(target);
      const sa = ctx.index.byKind('ServiceAccount').find((s) => s.ref.name === saName && (namespaceOf(s) ?? ns) === ns);
      if (own === undefined && sa?.object.automountServiceAccountToken === false) continue;
      if (own === true && hasJustification(target.commentsAt(field))) continue;
      const bound = [...ctx.index.byKind('RoleBinding'), ...ctx.index.byKind('ClusterRoleBinding')].some((b) =>
        Array.isArray(b.object.subjects) && (b.object.subjects as { kind?: string; name?: string; namespace?: string }[]).some((s) =>
          s.kind === 'ServiceAccount' && s.name === saName && (s.namespace ?? namespaceOf(b)) === ns));
      const why = own === true
        ? 'sets `automountServiceAccountToken: true` without a comment justifying API access'
        : `mounts the token of ServiceAccount "${saName}" by default${sa ? ' (the ServiceAccount does not disable automount)' : ''}`;
      const hint = bound
        ? `; "${saName}" is bound to RBAC roles, so if the pod really calls the API, document it with the annotation ${NEEDS_API_ANNOTATION}`
        : '; set `automountServiceAccountToken: false` unless the pod calls the Kubernetes API';
      ctx.report({
        target,
        path: own === undefined ? pod.path : field,
        message: `${objectLabel(target)} ${why}${hint}`,
        severity: bound ? 'info' : undefined,
        fix: setFieldFix(ctx.snapshot, target, field, false, 'Disable service account token automount'),
      });
    }
  },
});
