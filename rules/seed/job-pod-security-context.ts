// REQ-427: job pods (Jobs, CronJobs, anything in a job namespace) run with the restricted context.
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { checkSecurityContext } from './security-context.js';
import { isJobWorkload, workloadsOf } from './support.js';

export default defineRule({
  meta: {
    id: 'job-pod-security-context',
    title: 'Job pod without the restricted security context',
    severity: 'high',
    refs: ['REQ-427'],
    category: 'pod-security',
    rationale: 'Job pods run user-supplied transformations (dbt, Spark, Python); a compromised job must not be able to escalate, write to its image or keep capabilities. REQ-427 fixes the full set: runAsNonRoot, runAsUser >= 1000, fsGroup, seccomp RuntimeDefault, read-only root filesystem, no privilege escalation, drop ALL, and emptyDir volumes for /tmp and $HOME.',
    remediation: 'Pod securityContext: runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: {type: RuntimeDefault}. Each container: allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}; mount emptyDir volumes at /tmp and the home directory.',
    docs: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    fixable: true,
  },
  check(ctx: RuleContext) {
    for (const w of workloadsOf(ctx.objects)) {
      if (!isJobWorkload(ctx.config, w.target)) continue;
      checkSecurityContext(ctx, w, 'job', 'high');
    }
  },
});
