// The GitHub App against the fake GitHub (test/support/fake-github), the app running as its own
// process the way `npm start` runs it (src/app/server.ts), one fresh app + fake per run, so every
// run is a "first PR" (cold installation token, cold process):
//  - GitHub requests per review, for a PR touching 1 chart with 3 environments and for one
//    touching 50 manifest files; goal: <= 8 plus 1 per 50 annotations, whatever the file count;
//  - wall time from the webhook sent to the check run completed (median); goal: under 2 s.
// Baseline, same run: the engine alone (reviewChange over local git snapshots of the same change),
// i.e. what the GitHub edge adds on top of the review itself.
// Run: node --import tsx bench/github.ts [--runs N]
// BENCH_ONLY=<scenario name prefix> runs one scenario; BENCH_APP_LOGS=1 (BENCH_APP_LOG_LEVEL=debug) shows the app's logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { reviewChange } from '../src/engine/review.js';
import { changedFiles, GitSnapshot, mergeBase } from '../src/workspace/git.js';
import { freePort } from '../test/support/fake-github/harness.js';
import { FakeGitHub } from '../test/support/fake-github/server.js';
import { deliver, pullRequestEvent } from '../test/support/fake-github/webhooks.js';
import { median } from './_stats.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const APP_ID = 4711;

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out[relative(dir, abs).split(sep).join('/')] = readFileSync(abs, 'utf8');
    }
  };
  walk(dir);
  return out;
}

interface Scenario {
  name: string;
  base: Record<string, string>;
  head: Record<string, string>;
}

function chartScenario(): Scenario {
  const base = filesUnder(join(root, 'examples/floe-gitops/base'));
  delete base['.gitops-guard.yml'];
  const prod = base['charts/floe-platform/values-prod.yaml'];
  return { name: '1 chart × 3 environments', base, head: { 'charts/floe-platform/values-prod.yaml': prod.replace(/enabled: true/, 'enabled: false') } };
}

