// Secret scanner, warm and in process: scanText() over every file of the generated corpus
// (test/secrets/corpus.ts), median of the passes, and the keyword prefilter alone
// (KeywordAutomaton.scan with no-op hits), so that the work after it (rest = scanText − prefilter)
// is visible. Prints the number of findings and a hash of the sorted findings: equal hashes mean
// identical findings.
// Each scanner is bundled with esbuild, as the CLI is, and runs in its own plain `node` process
// (tsx compiles with keepNames, which makes closures made per call costlier than in the CLI).
// With --baseline <dir> (a checkout of another commit: `git worktree add /tmp/gg-base <rev>`),
// that checkout's scanner runs too, its passes alternating with this tree's.
// Run: node --import tsx bench/secrets-detectors.ts [--baseline DIR] [--runs N] [--mb N]
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generateCorpus } from '../test/secrets/corpus.js';
import { median } from './_stats.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argOf = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(argOf('--runs') ?? 7);
const TARGET_MB = Number(argOf('--mb') ?? 20);
const baselineDir = argOf('--baseline');

// The child: loads a bundled scanner and the corpus, answers each 'pass' with its timings.
const WORKER = `
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
const [bundle, corpusFile] = process.argv.slice(2);
const { scanText, builtInDetectors, KeywordAutomaton } = await import(bundle);
const files = JSON.parse(readFileSync(corpusFile, 'utf8'));
const automaton = new KeywordAutomaton([...new Set(builtInDetectors.flatMap((d) => d.keywords.map((k) => k.toLowerCase())))]);
const noop = () => {};
const rows = files.flatMap((f) => scanText(f.text, f.path)).map((x) => JSON.stringify(x)).sort();
for (let i = 0; i < 2; i++) for (const f of files) scanText(f.text, f.path);
process.send({ count: rows.length, hash: createHash('sha256').update(rows.join('\\n')).digest('hex').slice(0, 16) });
process.on('message', () => {
  let t = performance.now();
  for (const f of files) scanText(f.text, f.path);
  const total = performance.now() - t;
  t = performance.now();
  for (const f of files) automaton.scan(f.text, noop);
  process.send({ total, prefilter: performance.now() - t });
});
`;

interface Subject {
  name: string;
  dir: string;
  child?: ReturnType<typeof fork>;
  digest?: { count: number; hash: string };
  totals: number[];
  prefilters: number[];
}

const tmp = mkdtempSync(join(tmpdir(), 'gg-bench-detectors-'));
try {
  const corpus = generateCorpus(TARGET_MB * 1_000_000);
  const mb = corpus.bytes / 1e6;
  const corpusFile = join(tmp, 'corpus.json');
  writeFileSync(corpusFile, JSON.stringify(corpus.files));
  writeFileSync(join(tmp, 'worker.mjs'), WORKER);

  const subjects: Subject[] = [{ name: 'this tree', dir: root, totals: [], prefilters: [] }];
  if (baselineDir) subjects.push({ name: `baseline (${baselineDir})`, dir: resolve(baselineDir), totals: [], prefilters: [] });

  const next = (child: ReturnType<typeof fork>) => new Promise<Record<string, number | string>>((ok) => child.once('message', (m) => ok(m as Record<string, number | string>)));
  for (const [i, s] of subjects.entries()) {
    const bundle = join(tmp, `scanner-${i}.mjs`);
    await build({
      stdin: {
        contents: "export { scanText } from './scan.js'; export { builtInDetectors } from './detectors/index.js'; export { KeywordAutomaton } from './keyword-automaton.js';",
        resolveDir: join(s.dir, 'src/secrets'),
        loader: 'ts',
      },
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
    });
    s.child = fork(join(tmp, 'worker.mjs'), [bundle, corpusFile], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    s.digest = (await next(s.child)) as { count: number; hash: string };
  }
  console.log(`corpus: ${mb.toFixed(1)} MB, ${corpus.files.length} files; ${RUNS} passes each after 3 warm-up passes, median`);

  for (let r = 0; r < RUNS; r++) {
    for (const s of r % 2 ? [...subjects].reverse() : subjects) {
      const reply = next(s.child!);
      s.child!.send('pass');
      const { total, prefilter } = (await reply) as { total: number; prefilter: number };
      s.totals.push(total);
      s.prefilters.push(prefilter);
    }
  }
  for (const s of subjects) s.child!.kill();

  const rows = subjects.map((s) => {
    const total = median(s.totals);
    const pre = median(s.prefilters);
    const rest = median(s.totals.map((t, i) => t - s.prefilters[i]));
    console.log(
      `${s.name.padEnd(32)} scanText ${total.toFixed(0).padStart(5)} ms ${(mb / (total / 1000)).toFixed(1).padStart(6)} MB/s | prefilter ${pre.toFixed(0).padStart(4)} ms | rest ${rest.toFixed(0).padStart(4)} ms | ${s.digest!.count} findings, sha256 ${s.digest!.hash}`,
    );
    return { total, rest };
  });
  if (rows.length === 2) {
    // Also per round (the two passes run back to back), which drifts less with the machine's load.
    const [a, b] = subjects;
    const perRound = median(a.totals.map((t, i) => (t - a.prefilters[i]) / (b.totals[i] - b.prefilters[i])));
    console.log(`ratio this/baseline: scanText ${(rows[0].total / rows[1].total).toFixed(2)}×, rest (after the prefilter) ${(rows[0].rest / rows[1].rest).toFixed(2)}× (median of per-round ratios ${perRound.toFixed(2)}×)`);
    const [da, db] = subjects.map((s) => s.digest!);
    console.log(da.hash === db.hash && da.count === db.count ? 'findings: identical' : 'findings: DIFFERENT');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
