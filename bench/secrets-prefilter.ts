// Keyword prefilter micro bench: the KeywordAutomaton (wasm DFA loop) against the pure-JS loop it
// replaced (kept below as the baseline), on the generated 20 MB Kubernetes YAML corpus with the
// built-in detectors' keywords, file by file as scan.ts calls it. Also times TextEncoder.encodeInto
// alone, the part of the new path that copies the text into wasm memory. Median of 7 warm passes.
// Run: node --import tsx bench/secrets-prefilter.ts [--mb N] [--runs N]
import { ASCII, buildKeywordDfa } from '../src/secrets/aho-corasick.js';
import { builtInDetectors } from '../src/secrets/detectors/index.js';
import { KeywordAutomaton } from '../src/secrets/keyword-automaton.js';
import { generateCorpus } from '../test/secrets/corpus.js';
import { median } from './_stats.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('--runs', 7);
const MB = arg('--mb', 20);

/** The pure-JS scan loop as it was before the wasm loop, over the same construction (buildKeywordDfa). */
class JsKeywordAutomaton {
  private readonly delta: Int32Array;
  private readonly accepting: Uint8Array;
  private readonly outputs: (number[] | undefined)[];

  constructor(readonly keywords: string[]) {
    const { states, delta, outputs } = buildKeywordDfa(keywords);
    for (let i = 0; i < delta.length; i++) delta[i] *= ASCII;
    this.delta = delta;
    this.outputs = outputs.map((o) => (o.length ? o : undefined));
    this.accepting = new Uint8Array(states * ASCII);
    outputs.forEach((o, st) => {
      if (o.length) this.accepting[st * ASCII] = 1;
    });
  }

  scan(text: string, onHit: (line: number, keywordId: number) => void): void {
    const delta = this.delta;
    const accepting = this.accepting;
    const outputs = this.outputs;
    const seen = new Int32Array(this.keywords.length);
    let s = 0;
    let line = 1;
    for (let i = 0, len = text.length; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line++;
        s = 0;
        continue;
      }
      s = c < ASCII ? delta[s + c] : 0;
      if (accepting[s] === 1) {
        const o = outputs[s / ASCII]!;
        for (let k = 0; k < o.length; k++) {
          const id = o[k];
          if (seen[id] !== line) {
            seen[id] = line;
            onHit(line, id);
          }
        }
      }
    }
  }
}

const corpus = generateCorpus(MB * 1_000_000);
const texts = corpus.files.map((f) => f.text);
const chars = texts.reduce((n, t) => n + t.length, 0);
// As scan.ts builds its prefilter: every detector keyword, lower-cased, first occurrence wins.
const keywords = [...new Set(builtInDetectors.flatMap((d) => d.keywords.map((k) => k.toLowerCase())))];

interface Scanner {
  scan(text: string, onHit: (line: number, keywordId: number) => void): void;
}

/** One pass over the corpus: hit count and an order-sensitive checksum of (file, line, keyword). */
function pass(a: Scanner): { hits: number; sum: number } {
  let hits = 0;
  let sum = 0;
  texts.forEach((t, f) => {
    a.scan(t, (line, id) => {
      hits++;
      sum = (Math.imul(sum, 31) + f * 1_000_003 + line * 131 + id) | 0;
    });
  });
  return { hits, sum };
}

const encodeBuf = new Uint8Array(texts.reduce((m, t) => Math.max(m, t.length * 3), 0));
const encoder = new TextEncoder();
const subjects: [string, () => { hits: number; sum: number } | undefined][] = [];
const oldJs = new JsKeywordAutomaton(keywords);
const wasm = new KeywordAutomaton(keywords);
subjects.push(['old JS loop', () => pass(oldJs)]);
subjects.push(['KeywordAutomaton', () => pass(wasm)]);
subjects.push([
  'TextEncoder.encodeInto only',
  () => {
    for (const t of texts) encoder.encodeInto(t, encodeBuf);
    return undefined;
  },
]);

const times = subjects.map(() => [] as number[]);
const results = subjects.map(() => undefined as { hits: number; sum: number } | undefined);
for (const [, run] of subjects) for (let i = 0; i < 2; i++) run(); // warm up
for (let r = 0; r < RUNS; r++) {
  // Alternate the subjects so drift in machine load falls on all of them.
  subjects.forEach(([, run], i) => {
    const t = performance.now();
    results[i] = run();
    times[i].push(performance.now() - t);
  });
}

console.log(`corpus: ${texts.length} files, ${chars} chars; ${keywords.length} keywords; median of ${RUNS} passes`);
subjects.forEach(([name], i) => {
  const ms = median(times[i]);
  const res = results[i];
  const counts = res ? `  hits ${res.hits}  checksum ${res.sum}` : '';
  console.log(`${name.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms  ${((ms * 1e6) / chars).toFixed(2)} ns/char  (min ${Math.min(...times[i]).toFixed(1)} ms)${counts}`);
});
const [a, b] = [results[0]!, results[1]!];
console.log(a.hits === b.hits && a.sum === b.sum ? 'hits agree' : 'HITS DIFFER');
if (a.hits !== b.hits || a.sum !== b.sum) process.exitCode = 1;
