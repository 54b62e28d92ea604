// kube-score cronjob-restartpolicy, kube-linter restart-policy: pod restart policies the workload's
// controller does not accept.
import { defineRule } from '../../src/engine/rule.js';
import { setFieldFix } from '../../src/engine/fixes.js';
import { objectLabel, workloadsOf } from './support.js';

const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);
const ALWAYS_ONLY = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig']);

export default defineRule({
  meta: {
    id: 'restart-policy-invalid',
    title: 'Pod restartPolicy the controller rejects',
    severity: 'high',
    refs: ['KS:cronjob-restartpolicy', 'KL:restart-policy'],
    category: 'hygiene',
    rationale: 'Job and CronJob pod templates must set restartPolicy OnFailure or Never (left unset it defaults to Always, which the API server rejects); Deployments, StatefulSets, DaemonSets and ReplicaSets accept only Always. Either mistake makes the sync fail.',
    remediation: 'Set `restartPolicy: Never` (or OnFailure) in Job and CronJob pod templates (the fix does it); remove restartPolicy from long-running workloads or set it to Always.',
    docs: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template',
    fixable: true,
  },
  check(ctx) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      const policy = pod.spec.restartPolicy;
      const path = [...pod.path, 'restartPolicy'];
      if (RUN_TO_COMPLETION.has(target.ref.kind) && policy !== 'OnFailure' && policy !== 'Never') {
        ctx.report({
          target, path: policy === undefined ? pod.path : path,
          message: `${objectLabel(target)} ${policy === undefined ? 'sets no restartPolicy (the default, Always, is rejected for Jobs)' : `sets restartPolicy ${String(policy)}`}; Jobs accept only OnFailure or Never`,
          fix: setFieldFix(ctx.snapshot, target, path, 'Never', 'Set restartPolicy: Never'),
        });
      } else if (ALWAYS_ONLY.has(target.ref.kind) && policy !== undefined && policy !== 'Always') {
        ctx.report({
          target, path,
          message: `${objectLabel(target)} sets restartPolicy ${String(policy)}; ${target.ref.kind} accepts only Always`,
          fix: setFieldFix(ctx.snapshot, target, path, 'Always', 'Set restartPolicy: Always'),
        });
      }
    }
  },
});
