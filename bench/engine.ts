// Engine throughput: 5,000 plain objects, and a chart rendered with 3 values files.
// Floors measured in the same run: YAML parsing alone, and bare `helm template` alone.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, LineCounter } from 'yaml';
import { rulesFor } from '../rules/index.js';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { evaluate } from '../src/engine/evaluate.js';
import { helmBinary } from '../src/render/binaries.js';
import { discover } from '../src/workspace/discover.js';
import { DirSnapshot } from '../src/workspace/dir-snapshot.js';
import { fmt, median, timeAlternating } from './_stats.js';

const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;

function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 17}
  labels: { app: app-${i} }
spec:
  replicas: ${1 + (i % 3)}
  selector: { matchLabels: { app: app-${i} } }
  template:
    metadata:
      labels: { app: app-${i} }
    spec:
      containers:
        - name: main
          image: registry.example.com/app-${i}:1.${i % 9}.0
          ports: [{ containerPort: 8080 }]
          env:
            - { name: MODE, value: "prod" }
          resources:
            requests: { cpu: 100m, memory: 128Mi }
`;
}
function service(i: number): string {
  return `apiVersion: v1
kind: Service
metadata: { name: app-${i}, namespace: team-${i % 17} }
spec:
  selector: { app: app-${i} }
  ports: [{ port: 80, targetPort: 8080 }]
`;
}

function generatePlainRepo(objects: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'gg-bench-plain-'));
  mkdirSync(join(dir, 'manifests'));
  const perFile = 20;
  for (let f = 0; f < objects / perFile; f++) {
    const docs: string[] = [];
    for (let d = 0; d < perFile; d += 2) {
      const i = f * perFile + d;
      docs.push(deployment(i), service(i));
    }
    writeFileSync(join(dir, 'manifests', `app-${f}.yaml`), docs.join('---\n'));
  }
  return dir;
}

async function plainBench(): Promise<void> {
  const dir = generatePlainRepo(5000);
  const snapshot = new DirSnapshot('bench', dir);
  const files = snapshot.list().map((p) => snapshot.read(p)!);
  const config = structuredClone(DEFAULT_CONFIG);
  const rules = rulesFor(config);
  let objects = 0;
  let findings = 0;
  const rssBefore = process.memoryUsage().rss;
  const { a: floor, b: total, ratios } = await timeAlternating(
    RUNS,
    () => {
      for (const text of files) for (const doc of parseAllDocuments(text, { lineCounter: new LineCounter() }) as any[]) doc.toJS();
    },
    async () => {
      const discovery = discover(snapshot);
      const result = await evaluate(discovery.units, discovery, snapshot, config, rules);
      objects = result.renders.reduce((n, r) => n + r.objects.length, 0);
      findings = result.findings.length;
    },
  );
  const t = median(total);
  const fl = median(floor);
  console.log(`plain manifests: ${objects} objects in ${files.length} files, ${rules.length} rules, ${findings} findings`);
  console.log(`  engine total   median ${fmt(t)}  (${Math.round(objects / (t / 1000))} objects/s)`);
  console.log(`  floor (YAML parse only) median ${fmt(fl)}`);
  console.log(`  ratio total/floor ${(t / fl).toFixed(2)}x, median of per-round ratios ${median(ratios).toFixed(2)}x  (goal <= 2x)  peak RSS ${(Math.max(process.memoryUsage().rss, rssBefore) / 2 ** 20).toFixed(0)} MB`);
}

async function chartBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gg-bench-chart-'));
  cpSync(new URL('../examples/floe-gitops/base', import.meta.url), dir, { recursive: true });
  cpSync(new URL('../examples/floe-gitops/base/charts/floe-platform/values-prod.yaml', import.meta.url), join(dir, 'charts/floe-platform/values-staging.yaml'));
  const snapshot = new DirSnapshot('bench', dir);
  const config = structuredClone(DEFAULT_CONFIG);
  const rules = rulesFor(config);
  const helm = await helmBinary();
  const chart = join(dir, 'charts/floe-platform');
  const envFiles = ['values-dev.yaml', 'values-prod.yaml', 'values-staging.yaml'];
  const discovery = discover(snapshot);
  const unit = discovery.units.find((u) => u.kind === 'helm')!;
  unit.environments = ['dev', 'prod', 'staging'];
  let objects = 0;
  const { a: floor, b: total, ratios } = await timeAlternating(
    RUNS,
    () => {
      for (const f of envFiles) execFileSync(helm, ['template', 'floe', chart, '-f', join(chart, f), '--kube-version', config.kubeVersion], { env: { PATH: '/usr/bin:/bin', HOME: tmpdir() } });
    },
    async () => {
      const r = await evaluate([unit], discovery, snapshot, config, rules);
      objects = r.renders.reduce((n, x) => n + x.objects.length, 0);
    },
  );
  const t = median(total);
  const fl = median(floor);
  console.log(`chart with 3 values files: ${objects} objects`);
  console.log(`  engine total   median ${fmt(t)}  (${Math.round(objects / (t / 1000))} objects/s)`);
  console.log(`  floor (3 sequential bare helm template) median ${fmt(fl)}`);
  console.log(`  ratio total/floor ${(t / fl).toFixed(2)}x, median of per-round ratios ${median(ratios).toFixed(2)}x  (goal <= 2x)`);
}

await plainBench();
await chartBench();
