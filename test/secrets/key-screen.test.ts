// The key screen: its statement over JavaScript strings (key-screen-reference.ts) against the key
// detectors, the WebAssembly screen (wasm/key-screen.ts) against that statement, and the keyword
// automaton that runs it on its hits: a hit it drops must be one no key detector reports on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignedDetectors } from '../../src/secrets/detectors/assigned.js';
import { type AutomatonLimits, KeywordAutomaton } from '../../src/secrets/keyword-automaton.js';
import { isSecretKey } from '../../src/secrets/secret-keys.js';
import { makeSource } from '../../src/secrets/source.js';
import type { Candidate, ScanSource } from '../../src/secrets/types.js';
import { KeyFilter } from '../../src/secrets/wasm/key-filter.js';
import { generateCorpus } from './corpus.js';
import { yamlText } from './generated-yaml.js';
import { screenLine } from './key-screen-reference.js';

const accepts = assignedDetectors[0].keyScreen!;

/** What the key detectors report on line n when every line is parsed. */
function reported(src: ScanSource, n: number): Candidate[] {
  const out: Candidate[] = [];
  for (const d of assignedDetectors) d.detect(src, n, (c) => out.push(c));
  return out;
}

function screens(text: string, n = 1): boolean {
  return screenLine(makeSource(text, 'a.yaml'), n, accepts);
}

describe('screenLine', () => {
  it('keeps lines that may assign a credential to a key', () => {
    for (const line of [
      'password: "Xk9#mP2$vL8qR4nW"',
      '  DB_PASSWORD=Tr0ub4dor&3xYz',
      '"db_password": "Tr0ub4dor&3xYz!q",',
      'args: ["--db-password=Tr0ub4dor&3xYz!q"]',
      'conn: "Server=x;Password=Tr0ub4dor&3xYz"',
      'url: a existing/password=Tr0ub4dor', // not a plain line: `password` after the `/` is a key
      '- {name: DB_PASSWORD, value: "Tr0ub4dor&3xYz!q"}',
      'aws_secret_access_key = Zq8vR2mK9tL4bN7cZ1wY3jHf6sPaE5gU0iOq2Wd4',
    ]) expect(screens(line), line).toBe(true);
    expect(screens('- name: DB_PASSWORD\n  value: "Tr0ub4dor&3xYz!q"')).toBe(true);
    // A value line the env parser does not read (a line terminator inside it): the value below counts.
    expect(screens('- name: DB_PASSWORD\n  value: a\u2028\n  value: Xk9#mP2$vL8qR4nW')).toBe(true);
    expect(screens('- name: DB_PASSWORD\n  value: a\rb\n  value: Xk9#mP2$vL8qR4nW')).toBe(true);
    expect(screens('- name: DB_PASSWORD\n  value: \rTr0ub4dor&3xYz')).toBe(true); // whitespace after the `:`, \r included, is read past
    expect(screens('- "name": DB_PASSWORD\n  # value below\n\n  "value" : Tr0ub4dor&3xYz!q')).toBe(true);
  });

  it('passes over lines whose keys name no credential, whose values cannot be one, and env entries without a value', () => {
    for (const line of [
      'secretKeyRef:',
      'kind: Secret',
      'key: password',
      'existingSecret: db-prod-credentials',
      'checksum/secret: 5f3b15e1be2dc75486f2266474ea8009c86b9977601d3c91db85935dfa467718',
      'automountServiceAccountToken: false',
      'password: "{{ .Values.db.password | b64enc }}"',
      'password: ${DB_PASSWORD}',
      "apiKey: '$API_KEY_VALUE'",
      'token: "<your-token-here>"',
      'password: short',
      'value: "${CACHE_PASSWORD}"',
      'password: "changeme"',
      "db_password: '*****'",
      'DB_PASSWORD=REPLACE_ME',
    ]) expect(screens(line), line).toBe(false);
    expect(screens('- name: ADMIN_PASSWORD\n  value: "changeme"')).toBe(false);
    // Values the parser may cut or unquote otherwise are left to it.
    expect(screens('password: changeme # Tr0ub4dor&3xYz')).toBe(true);
    expect(screens('password: "changeme" # was Tr0ub4dor&3xYz')).toBe(true);
    expect(screens('- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:')).toBe(false);
    expect(screens('- name: DB_PASSWORD\n  value: "${DB_PASSWORD}"\n- name: LOG\n  value: verbose-mode')).toBe(false);
    expect(screens('- name: SESSION_SECRET_FILE\n  value: /etc/secret/session')).toBe(false);
    expect(screens('metadata:\n  name: db-prod-credentials\n  namespace: apps', 2)).toBe(false);
  });
});

