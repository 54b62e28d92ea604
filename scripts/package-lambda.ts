// `npm run package` in a scratch copy of the service: serverless.yml, its plugin and the config
// schema copied, node_modules linked, bundles built into it, `osls package` run there without any
// AWS credentials. Used by the packaging tests and bench/lambda.ts, so that neither touches the
// checkout's build/ and .serverless/ and several can run at once.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const scratch: string[] = [];

/** A fresh directory under the system temp dir, removed by removeScratchDirs(). */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `gg-lambda-${prefix}-`));
  scratch.push(dir);
  return dir;
}

/** Removes every scratch directory made so far (symlinks inside are removed, never followed). */
export function removeScratchDirs(): void {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface ScratchPackage {
  /** The scratch service directory (bundles under build/lambda/, node_modules linked). */
  service: string;
  /** osls output: <fn>.zip and the CloudFormation templates. */
  dir: string;
  template: any;
  templateText: string;
  zip: (fn: string) => string;
}

/** The environment of a machine without AWS credentials of any kind, with a fresh HOME. */
export function credentialFreeEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  const home = scratchDir('home');
  return {
    ...env,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    ...extra,
  };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
}

export function packageInScratch(): ScratchPackage {
  const service = scratchDir('service');
  for (const file of ['serverless.yml', 'scripts/osls-offline-layers.cjs', 'schemas/config.schema.json']) {
    mkdirSync(dirname(join(service, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(service, file));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(service, 'node_modules'), 'dir');
  const env = credentialFreeEnv();
  run(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/build-lambda.ts'), '--outdir', join(service, 'build/lambda')], env, repoRoot);
  run(process.execPath, [join(repoRoot, 'node_modules/osls/bin/serverless.js'), 'package'], env, service);
  const dir = join(service, '.serverless');
  const templateText = readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8');
  return { service, dir, template: JSON.parse(templateText), templateText, zip: (fn) => join(dir, `${fn}.zip`) };
}