function manifestsScenario(): Scenario {
  const head: Record<string, string> = {};
  for (let i = 0; i < 50; i++) {
    head[`apps/app-${i}.yaml`] = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: app-${i}`, '  namespace: apps', 'spec:', '  replicas: 2',
      '  selector:', '    matchLabels:', `      app: app-${i}`, '  template:', '    metadata:', '      labels:', `        app: app-${i}`,
      '    spec:', '      containers:', '        - name: app', `          image: ghcr.io/floe/app-${i}:1.${i}`, '          ports:', '            - containerPort: 8080', '',
    ].join('\n');
  }
  return { name: '50 manifest files', base: { 'README.md': '# apps\n' }, head };
}

interface RunResult {
  requests: number;
  tokenRequests: number;
  annotations: number;
  comments: number;
  wallMs: number;
  /** Until the last annotation batch was accepted. */
  allAnnotationsMs: number;
  byOperation: Map<string, number>;
  /** Each request as operation@ms after the webhook was sent. */
  timeline: string[];
}

async function startApp(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/app/server.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Listening on')) resolve();
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    if (process.env.BENCH_APP_LOGS) child.stdout!.pipe(process.stderr);
    child.once('exit', (code) => reject(new Error(`app exited (${code}): ${out.slice(-500)}`)));
  });
  return child;
}

async function runOnce(s: Scenario): Promise<RunResult> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const fake = new FakeGitHub({ appId: APP_ID, appPublicKey: publicKey });
  await fake.start();
  fake.git.commit(s.base, 'base');
  fake.git.checkoutNew('pr', 'main');
  fake.git.commit(s.head, 'pr');
  const pull = fake.openPull('pr');
  const sha = fake.headSha(pull);
  const port = await freePort();
  const secret = 'bench-secret';
  const app = await startApp({ ...process.env, APP_ID: String(APP_ID), PRIVATE_KEY: privateKey, WEBHOOK_SECRET: secret, PORT: String(port), HOST: '127.0.0.1', GHE_HOST: fake.host, GHE_PROTOCOL: 'http', LOG_LEVEL: (process.env.BENCH_APP_LOG_LEVEL ?? 'info') as NodeJS.ProcessEnv['LOG_LEVEL'] }); // at least info: readiness is its "Listening on" line
  try {
    const payload = pullRequestEvent(fake, pull, 'opened');
    const sent = Date.now();
    await deliver(`http://127.0.0.1:${port}/api/github/webhooks`, secret, 'pull_request', payload);
    const done = (): boolean => fake.checkRuns.some((r) => r.head_sha === sha && r.status === 'completed');
    while (!done()) {
      if (Date.now() - sent > 180_000) throw new Error('the check run did not complete within 180 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    const run = fake.checkRuns.find((r) => r.head_sha === sha)!;
    // Let the review and anything after it land before counting.
    let count = -1;
    while (count !== fake.requests.length) {
      count = fake.requests.length;
      await new Promise((r) => setTimeout(r, 2500));
    }
    const byOperation = new Map<string, number>();
    for (const r of fake.requests) {
      const key = r.graphql ? `graphql ${r.graphql}` : r.operationId ?? r.path;
      byOperation.set(key, (byOperation.get(key) ?? 0) + 1);
    }
    if (fake.rejected.length) throw new Error(`the fake refused requests: ${JSON.stringify(fake.rejected)}`);
    return {
      requests: fake.requests.length,
      tokenRequests: byOperation.get('apps/create-installation-access-token') ?? 0,
      annotations: run.annotations.length,
      comments: fake.comments.length,
      wallMs: run.completedAtMs! - sent,
      allAnnotationsMs: Math.max(...fake.requests.filter((q) => q.operationId === 'checks/update').map((q) => q.at)) - sent,
      byOperation,
      timeline: fake.requests.map((q) => `${(q.graphql ?? q.operationId ?? q.path).replace(/^.*\//, '')}@${q.at - sent}`),
    };
  } finally {
    app.kill('SIGTERM');
    await fake.stop();
  }
}

/** The engine alone on the same change, from a local git repository. */
async function engineOnly(s: Scenario): Promise<number[]> {
  const { GitRepo } = await import('../test/support/fake-github/git-repo.js');
  const repo = GitRepo.init();
  repo.commit(s.base, 'base');
  repo.checkoutNew('pr', 'main');
  repo.commit(s.head, 'pr');
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const head = await GitSnapshot.load(repo.dir, 'pr');
    const base = await GitSnapshot.load(repo.dir, await mergeBase(repo.dir, 'main', 'pr'));
    await reviewChange({ base, head, changedFiles: await changedFiles(repo.dir, 'main', 'pr'), config: DEFAULT_CONFIG, headSha: head.ref });
    times.push(performance.now() - t);
  }
  return times;
}

export default async function githubBench(): Promise<void> {
  for (const s of [chartScenario(), manifestsScenario()].filter((x) => !process.env.BENCH_ONLY || x.name.startsWith(process.env.BENCH_ONLY))) {
    const results: RunResult[] = [];
    for (let i = 0; i < RUNS; i++) results.push(await runOnce(s));
    const engine = median(await engineOnly(s));
    const r = results[0];
    const wall = median(results.map((x) => x.wallMs));
    const goal = 8 + Math.ceil(r.annotations / 50);
    console.log(`\n${s.name}: ${Object.keys(s.head).length} changed file(s), ${r.annotations} annotations, ${r.comments} inline comments`);
    console.log(`  GitHub requests per review: ${r.requests} (${r.requests - r.tokenRequests} without the installation token, which Probot caches for an hour); goal <= ${goal} (8 + 1 per 50 annotations)`);
    console.log(`  by operation: ${[...r.byOperation].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
    console.log(`  webhook → check run completed: median ${wall.toFixed(0)} ms over ${RUNS} first-PR runs (min ${Math.min(...results.map((x) => x.wallMs)).toFixed(0)}, max ${Math.max(...results.map((x) => x.wallMs)).toFixed(0)}); goal < 2000 ms`);
    console.log(`  … and until the last batch of annotations was in: median ${median(results.map((x) => x.allAnnotationsMs)).toFixed(0)} ms (writes are spaced 1 s apart by the throttling plugin)`);
    console.log(`  timeline of the first run (ms after the webhook): ${r.timeline.join(' ')}`);
    console.log(`  baseline, the engine alone on the same change: median ${engine.toFixed(0)} ms → the GitHub edge costs ${(wall / engine).toFixed(2)}× the engine time (+${(wall - engine).toFixed(0)} ms)`);
  }
  console.log('\nnote: Probot\'s throttling keeps writes 1 s apart, so a check run cannot complete sooner than 1 s after it');
  console.log('was created, whatever the engine time; GETs (files, config, tarballs) are not held back.');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await githubBench();
