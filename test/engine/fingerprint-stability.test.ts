// Regression test for the promise that fingerprints never depend on line numbers or on positions
// in lists: manifests full of findings are edited in ways that fix nothing (lines inserted, an
// unrelated element put ahead in every list), and no finding of theirs may come out introduced
// or go missing. Only findings about the inserted elements themselves may be new.
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { reviewChange } from '../../src/engine/review.js';
import { pullRequest } from '../hostile/support/change.js';

type Json = Record<string, any>;

/** What the inserted elements are called, so the findings about them can be told apart. */
const EXTRA = 'zz-extra';

const container = (name: string, extra: Json = {}): Json => ({ name, image: `registry.example/${name}:1.0`, ...extra });

const web: Json = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        serviceAccountName: 'missing-account',
        volumes: [{ name: 'host-logs', hostPath: { path: '/var/log' } }],
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }],
        initContainers: [container('init-perms', { command: ['chown', '-R', '1000', '/data'], securityContext: { runAsUser: 0 } })],
        containers: [
          container('web', {
            env: [{ name: 'PORT', value: '80' }, { name: 'MODE', value: 'a' }, { name: 'PORT', value: '8080' }, { name: 'DB_PASSWORD', value: 'Xk9#mQ2vLp7@wR4z' }],
            volumeMounts: [{ name: 'host-logs', mountPath: '/host/logs' }],
            envFrom: [{ secretRef: { name: 'web-shared' } }],
            ports: [{ name: 'http', containerPort: 8080 }, { name: 'http', containerPort: 8081 }, { name: 'Bad_Name', containerPort: 9000 }],
            securityContext: { capabilities: { add: ['NET_ADMIN'] } },
          }),
          container('sidecar', { securityContext: { allowPrivilegeEscalation: true } }),
        ],
      },
    },
  },
};

const job: Json = {
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'dbt-run', namespace: 'floe-jobs' },
  spec: {
    template: {
      spec: {
        containers: [container('dbt', {
          securityContext: { readOnlyRootFilesystem: true },
          env: [
            { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'lake', key: 'id' } } },
            { name: 'SNOWFLAKE_USER', valueFrom: { secretKeyRef: { name: 'snowflake-dev-credentials', key: 'user' } } },
            { name: 'SNOWFLAKE_PW', valueFrom: { secretKeyRef: { name: 'snowflake-dev-credentials', key: 'password' } } },
          ],
        })],
      },
    },
  },
};

const others: Json[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'ops', namespace: 'shop' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }, { apiGroups: ['apps'], resources: ['*'], verbs: ['get'] }] },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'gone' } } }] }] } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' }, spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'nowhere', port: { number: 80 } } } }] } }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 123456 }] } },
];

const FIXTURE: Record<string, Json[]> = { 'apps/web.yaml': [web], 'jobs/dbt.yaml': [job], 'apps/shop.yaml': others };

/** Puts `item` first in the list at `key` of `node`, when there is one. */
function prepend(node: Json | undefined, key: string, item: unknown): void {
  if (node && Array.isArray(node[key])) node[key].unshift(item);
}

function podSpecs(o: Json): Json[] {
  const spec = o.kind === 'Pod' ? o.spec : o.spec?.template?.spec;
  return spec ? [spec] : [];
}

/** Edits that fix nothing: each puts an unrelated element named EXTRA ahead of the others, or shifts lines. */
const EDITS: Record<string, (o: Json) => void> = {
  'a label above everything': (o) => { o.metadata.labels = { team: 'payments', ...o.metadata.labels }; },
  'a container ahead': (o) => podSpecs(o).forEach((p) => prepend(p, 'containers', container(EXTRA))),
  'an init container ahead': (o) => podSpecs(o).forEach((p) => { p.initContainers ??= []; p.initContainers.unshift(container(EXTRA)); }),
  'an env var, envFrom source, port and mount ahead in every container': (o) => podSpecs(o).forEach((p) => {
    p.volumes = [{ name: EXTRA, emptyDir: {} }, ...(p.volumes ?? [])];
    for (const c of [...(p.initContainers ?? []), ...p.containers]) {
      prepend(c, 'env', { name: 'ZZ_EXTRA', value: '1' });
      prepend(c, 'envFrom', { configMapRef: { name: EXTRA } });
      prepend(c, 'ports', { name: 'zz-extra', containerPort: 7000 });
      c.volumeMounts = [{ name: EXTRA, mountPath: '/zz-extra' }, ...(c.volumeMounts ?? [])];
    }
  }),
  'a topology constraint, policy rule, peer and ingress path ahead': (o) => {
    podSpecs(o).forEach((p) => prepend(p, 'topologySpreadConstraints', { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }));
    if (o.kind === 'Role') prepend(o, 'rules', { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] });
    for (const rule of o.kind === 'NetworkPolicy' ? o.spec.ingress : []) prepend(rule, 'from', { podSelector: { matchLabels: { app: 'web' } } });
    for (const rule of o.kind === 'Ingress' ? o.spec.rules : []) prepend(rule.http, 'paths', { path: '/zz-extra', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } });
    if (o.kind === 'Service') prepend(o.spec, 'ports', { name: 'zz-extra', port: 81, targetPort: 7000 });
  },
};

function files(edit?: (o: Json) => void): Record<string, string> {
  return Object.fromEntries(Object.entries(FIXTURE).map(([path, docs]) => {
    const copies = docs.map((d) => structuredClone(d));
    if (edit) copies.forEach(edit);
    return [path, copies.map((d) => stringify(d)).join('---\n')];
  }));
}

describe('fingerprint stability', () => {
  it('the fixture yields findings of many rules', async () => {
    expect(parseAllDocuments(files()['apps/shop.yaml'])).toHaveLength(others.length);
    const { findings } = await reviewChange(pullRequest({}, files()));
    expect(new Set(findings.map((f) => f.ruleId)).size).toBeGreaterThan(20);
  });

  for (const [name, edit] of Object.entries(EDITS)) {
    it(`${name}: no finding of the untouched elements is introduced or gone`, async () => {
      const base = files();
      const head = files(edit);
      const edited = (f: { path: string }) => base[f.path] !== head[f.path];
      const before = (await reviewChange(pullRequest({}, base))).findings.filter(edited);
      const after = (await reviewChange(pullRequest(base, head))).findings;
      const aboutExtra = (f: { message: string }) => /zz-extra/i.test(f.message);
      // The secret scanner reads the lines a change adds, not fingerprints: here every line of an edited file.
      const scannedLine = (f: { refs: string[] }) => f.refs.includes('REQ-435');
      expect(after.filter((f) => f.introduced && !aboutExtra(f) && !scannedLine(f)).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
      const kept = new Set(after.map((f) => f.fingerprint));
      expect(before.filter((f) => !kept.has(f.fingerprint)).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    });
  }
});
