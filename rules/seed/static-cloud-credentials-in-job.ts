// REQ-433: job pods get object-storage access through Polaris credential vending, never static keys.
import type { RenderedObject } from '../../src/core/types.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { containersOf } from '../../src/k8s/workloads.js';
import { containerKey, containerLabel, isJobWorkload, namespaceOf, objectLabel, sameNamespace, workloadsOf } from './support.js';

const CLOUD_KEY = /^(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|[A-Z0-9_]*S3_(ACCESS|SECRET)(_ACCESS)?_KEY(_ID)?|[A-Z0-9_]*S3_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SECRET)|MINIO_(ACCESS|SECRET)_KEY|MINIO_ROOT_(USER|PASSWORD)|AZURE_STORAGE_(ACCOUNT_)?KEY|AZURE_STORAGE_CONNECTION_STRING|AZURE_CLIENT_SECRET|GOOGLE_APPLICATION_CREDENTIALS|GCS_(ACCESS|SECRET)_KEY(_ID)?|GCS_HMAC_(ACCESS|SECRET)_KEY|[A-Z0-9_]+_(ACCESS_KEY_ID|SECRET_ACCESS_KEY))$/i;

export function isCloudCredentialName(name: string): boolean {
  return CLOUD_KEY.test(name);
}

function secretKeys(index: RenderedObject[], name: string, ns: string | undefined): string[] {
  const s = index.find((o) => o.ref.kind === 'Secret' && o.ref.name === name && sameNamespace(namespaceOf(o), ns));
  if (!s) return [];
  const obj = s.object as Record<string, unknown>;
  return [...Object.keys((obj.data as object) ?? {}), ...Object.keys((obj.stringData as object) ?? {})];
}

export default defineRule({
  meta: {
    id: 'static-cloud-credentials-in-job',
    title: 'Static cloud storage credentials in a job pod',
    severity: 'high',
    refs: ['REQ-433'],
    category: 'secrets',
    rationale: 'Static S3/object-storage keys never expire and usually grant access to every table. Polaris credential vending hands each job short-lived (<= 1h) credentials scoped to the tables it touches, so a leaked job environment is worth little.',
    remediation: 'Remove AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and S3/MinIO/GCS/Azure keys) from the job; let the Iceberg client obtain vended credentials from the Polaris catalog (X-Iceberg-Access-Delegation: vended-credentials), or use workload identity (IRSA, GKE/Azure workload identity).',
    docs: 'https://polaris.apache.org/',
    fixable: false,
  },
  check(ctx: RuleContext) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      if (!isJobWorkload(ctx.config, target)) continue;
      const ns = namespaceOf(target);
      for (const c of containersOf(pod)) {
        const who = `${objectLabel(target)}: ${containerLabel(c)}`;
        (Array.isArray(c.container.env) ? c.container.env : []).forEach((e: Record<string, any>, i: number) => {
          const name = String(e?.name ?? '');
          if (!isCloudCredentialName(name)) return;
          if (typeof e.value === 'string' && e.value !== '') {
            ctx.report({ target, path: [...c.path, 'env', i, 'value'], key: `${containerKey(c)}:${name}`, severity: 'critical', message: `${who} sets ${name} to a literal static credential; use Polaris credential vending instead` });
          } else if (e.valueFrom?.secretKeyRef) {
            ctx.report({ target, path: [...c.path, 'env', i, 'valueFrom', 'secretKeyRef'], key: `${containerKey(c)}:${name}`, message: `${who} injects ${name} from Secret "${String(e.valueFrom.secretKeyRef.name)}": a static cloud credential; use Polaris credential vending instead` });
          }
        });
        (Array.isArray(c.container.envFrom) ? c.container.envFrom : []).forEach((e: Record<string, any>, i: number) => {
          const name = e?.secretRef?.name;
          if (typeof name !== 'string') return;
          const keys = secretKeys(ctx.index.all, name, ns).filter((k) => isCloudCredentialName(`${String(e.prefix ?? '')}${k}`));
          if (keys.length === 0) return;
          ctx.report({ target, path: [...c.path, 'envFrom', i, 'secretRef', 'name'], identityPath: [...c.path, 'envFrom'], key: `${containerKey(c)}:envFrom:${name}`, message: `${who} loads static cloud credentials (${keys.join(', ')}) from Secret "${name}"; use Polaris credential vending instead` });
        });
      }
    }
  },
});
