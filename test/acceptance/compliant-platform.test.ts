// Acceptance (issue #3): a fully compliant floe platform produces no finding from any rule, through
// the built CLI and through the engine. The Helm chart has helpers, Polaris (TLS from cert-manager,
// token-broker keys as justified files), PostgreSQL with Vault-synced credentials, a Dagster daemon
// whose API access is justified, Infisical secrets, digests, and the seed's environment-based
// defaults (policies, PDBs, quota, HPA, Ingress in prod); plain manifests hold labelled namespaces,
// quota, default-deny policies, REQ-427 dbt Job and CronJob, Infisical dynamic secrets, Vault auth.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rulesFor } from '../../rules/index.js';
import { loadConfig } from '../../src/config/config.js';
import { evaluate, type Evaluation } from '../../src/engine/evaluate.js';
import { reviewChange } from '../../src/engine/review.js';
import { ruleSetting } from '../../src/engine/run-rules.js';
import { discover } from '../../src/workspace/discover.js';
import { DirSnapshot } from '../../src/workspace/dir-snapshot.js';
import { changedFiles, GitSnapshot } from '../../src/workspace/git.js';
import { bodyErrors } from '../support/openapi-body.js';
import { buildCompliantChange, COMPLIANT } from './support/fixture-repo.js';

const BIN = join(process.cwd(), 'bin/gitops-guard.js');

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const snapshot = new DirSnapshot('working-tree', COMPLIANT);
const config = loadConfig((p) => snapshot.read(p)).config;
let evaluation: Evaluation;

beforeAll(async () => {
  const discovery = discover(snapshot, config.ignorePaths);
  evaluation = await evaluate(discovery.units, discovery, snapshot, config, rulesFor(config));
}, 120_000);

describe('the compliant floe platform', () => {
  it('is checked by every rule of the library (the config disables none)', () => {
    const listed = JSON.parse(cli(['rules', '--format', 'json']).stdout) as { rules: { id: string }[] };
    const ids = rulesFor(config).map((r) => r.meta.id);
    expect(ids.length).toBeGreaterThanOrEqual(71);
    expect(new Set(ids)).toEqual(new Set(listed.rules.map((r) => r.id)));
    expect(ids.filter((id) => !ruleSetting(config, id).enabled)).toEqual([]);
  });

  it('renders every environment of the chart and every manifest, without errors', () => {
    const kindsOf = (unit: string, env: string) => new Set(evaluation.renders.filter((r) => r.unit.id === unit && r.environment === env).flatMap((r) => r.objects.map((o) => o.ref.kind)));
    // Environment-based defaults, as the seed recommends: policies, PDBs, quota, HPA and Ingress in prod only.
    const chart = ['Certificate', 'Deployment', 'InfisicalSecret', 'Role', 'RoleBinding', 'Service', 'ServiceAccount', 'StatefulSet', 'VaultAuth', 'VaultStaticSecret'];
    for (const env of ['default', 'dev']) expect([...kindsOf('charts/floe-platform', env)].sort()).toEqual(chart);
    expect([...kindsOf('charts/floe-platform', 'prod')].sort()).toEqual([...chart, 'HorizontalPodAutoscaler', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'ResourceQuota'].sort());
    expect(kindsOf('namespaces/namespaces.yaml', 'default')).toEqual(new Set(['Namespace', 'ResourceQuota', 'NetworkPolicy']));
    expect(kindsOf('jobs/dbt-run.yaml', 'default')).toEqual(new Set(['ServiceAccount', 'Job', 'InfisicalSecret']));
    expect(kindsOf('jobs/dbt-nightly.yaml', 'default')).toEqual(new Set(['CronJob', 'InfisicalSecret', 'InfisicalDynamicSecret']));
    expect(kindsOf('vault/warehouse-credentials.yaml', 'default')).toEqual(new Set(['VaultAuth', 'VaultDynamicSecret']));
    expect(evaluation.renders.flatMap((r) => r.errors)).toEqual([]);
  });

  it('yields no finding from the engine', () => {
    expect(evaluation.findings.map((f) => `${f.ruleId} ${f.path}:${f.line} ${f.message}`)).toEqual([]);
  });

  it('`gitops-guard scan` reports zero findings and exits 0 even with --fail-on info', () => {
    const r = cli(['scan', COMPLIANT, '--format', 'json', '--fail-on', 'info']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ findings: [] });
    expect(r.code).toBe(0);
  }, 60_000);

  it('a pull request touching every unit of it gets a review without findings or comments, and a successful check run', async () => {
    const repo = buildCompliantChange((dir) => {
      const chart = join(dir, 'charts/floe-platform/Chart.yaml');
      writeFileSync(chart, readFileSync(chart, 'utf8').replace('version: 0.5.0', 'version: 0.5.1'));
      for (const f of ['namespaces/namespaces.yaml', 'jobs/dbt-run.yaml', 'jobs/dbt-nightly.yaml', 'vault/warehouse-credentials.yaml']) appendFileSync(join(dir, f), '# reviewed\n');
    }, 'Release the floe platform chart 0.5.1');
    const head = await GitSnapshot.load(repo, 'pr');
    const base = await GitSnapshot.load(repo, 'main');
    const out = await reviewChange({ base, head, changedFiles: await changedFiles(repo, 'main', 'pr'), config, headSha: head.ref });
    expect(out.stats.units).toBe(5);
    expect(out.findings).toEqual([]);
    expect(out.review.comments).toEqual([]);
    expect(out.checkRun.conclusion).toBe('success');
    expect(bodyErrors('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', out.review)).toEqual([]);
    expect(bodyErrors('POST', '/repos/{owner}/{repo}/check-runs', out.checkRun)).toEqual([]);
  }, 120_000);
});
