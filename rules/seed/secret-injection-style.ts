// REQ-430: Secrets reach job pods in bulk through envFrom.secretRef; per-variable secretKeyRef and
// Secret files need a reason.
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { containersOf } from '../../src/k8s/workloads.js';
import { containerKey, containerLabel, hasJustification, isJobWorkload, namespaceOf, objectLabel, sameNamespace, workloadsOf } from './support.js';

const FILE_SECRET_TYPES = new Set(['kubernetes.io/tls', 'kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg', 'kubernetes.io/ssh-auth', 'kubernetes.io/service-account-token']);
const FILE_LIKE = /(tls|cert|certs|ca|ssl|pki|keystore|truststore|jks|ssh|gpg|kerberos|keytab|kubeconfig|service-?account|gcp|google|jwt|oidc)/i;

export default defineRule({
  meta: {
    id: 'secret-injection-style',
    title: 'Secret injected per variable or mounted as files without a reason',
    severity: 'low',
    refs: ['REQ-430'],
    category: 'secrets',
    rationale: 'REQ-430 makes `envFrom.secretRef` the way Secrets reach job pods: one reference per Secret keeps pod specs short and the Secret the single list of keys. Secret files stay on disk for the pod\'s life and are easy to copy, so they need a stated reason (certificates, key files).',
    remediation: 'Replace per-key `env[].valueFrom.secretKeyRef` entries with one `envFrom: [{secretRef: {name: <secret>}}]` (keys become variable names). Mount a Secret as a volume only when the consumer needs a file, with a comment saying so.',
    docs: 'https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/#configure-all-key-value-pairs-in-a-secret-as-container-environment-variables',
    fixable: false,
  },
  check(ctx: RuleContext) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      const severity = isJobWorkload(ctx.config, target) ? undefined : 'info';
      const label = objectLabel(target);
      for (const c of containersOf(pod, ['initContainers', 'containers'])) {
        const env: Record<string, any>[] = Array.isArray(c.container.env) ? c.container.env : [];
        const bySecret = new Map<string, { index: number; name: string; key: string }[]>();
        env.forEach((e, i) => {
          const ref = e?.valueFrom?.secretKeyRef;
          if (!ref?.name) return;
          if (!bySecret.has(ref.name)) bySecret.set(ref.name, []);
          bySecret.get(ref.name)!.push({ index: i, name: String(e.name), key: String(ref.key) });
        });
        for (const [secret, refs] of bySecret) {
          const path = [...c.path, 'env', refs[0].index];
          if (hasJustification(target.commentsAt(path))) continue;
          const renamed = refs.filter((r) => r.name !== r.key);
          const note = renamed.length > 0 ? ` (${renamed.map((r) => `${r.key} → ${r.name}`).join(', ')} are renamed: use the variable names as Secret keys, or envFrom with a prefix)` : '';
          ctx.report({
            // The entry shown is the first of several: keyed on the Secret, so moving one of them keeps the finding.
            target, path, identityPath: [...c.path, 'env'], severity, key: `${containerKey(c)}:${secret}`,
            message: `${label}: ${containerLabel(c)} injects ${refs.length} key${refs.length > 1 ? 's' : ''} of Secret "${secret}" one by one; use envFrom.secretRef${note}`,
          });
        }
      }
      const volumes: Record<string, any>[] = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
      volumes.forEach((v, i) => {
        const secretName = v?.secret?.secretName;
        if (typeof secretName !== 'string') return;
        const obj = ctx.index.byKind('Secret').find((s) => s.ref.name === secretName && sameNamespace(namespaceOf(s), namespaceOf(target)));
        if (FILE_SECRET_TYPES.has(String(obj?.object.type ?? '')) || FILE_LIKE.test(secretName) || FILE_LIKE.test(String(v.name))) return;
        const mounts = containersOf(pod).flatMap((c) => (Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : []).map((m: Record<string, unknown>, j: number) => ({ c, m, j }))).filter(({ m }) => m?.name === v.name);
        if (mounts.some(({ m }) => FILE_LIKE.test(String(m.mountPath)))) return;
        const path = [...pod.path, 'volumes', i];
        const comments = [...target.commentsAt(path), ...target.commentsAt([...path, 'secret']), ...mounts.flatMap(({ c, j }) => target.commentsAt([...c.path, 'volumeMounts', j]))];
        if (hasJustification(comments)) return;
        ctx.report({ target, path, severity, key: `volume:${String(v.name)}`, message: `${label} mounts Secret "${secretName}" as files without a comment explaining why; inject it with envFrom.secretRef unless the consumer needs a file` });
      });
    }
  },
});
