// Regenerates test/fixtures/acceptance/gaps/<ref>.patch after the compliant fixture changes:
//   node --import tsx test/acceptance/support/write-gap-patches.ts
// Each edit below is one seed item's change; they are applied in order, one commit each, and every
// commit's diff becomes that item's patch (its first line is the commit message).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { COMPLIANT, GAPS } from './fixture-repo.js';

const VALUES_PROD = 'charts/floe-platform/values-prod.yaml';
const DEPLOYMENT = 'charts/floe-platform/templates/deployment-polaris.yaml';
const NAMESPACES = 'namespaces/namespaces.yaml';
const JOB = 'jobs/dbt-run.yaml';

type Edit = { path: string; replace: string | RegExp; with: string } | { path: string; create: string };

const GAPS_TO_WRITE: { ref: string; message: string; edits: Edit[] }[] = [
  { ref: 'GAP-1', message: 'floe-platform loses the enforce label its chart values promise', edits: [{ path: NAMESPACES, replace: '    pod-security.kubernetes.io/enforce: baseline\n', with: '' }] },
  { ref: 'GAP-2', message: 'NetworkPolicies switched off in prod', edits: [{ path: VALUES_PROD, replace: 'networkPolicy:\n  enabled: true\n', with: 'networkPolicy:\n  enabled: false\n' }] },
  {
    ref: 'GAP-3', message: 'a plain Secret with literal stringData', edits: [{
      path: 'secrets/legacy-warehouse.yaml',
      create: '# Copied from the old cluster while migrating the warehouse loader.\napiVersion: v1\nkind: Secret\nmetadata:\n  name: legacy-warehouse-dev-credentials\n  namespace: floe-jobs\ntype: Opaque\nstringData:\n  WAREHOUSE_USER: loader\n  WAREHOUSE_PASSWORD: "p4Zr8wQm2LxV7kTn"\n',
    }],
  },
  {
    ref: 'GAP-4', message: 'the Polaris pod securityContext hardcoded although the chart has a helper', edits: [{
      path: DEPLOYMENT,
      replace: '      securityContext:\n        {{- include "floe-platform.podSecurityContext" . | nindent 8 }}\n',
      with: '      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        runAsGroup: 1000\n        fsGroup: 1000\n        seccompProfile:\n          type: RuntimeDefault\n',
    }],
  },
  {
    ref: 'GAP-5', message: 'a root init container without justification', edits: [{
      path: DEPLOYMENT,
      replace: '      containers:\n',
      with: '      initContainers:\n        - name: init-data-dir\n          image: {{ include "floe-platform.image" .Values.polaris.image | quote }}\n          command: ["sh", "-c", "mkdir -p /data/polaris && chown -R 1000:1000 /data/polaris"]\n          securityContext:\n            runAsUser: 0\n          volumeMounts:\n            - name: tmp\n              mountPath: /data\n      containers:\n',
    }],
  },
  { ref: 'GAP-6', message: 'the prod Polaris image by tag instead of digest', edits: [{ path: VALUES_PROD, replace: /    digest: "sha256:[0-9a-f]+"\n/, with: '    tag: "0.9.1"\n    digest: ""\n' }] },
  { ref: 'GAP-7', message: 'External Secrets enabled in prod without a secretStoreRef', edits: [{ path: VALUES_PROD, replace: 'networkPolicy:\n', with: 'externalSecrets:\n  enabled: true\n\nnetworkPolicy:\n' }] },
  { ref: 'GAP-8', message: 'PodDisruptionBudgets switched off in prod', edits: [{ path: VALUES_PROD, replace: 'podDisruptionBudget:\n  enabled: true\n', with: 'podDisruptionBudget:\n  enabled: false\n' }] },
  { ref: 'GAP-9', message: 'the ResourceQuota switched off in prod', edits: [{ path: VALUES_PROD, replace: 'resourceQuota:\n  enabled: true\n', with: 'resourceQuota:\n  enabled: false\n' }] },
  { ref: 'GAP-10', message: 'service account tokens mounted in prod without justification', edits: [{ path: VALUES_PROD, replace: 'global:\n  environment: prod\n', with: 'global:\n  environment: prod\n\nserviceAccount:\n  name: polaris\n  automountServiceAccountToken: true\n' }] },
  { ref: 'REQ-426', message: 'the job namespace enforce label weakened to baseline', edits: [{ path: NAMESPACES, replace: '    pod-security.kubernetes.io/enforce: restricted\n', with: '    pod-security.kubernetes.io/enforce: baseline\n' }] },
  { ref: 'REQ-427', message: 'the dbt Job with a writable root filesystem', edits: [{ path: JOB, replace: '            readOnlyRootFilesystem: true\n', with: '            readOnlyRootFilesystem: false\n' }] },
  {
    ref: 'REQ-428', message: 'NET_ADMIN added to the platform containers in prod', edits: [{
      path: VALUES_PROD,
      replace: '\npolaris:\n',
      with: '\ncontainerSecurityContext:\n  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true\n  capabilities:\n    drop:\n      - ALL\n    add:\n      - NET_ADMIN\n\npolaris:\n',
    }],
  },
  { ref: 'REQ-429', message: 'a literal password in values-prod.yaml', edits: [{ path: VALUES_PROD, replace: '  resources:\n', with: '  bootstrapCredentials:\n    rootPassword: "Vq7rLx2mWp9sKd4nTz8b"\n  resources:\n' }] },
  {
    ref: 'REQ-430', message: 'a Secret key injected per variable with secretKeyRef', edits: [{
      path: JOB,
      replace: '                name: warehouse-dev-credentials\n',
      with: '                name: warehouse-dev-credentials\n          env:\n            - name: SNOWFLAKE_ROLE\n              valueFrom:\n                secretKeyRef:\n                  name: snowflake-dev-credentials\n                  key: SNOWFLAKE_ROLE\n',
    }],
  },
  { ref: 'REQ-431', message: 'an InfisicalSecret without resyncInterval', edits: [{ path: JOB, replace: '  resyncInterval: 60\n', with: '' }] },
  { ref: 'REQ-432', message: 'the Vault role token TTL raised to 24h', edits: [{ path: 'vault/warehouse-credentials.yaml', replace: 'tokenExpirationSeconds: 600', with: 'tokenExpirationSeconds: 86400' }] },
  {
    ref: 'REQ-433', message: 'static AWS keys in the dbt Job', edits: [{
      path: JOB,
      replace: '                  key: SNOWFLAKE_ROLE\n',
      with: '                  key: SNOWFLAKE_ROLE\n            - name: AWS_ACCESS_KEY_ID\n              value: AKIAZ7QK3M4TWRNXPL5H\n            - name: AWS_SECRET_ACCESS_KEY\n              value: 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\n',
    }],
  },
  { ref: 'REQ-434', message: 'the Reloader annotation removed from the Polaris Deployment', edits: [{ path: DEPLOYMENT, replace: '  annotations:\n    reloader.stakater.com/auto: "true"\n', with: '' }] },
  { ref: 'REQ-435', message: 'the dbt Job references a Secret nobody defines', edits: [{ path: JOB, replace: '                name: warehouse-dev-credentials\n', with: '                name: warehouse-dev-credentials\n            - secretRef:\n                name: salesforce-dev-credentials\n' }] },
];

function apply(dir: string, edit: Edit): void {
  const file = join(dir, edit.path);
  if ('create' in edit) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, edit.create);
    return;
  }
  const text = readFileSync(file, 'utf8');
  const next = text.replace(edit.replace, edit.with);
  if (next === text) throw new Error(`${edit.path}: ${String(edit.replace)} not found`);
  writeFileSync(file, next);
}

const work = join(mkdtempSync(join(tmpdir(), 'gg-gaps-')), 'repo');
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=gaps', '-c', 'user.email=gaps@localhost', ...args], { cwd: work, encoding: 'utf8' });
cpSync(COMPLIANT, work, { recursive: true });
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-qm', 'compliant');
rmSync(GAPS, { recursive: true, force: true });
mkdirSync(GAPS, { recursive: true });
for (const gap of GAPS_TO_WRITE) {
  for (const edit of gap.edits) apply(work, edit);
  git('add', '-A');
  writeFileSync(join(GAPS, `${gap.ref}.patch`), `${gap.ref}: ${gap.message}\n\n${git('diff', '--cached', '--no-color')}`);
  git('commit', '-qm', gap.ref);
}
console.log(`wrote ${GAPS_TO_WRITE.length} patches to ${GAPS}`);
