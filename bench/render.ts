// Renderer overhead: renderHelm / renderKustomize (private copy of the files, sandbox, graph checks,
// source maps) against the bare tool on the same input, measured in the same run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Unit } from '../src/core/types.js';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { helmBinary, kubectlBinary } from '../src/render/binaries.js';
import { renderHelm } from '../src/render/helm.js';
import { renderKustomize } from '../src/render/kustomize.js';
import { DirSnapshot } from '../src/workspace/dir-snapshot.js';
import { fmt, median } from './_stats.js';

const RUNS = 15;
const fixtures = fileURLToPath(new URL('../test/fixtures/render', import.meta.url));
const bareEnv = { PATH: '/usr/bin:/bin', HOME: tmpdir(), KUBECONFIG: '/dev/null' };

/** Alternates the two so both see the same machine load; returns [ours, bare] timings. */
async function interleaved(runs: number, ours: () => Promise<unknown>, bare: () => unknown): Promise<[number[], number[]]> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await ours();
    a.push(performance.now() - t);
    t = performance.now();
    bare();
    b.push(performance.now() - t);
  }
  return [a, b];
}

function report(label: string, objects: number, ours: number[], bare: number[]): void {
  const o = median(ours);
  const b = median(bare);
  console.log(`${label}: ${objects} objects`);
  console.log(`  renderer median ${fmt(o)}   bare tool median ${fmt(b)}   ratio ${(o / b).toFixed(2)}x   overhead ${fmt(o - b)}`);
}

async function helmBench(): Promise<void> {
  const snapshot = new DirSnapshot('bench', join(fixtures, 'helm'));
  const unit: Unit = { id: 'helm:app', kind: 'helm', root: 'app', environments: ['prod'] };
  const helm = await helmBinary();
  const chart = join(fixtures, 'helm/app');
  let objects = 0;
  await renderHelm(unit, 'prod', snapshot, DEFAULT_CONFIG);
  const [ours, bare] = await interleaved(
    RUNS,
    async () => {
      const r = await renderHelm(unit, 'prod', snapshot, DEFAULT_CONFIG);
      objects = r.objects.length;
      // Locating every object's source is part of the work a review does.
      for (const o of r.objects) o.locate(['spec']);
    },
    () => execFileSync(helm, ['template', 'app', '.', '-f', 'values-prod.yaml', '--kube-version', DEFAULT_CONFIG.kubeVersion], { cwd: chart, env: bareEnv }),
  );
  report('helm chart (helpers, range, subchart), environment prod', objects, ours, bare);
}

async function kustomizeBench(): Promise<void> {
  const snapshot = new DirSnapshot('bench', join(fixtures, 'kustomize'));
  const kubectl = await kubectlBinary();
  for (const root of ['overlays/prod', 'overlays/canary']) {
    const unit: Unit = { id: root, kind: 'kustomize', root, environments: ['default'] };
    let objects = 0;
    await renderKustomize(unit, snapshot, DEFAULT_CONFIG);
    const [ours, bare] = await interleaved(
      RUNS,
      async () => {
        const r = await renderKustomize(unit, snapshot, DEFAULT_CONFIG);
        objects = r.objects.length;
        for (const o of r.objects) o.locate(['spec', 'template', 'spec', 'containers', 0, 'image']);
      },
      () => execFileSync(kubectl, ['kustomize', root], { cwd: join(fixtures, 'kustomize'), env: bareEnv, stdio: ['ignore', 'pipe', 'ignore'] }),
    );
    report(`kustomize ${root}`, objects, ours, bare);
  }
}

await helmBench();
await kustomizeBench();