describe('screenLine, against the key detectors', () => {
  it('keeps every line a key detector reports on', () => {
    fc.assert(
      fc.property(yamlText, fc.constantFrom('a.yaml', 'chart/values-prod.yaml'), (text, path) => {
        const src = makeSource(text, path);
        for (let n = 1; n <= src.lineCount; n++) if (reported(src, n).length) expect(screenLine(src, n, accepts), JSON.stringify(src.line(n))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps every line a key detector reports on in the benchmark corpus, and few others', () => {
    const corpus = generateCorpus(1_500_000, 7);
    let reportedLines = 0;
    let kept = 0;
    for (const f of corpus.files) {
      const src = makeSource(f.text, f.path);
      for (let n = 1; n <= src.lineCount; n++) {
        const keep = screenLine(src, n, accepts);
        if (reported(src, n).length) {
          reportedLines++;
          expect(keep).toBe(true);
        }
        if (keep) kept++;
      }
    }
    expect(reportedLines).toBeGreaterThan(50);
    expect(kept).toBeLessThan(10 * reportedLines);
  });
});

/** A KeyFilter over its own memory, with a text written after it; lines addressed in bytes. */
function wasmScreen(): { screen(text: string, n: number): boolean } {
  const memory = new WebAssembly.Memory({ initial: 8 });
  const base = 1024;
  const rowLimit = 4096;
  const filter = new KeyFilter(memory, base, rowLimit, accepts);
  const textAt = base + KeyFilter.bytes(rowLimit);
  return {
    screen(text, n) {
      const bytes = Buffer.from(text, 'utf8');
      new Uint8Array(memory.buffer).set(bytes, textAt);
      let start = 0;
      for (let k = 1; k < n; k++) start = bytes.indexOf(10, start) + 1;
      const nl = bytes.indexOf(10, start);
      const end = nl < 0 ? bytes.length : nl;
      const hi = textAt + bytes.length;
      filter.screenLine(textAt + start, textAt + end, hi);
      filter.learn(); // the first look lists the keys it does not know; the second knows them
      return filter.screenLine(textAt + start, textAt + end, hi);
    },
  };
}

describe('the WebAssembly key screen', () => {
  it('keeps what the JavaScript screen keeps on lines the generated ones rarely hold', () => {
    const wasm = wasmScreen();
    const lines = [
      '- {name: existing-secret, env: {name: DB_PASSWORD, value: "Tr0ub4dor&3xYz!q"}}', // two names, the second the entry's
      'password: "Tr0ub4dor&3xYz!q" # ünïcode',
      'pässword: x, password: "Tr0ub4dor&3xYz!q"',
      '- name: DB_PASSWORD\n  value: a\rb\n  value: Xk9#mP2$vL8qR4nW',
      '- name: DB_PASSWORD\n  value: \rTr0ub4dor&3xYz',
    ];
    for (const text of lines) {
      expect(screens(text), text).toBe(true);
      expect(wasm.screen(text, 1), text).toBe(true);
    }
  });

  it('keeps every line the JavaScript screen keeps, and passes over most of the others', () => {
    const wasm = wasmScreen();
    let dropped = 0;
    let refused = 0;
    fc.assert(
      fc.property(yamlText, (text) => {
        const src = makeSource(text, 'a.yaml');
        for (let n = 1; n <= src.lineCount; n++) {
          const js = screenLine(src, n, accepts);
          const byWasm = wasm.screen(text, n);
          if (js) expect(byWasm, JSON.stringify(src.line(n))).toBe(true);
          else {
            refused++;
            if (!byWasm) dropped++;
          }
        }
      }),
      { numRuns: 600 },
    );
    expect(dropped / refused).toBeGreaterThan(0.5);
  });
});

type Hit = [line: number, keywordId: number];

function hits(automaton: KeywordAutomaton, text: string): Hit[] {
  const out: Hit[] = [];
  automaton.scan(text, (line, id) => out.push([line, id]));
  return out;
}

describe('KeywordAutomaton with a key screen', () => {
  const keywords = [...new Set(assignedDetectors.flatMap((d) => d.keywords)), 'sk', 'eyj'];
  const keyed = keywords.flatMap((k, id) => (k === 'sk' || k === 'eyj' ? [] : [id]));
  const check = (text: string, limits?: AutomatonLimits): number => {
    const all = hits(new KeywordAutomaton(keywords, limits), text);
    const kept = hits(new KeywordAutomaton(keywords, limits, { keywordIds: keyed, accepts }), text);
    const keptSet = new Set(kept.map((h) => h.join()));
    expect(all.filter((h) => keptSet.has(h.join()))).toEqual(kept); // a subset, in the same order
    const src = makeSource(text, 'a.yaml');
    let droppedCount = 0;
    for (const [line, id] of all) {
      if (keptSet.has(`${line},${id}`)) continue;
      droppedCount++;
      expect(keyed).toContain(id);
      expect(reported(src, line), `line ${line}: ${JSON.stringify(src.line(line))}`).toEqual([]);
    }
    return droppedCount;
  };

  it('drops only hits of screened keywords on lines no key detector reports on', () => {
    fc.assert(fc.property(yamlText, (text) => void check(text)), { numRuns: 300 });
  });

  it('does so across slices of a long text and hit buffers that fill up', () => {
    fc.assert(fc.property(yamlText, (text) => void check(text, { maxTextBytes: 64, hitCapacity: 8 })), { numRuns: 300 });
  });

  it('drops most hits on the benchmark corpus, and none a key detector reports on', () => {
    const corpus = generateCorpus(1_000_000, 11);
    let dropped = 0;
    for (const f of corpus.files) dropped += check(f.text);
    expect(dropped).toBeGreaterThan(5000);
  });

  it('learns key verdicts from the shared KeyVerdict and keeps no more than the screen allows once it knows them', () => {
    expect(isSecretKey('existingSecret')).toBe(false);
    const automaton = new KeywordAutomaton(keywords, {}, { keywordIds: keyed, accepts });
    const text = 'existingSecret: db-prod-credentials-x1\n'.repeat(3);
    expect(new Set(hits(automaton, text).map(([line]) => line))).toEqual(new Set([1, 2, 3])); // the verdict on `existingSecret` is learned after this walk
    expect(hits(automaton, text)).toEqual([]);
  });
});
