// Secret scanning: gitops-guard vs secretlint (@secretlint/secretlint-rule-preset-recommend) on the
// same generated corpus of Kubernetes YAML (≥ 20 MB) with planted secrets and false-positive traps.
// Both run as CLIs in fresh processes (node bin/gitops-guard.js secrets after `npm run build`, and
// node_modules/secretlint/bin/secretlint.js), alternated, median of the runs; recall and false
// positives come from their reports. The in-process figure is the built scanText()
// (dist/src/secrets) over the same files, without process start-up and file reading.
// Both CLIs run in the same minimal environment (PATH, HOME, LANG): a NODE_EXTRA_CA_CERTS or
// NODE_OPTIONS inherited from the machine adds the same start-up to each (~60 ms for a CA bundle
// here) and is not what either tool does.
// Run: npm run build && node --import tsx bench/secrets.ts [--runs N] [--mb N]  (builds only when dist/ is missing)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, type Planted } from '../test/secrets/corpus.js';
import { measureProcess, median, timeRuns } from './_stats.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('--runs', 3);
const TARGET_MB = arg('--mb', 20);

interface Located { path: string; line: number }

function score(found: Located[], planted: Planted[]): { recall: number; missed: number; falsePositives: number } {
  const key = (p: string, l: number) => `${p}:${l}`;
  const plantedAt = new Set(planted.map((p) => key(p.path, p.line)));
  const foundAt = new Set(found.map((f) => key(f.path, f.line)));
  const missed = planted.filter((p) => !foundAt.has(key(p.path, p.line))).length;
  const falsePositives = [...foundAt].filter((k) => !plantedAt.has(k)).length;
  return { recall: (planted.length - missed) / planted.length, missed, falsePositives };
}

function ggFindings(stdout: string): Located[] {
  return (JSON.parse(stdout) as { findings: Located[] }).findings;
}

/** secretlint's `unix` format (path:line:column: message), read from its --output file. */
function secretlintFindings(report: string, dir: string): Located[] {
  const out: Located[] = [];
  for (const line of report.split('\n')) {
    const m = /^(.+?):(\d+):\d+: /.exec(line);
    if (m) out.push({ path: m[1].startsWith(dir) ? m[1].slice(dir.length + 1) : m[1], line: Number(m[2]) });
  }
  return out;
}

if (!existsSync(join(root, 'dist/bundle/cli/main.js'))) {
  const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(2);
}

const { scanText } = (await import(join(root, 'dist/src/secrets/index.js'))) as typeof import('../src/secrets/index.js');
const corpus = generateCorpus(TARGET_MB * 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'gg-bench-secrets-'));
for (const f of corpus.files) {
  mkdirSync(join(dir, dirname(f.path)), { recursive: true });
  writeFileSync(join(dir, f.path), f.text);
}
const reportFile = join(mkdtempSync(join(tmpdir(), 'gg-bench-secretlint-')), 'report.txt');
writeFileSync(join(dir, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
const mb = corpus.bytes / 1e6;
console.log(`corpus: ${mb.toFixed(1)} MB, ${corpus.files.length} files, ${corpus.planted.length} planted secrets (${new Set(corpus.planted.map((p) => p.kind)).size} kinds), traps in every document`);

const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG ?? 'C.UTF-8' };
const gg = { ms: [] as number[], rss: [] as number[], found: [] as Located[] };
const sl = { ms: [] as number[], rss: [] as number[], found: [] as Located[] };
try {
  for (let i = 0; i < RUNS; i++) {
    const a = measureProcess(process.execPath, [join(root, 'bin/gitops-guard.js'), 'secrets', 'apps', '--format', 'json'], { cwd: dir, env });
    if (a.status !== 1) throw new Error(`gitops-guard secrets exited ${a.status}`);
    gg.ms.push(a.ms);
    if (a.rssMb) gg.rss.push(a.rssMb);
    if (i === 0) gg.found = ggFindings(a.stdout);
    // secretlint exits before a large stdout pipe drains: its report goes to a file instead.
    const b = measureProcess(process.execPath, [join(root, 'node_modules/secretlint/bin/secretlint.js'), 'apps/**/*', '--secretlintrc', '.secretlintrc.json', '--format', 'unix', '--no-color', '--output', reportFile], { cwd: dir, env });
    if (b.status !== 0 && b.status !== 1) throw new Error(`secretlint exited ${b.status}`);
    sl.ms.push(b.ms);
    if (b.rssMb) sl.rss.push(b.rssMb);
    if (i === 0) sl.found = secretlintFindings(readFileSync(reportFile, 'utf8'), dir);
  }
  const inProcess = median(await timeRuns(RUNS, () => corpus.files.map((f) => scanText(f.text, f.path))));

  const row = (name: string, r: typeof gg) => {
    const s = score(r.found, corpus.planted);
    const ms = median(r.ms);
    const rss = r.rss.length ? `, peak RSS ${median(r.rss).toFixed(0)} MB` : '';
    console.log(`${name.padEnd(13)} ${ms.toFixed(0).padStart(6)} ms  ${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s  recall ${(s.recall * 100).toFixed(1)}% (${s.missed} missed)  false positives ${s.falsePositives}${rss}`);
  };
  console.log(`CLI, fresh process each, median of ${RUNS}:`);
  row('gitops-guard', gg);
  row('secretlint', sl);
  console.log(`wall-time ratio gitops-guard / secretlint: ${(median(gg.ms) / median(sl.ms)).toFixed(2)}× (goal ≤ 0.2×)`);
  console.log(`in-process scanText over the corpus: ${inProcess.toFixed(0)} ms, ${(mb / (inProcess / 1000)).toFixed(1)} MB/s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dirname(reportFile), { recursive: true, force: true });
}
