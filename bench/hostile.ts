// Hostile inputs against the built CLI (`npm run build` first): what each costs in time and peak
// memory next to a benign baseline measured in the same run. Peak RSS is GNU time's %M: the largest
// process of the tree (node, or helm when it is the larger). Medians of RUNS runs.
import { fileURLToPath } from 'node:url';
import { gitRepo, treeDir } from '../test/hostile/support/git-repo.js';
import { measureProcess, median } from './_stats.js';

const RUNS = 3;
const BIN = fileURLToPath(new URL('../bin/gitops-guard.js', import.meta.url));
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: apps\nspec:\n  containers:\n    - name: a\n      image: nginx:latest\n';

function cli(args: string[]): { ms: number; rssMb: number } {
  const runs = Array.from({ length: RUNS }, () => measureProcess(process.execPath, [BIN, ...args]));
  for (const r of runs) {
    // exit 1 is also node's code for a crash: only a JSON report counts as a run
    if ((r.status !== 0 && r.status !== 1) || !r.stdout.startsWith('{')) throw new Error(`gitops-guard ${args.join(' ')} exited ${r.status} without a report`);
  }
  return { ms: median(runs.map((r) => r.ms)), rssMb: median(runs.map((r) => r.rssMb ?? NaN)) };
}

function row(name: string, baseline: { ms: number; rssMb: number }, hostile: { ms: number; rssMb: number }): void {
  console.log(`${name}\n  baseline ${baseline.ms.toFixed(0)} ms, ${baseline.rssMb.toFixed(0)} MB peak | hostile ${hostile.ms.toFixed(0)} ms, ${hostile.rssMb.toFixed(0)} MB peak | time x${(hostile.ms / baseline.ms).toFixed(2)}, memory x${(hostile.rssMb / baseline.rssMb).toFixed(2)}`);
}

const chart = (template: string): Record<string, string> => ({
  'charts/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
  'charts/c/values.yaml': 'count: 100000000\n',
  'charts/c/templates/t.yaml': template,
});

export default async function main(): Promise<void> {
  const small = treeDir({ 'apps/pod.yaml': POD });
  const huge = treeDir({ 'apps/pod.yaml': POD, 'apps/huge.yaml': Buffer.alloc(100 * 1024 * 1024, 'apiVersion: v1\nkind: ConfigMap\n') });
  row('scan: one pod vs one pod + a 100 MB manifest', cli(['scan', small, '--format', 'json']), cli(['scan', huge, '--format', 'json']));

  const one = gitRepo({}, { 'apps/pod.yaml': POD });
  const many: Record<string, string> = { 'apps/pod.yaml': POD };
  for (let i = 0; i < 3000; i++) many[`apps/t${i % 30}/cm-${i}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: t${i % 30}\ndata:\n  k: v\n`;
  const wide = gitRepo({}, many);
  const review = (repo: string): string[] => ['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json'];
  row('review: a 1-file PR vs a 3,001-file PR', cli(review(one)), cli(review(wide)));

  const benign = gitRepo({}, chart('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n'));
  const flood = gitRepo({}, chart('{{- range $i := until (int .Values.count) }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: f-{{ $i }}\ndata:\n  blob: {{ repeat 4096 "x" | quote }}\n{{- end }}\n'));
  row('review: a one-object chart vs a chart printing gigabytes (stopped at limits.maxRenderMemoryBytes)', cli(review(benign)), cli(review(flood)));
}

await main();
