// Pod Security Standards throughput: all 4,537 upstream PSA fixtures (../shared/conformance/psa),
// parsed and evaluated in-process, and through the CLI in a fresh process on the whole tree.
// Run: node --import tsx bench/pss.ts [--runs N]   (the CLI part needs `npm run build` first)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { evaluatePod, type PssLevel } from '../src/pss/index.js';
import { conformanceDir } from '../test/support/conformance.js';
import { evaluateManifest } from '../src/pss/manifests.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixturesDir = conformanceDir('psa');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

if (!existsSync(fixturesDir)) {
  console.error(`bench/pss: fixtures not found at ${fixturesDir}`);
  process.exit(2);
}

interface Fixture { text: string; level: PssLevel; version: string; path: string }
const fixtures: Fixture[] = [];
for (const level of ['baseline', 'restricted'] as const) {
  for (const version of readdirSync(join(fixturesDir, level))) {
    for (const outcome of ['pass', 'fail']) {
      const dir = join(fixturesDir, level, version, outcome);
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir)) if (f.endsWith('.yaml')) fixtures.push({ text: readFileSync(join(dir, f), 'utf8'), level, version, path: join(dir, f) });
    }
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
function time(fn: () => void): number[] {
  fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

let sink = 0;
const parsed = fixtures.map((f) => parse(f.text) as { spec?: unknown; metadata?: unknown });
const parseOnly = time(() => { for (const f of fixtures) sink += (parse(f.text) ? 1 : 0); });
const evaluateOnly = time(() => { for (let i = 0; i < fixtures.length; i++) sink += evaluatePod(parsed[i].spec, parsed[i].metadata, fixtures[i].level, fixtures[i].version).violations.length; });
const parseAndEvaluate = time(() => {
  for (const f of fixtures) {
    const pod = parse(f.text) as { spec?: unknown; metadata?: unknown };
    sink += evaluatePod(pod.spec, pod.metadata, f.level, f.version).violations.length;
  }
});
const sourceMapped = time(() => { for (const f of fixtures) sink += evaluateManifest(f.text, f.path, f.level, f.version).results.length; });

const n = fixtures.length;
const row = (name: string, ms: number[]) => {
  const m = median(ms);
  console.log(`${name.padEnd(44)} median ${m.toFixed(1).padStart(8)} ms   ${(n / (m / 1000)).toFixed(0).padStart(9)} fixtures/s   (min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)})`);
  return m;
};
console.log(`PSS bench: ${n} fixtures, ${RUNS} timed runs each (after one warm-up)\n`);
console.log('in-process');
const mParse = row('  yaml parse only (baseline)', parseOnly);
const mEval = row('  evaluatePod only (pre-parsed)', evaluateOnly);
const mBoth = row('  parse + evaluatePod', parseAndEvaluate);
const mMapped = row('  source-mapped parse + evaluate (CLI path)', sourceMapped);
console.log(`  evaluate / parse ratio: ${(mEval / mParse).toFixed(3)}; per fixture: parse+evaluate ${((mBoth / n) * 1000).toFixed(1)} µs, evaluate ${((mEval / n) * 1000).toFixed(1)} µs; source maps cost ${(mMapped / mBoth).toFixed(2)}x plain parse+evaluate`);

const bin = join(root, 'bin/gitops-guard.js');
const cliRuns = Math.min(RUNS, 5);
function wall(args: string[]): { ms: number[]; status: number | null; stderr: string; stdout: string } {
  const ms: number[] = [];
  let last: ReturnType<typeof spawnSync> | undefined;
  for (let i = 0; i < cliRuns; i++) {
    const t = performance.now();
    last = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    ms.push(performance.now() - t);
  }
  return { ms, status: last!.status, stderr: String(last!.stderr), stdout: String(last!.stdout) };
}

console.log(`\nfresh process (${cliRuns} runs each, wall clock including Node start-up)`);
const nodeStart = wall(['-e', '0']);
const mNode = row('  node -e 0 (baseline start-up)', nodeStart.ms);
if (!existsSync(join(root, 'dist/bundle/cli/main.js'))) {
  console.log('  CLI: dist/ missing, run `npm run build` first');
} else {
  const help = wall([bin, 'pss', '--help']);
  if (help.status !== 0) {
    console.log(`  CLI failed to start (exit ${help.status}): ${help.stderr.split('\n').find((l) => l.trim()) ?? ''}`);
  } else {
    const mHelp = row('  gitops-guard pss --help (CLI start-up)', help.ms);
    for (const level of ['baseline', 'restricted']) {
      const cli = wall([bin, 'pss', '--level', level, '--format', 'json', fixturesDir]);
      if (cli.status !== 0 && cli.status !== 1) {
        console.log(`  CLI --level ${level} failed (exit ${cli.status}): ${cli.stderr.split('\n')[0]}`);
        continue;
      }
      const out = JSON.parse(cli.stdout) as { results: { allowed: boolean }[]; errors: unknown[] };
      const m = row(`  gitops-guard pss --level ${level} <tree>`, cli.ms);
      console.log(`    ${out.results.length} objects (${out.results.filter((r) => !r.allowed).length} denied, ${out.errors.length} unreadable), exit ${cli.status}; ${(m / mNode).toFixed(1)}x node start-up, ${(m - mHelp).toFixed(0)} ms beyond CLI start-up; goal < 3000 ms: ${m < 3000 ? 'met' : 'MISSED'}`);
    }
  }
}
if (sink < 0) console.log(sink);
