// kube-score cronjob-has-deadline: CronJobs without startingDeadlineSeconds.
import { defineRule } from '../../src/engine/rule.js';
import { objectLabel } from './support.js';

export default defineRule({
  meta: {
    id: 'cronjob-starting-deadline',
    title: 'CronJob without startingDeadlineSeconds',
    severity: 'low',
    refs: ['KS:cronjob-has-deadline'],
    category: 'reliability',
    rationale: 'Without startingDeadlineSeconds the controller counts every schedule missed since the last run; after more than 100 misses (controller downtime, a long suspend) it stops scheduling the CronJob altogether. With a deadline, stale runs are skipped and the next one starts on time.',
    remediation: 'Set `spec.startingDeadlineSeconds` to how late a run may still start (e.g. a fraction of the schedule interval).',
    docs: 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#job-creation',
    fixable: false,
  },
  check(ctx) {
    for (const cj of ctx.objects) {
      if (cj.ref.kind !== 'CronJob') continue;
      const deadline = (cj.object.spec as { startingDeadlineSeconds?: unknown } | undefined)?.startingDeadlineSeconds;
      if (typeof deadline === 'number' && deadline > 0) continue;
      ctx.report({ target: cj, path: ['spec', 'schedule'], message: `${objectLabel(cj)} has no startingDeadlineSeconds: after 100 missed schedules the controller stops starting it` });
    }
  },
});
