// REQ-428: platform service pods run as non-root with no escalation, ALL capabilities dropped and
// any added capability justified (SYS_ADMIN, NET_ADMIN, SYS_MODULE never).
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { checkSecurityContext } from './security-context.js';
import { isJobWorkload, isPlatformNamespace, matchesAny, namespaceOf, optionBoolean, optionStrings, workloadsOf } from './support.js';

export default defineRule({
  meta: {
    id: 'platform-pod-security-context',
    title: 'Platform service pod without the required security context',
    severity: 'medium',
    refs: ['REQ-428'],
    category: 'pod-security',
    rationale: 'Platform services (catalog, orchestrator, database) are long-lived and reachable from the network. Running them as root, with privilege escalation or extra capabilities widens what an attacker gets from one bug. SYS_ADMIN, NET_ADMIN and SYS_MODULE amount to node compromise and are forbidden.',
    remediation: 'Pod securityContext: runAsNonRoot: true, runAsUser >= 1000. Each container: allowPrivilegeEscalation: false, capabilities.drop: [ALL]; add back only what the service needs, each with a comment explaining why. Options: `namespaces` (extra globs), `includeUnnamespaced` (also check workloads without a namespace).',
    docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    fixable: true,
  },
  check(ctx: RuleContext) {
    const extra = optionStrings(ctx, 'namespaces');
    const includeUnnamespaced = optionBoolean(ctx, 'includeUnnamespaced', false);
    for (const w of workloadsOf(ctx.objects)) {
      if (isJobWorkload(ctx.config, w.target)) continue;
      const ns = namespaceOf(w.target);
      const inScope = ns === undefined ? includeUnnamespaced : isPlatformNamespace(ctx.config, ns) || matchesAny(ns, extra);
      if (!inScope) continue;
      checkSecurityContext(ctx, w, 'platform', 'medium');
    }
  },
});
