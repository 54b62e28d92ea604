// The `pss` command, driven in-process through commander (the same registration main.ts uses).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/pss.js';
import { runCommand } from '../support/run-command.js';

const run = (args: string[]) => runCommand(register, 'pss', args);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx
          securityContext:
            privileged: true
`;
const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  jobTemplate:
    spec:
      template:
        spec:
          securityContext:
            runAsNonRoot: true
            seccompProfile:
              type: RuntimeDefault
          containers:
            - name: job
              image: busybox
              securityContext:
                allowPrivilegeEscalation: false
                capabilities:
                  drop: [ALL]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: not-a-workload
`;

describe('gitops-guard pss', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pss-cli-'));
    mkdirSync(join(dir, 'apps'));
    writeFileSync(join(dir, 'apps', 'web.yaml'), DEPLOYMENT);
    writeFileSync(join(dir, 'apps', 'nightly.yml'), CRONJOB);
  });
  afterEach(() => vi.restoreAllMocks());

  it('prints one JSON result per pod-bearing object and exits 1 when any is denied', async () => {
    const { code, stdout } = await run(['--level', 'baseline', '--format', 'json', dir]);
    expect(code).toBe(1);
    const out = JSON.parse(stdout);
    expect(out.results).toHaveLength(2);
    const web = out.results.find((r: { object: { name: string } }) => r.object.name === 'web');
    expect(web).toMatchObject({ allowed: false, line: 1, object: { kind: 'Deployment', name: 'web', namespace: 'shop' } });
    expect(web.path).toMatch(/apps\/web\.yaml$/);
    expect(web.violations).toEqual([{ check: 'privileged', message: 'privileged (container "app" must not set securityContext.privileged=true)', line: 13 }]);
    expect(out.results.find((r: { object: { name: string } }) => r.object.name === 'nightly')).toMatchObject({ allowed: true, violations: [] });
  });

  it('exits 0 when every object is admitted at the requested version', async () => {
    const { code, stdout } = await run(['--level', 'restricted', '--version', 'v1.30', '--format', 'text', join(dir, 'apps', 'nightly.yml')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/CronJob\/nightly: allowed by restricted:v1\.30/);
  });

  it('reports unparseable files with file:line without hiding the results of others', async () => {
    writeFileSync(join(dir, 'apps', 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: [\n');
    const { code, stdout, stderr } = await run(['--level', 'baseline', '--format', 'json', dir]);
    expect(code).toBe(1);
    const out = JSON.parse(stdout);
    expect(out.results).toHaveLength(2);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0].path).toMatch(/broken\.yaml$/);
    expect(out.errors[0].line).toBeGreaterThan(1);
    expect(stderr).toMatch(/broken\.yaml:\d+:/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['--level', 'strict', dir])).code).toBe(2);
    expect((await run(['--level', 'baseline', '--version', '1.2', dir])).code).toBe(2);
    expect((await run(['--level', 'baseline', join(dir, 'missing')])).code).toBe(2);
    expect((await run(['--level', 'baseline', '--format', 'sarif', dir])).code).toBe(2);
    expect((await run([dir])).code).toBe(2);
  });
});
