// KeywordAutomaton (the secret scanner's keyword prefilter, a wasm DFA loop): unit cases and a
// property test against a naive reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AutomatonLimits, KeywordAutomaton } from '../../src/secrets/keyword-automaton.js';

type Hit = [line: number, keywordId: number];

function hitsOf(keywords: string[], text: string, limits?: AutomatonLimits): Hit[] {
  const out: Hit[] = [];
  new KeywordAutomaton(keywords, limits).scan(text, (line, id) => out.push([line, id]));
  return out;
}

/**
 * For each line, each keyword that occurs in it. Only ASCII letters are lower-cased, as the
 * automaton does: String#toLowerCase maps some non-ASCII chars to ASCII (K KELVIN SIGN → k).
 */
function reference(keywords: string[], text: string): Hit[] {
  const out: Hit[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/[A-Z]/g, (c) => c.toLowerCase());
    keywords.forEach((kw, id) => {
      if (line.includes(kw.toLowerCase())) out.push([i + 1, id]);
    });
  });
  return out;
}

const sorted = (hits: Hit[]): Hit[] => [...hits].sort((a, b) => a[0] - b[0] || a[1] - b[1]);

describe('KeywordAutomaton', () => {
  it('matches ASCII case-insensitively, keywords given in either case', () => {
    expect(hitsOf(['password', 'TOKEN'], 'PassWord: x\nmy_Token: y\n')).toEqual([[1, 0], [2, 1]]);
  });

  it('reports overlapping keywords, each once per line, in the order they end', () => {
    const kws = ['sk', 'sk-ant-', 'ant', 'token', 'ken'];
    expect(hitsOf(kws, 'key: sk-ant-api03 sk-ant- sk\ntoken')).toEqual([[1, 0], [1, 2], [1, 1], [2, 3], [2, 4]]);
  });

  it('does not match a keyword split by a newline', () => {
    expect(hitsOf(['password'], 'pass\nword')).toEqual([]);
    expect(hitsOf(['pass', 'word'], 'pass\nword')).toEqual([[1, 0], [2, 1]]);
  });

  it('resets on non-ASCII chars, including ones that lower-case to ASCII', () => {
    expect(hitsOf(['password'], 'pass\u00e9word')).toEqual([]);
    expect(hitsOf(['pass', 'word'], 'pass\u00e9word')).toEqual([[1, 0], [1, 1]]);
    expect(hitsOf(['token'], 'to\u212Aen to\u{1F600}ken tok\uD800en')).toEqual([]);
    expect(hitsOf(['token'], '\u00e9\u{1F600}token\u00e9')).toEqual([[1, 0]]);
  });

  it('counts lines by \\n only: CRLF text', () => {
    expect(hitsOf(['password', 'pass\rword'], 'a: 1\r\npassword: x\r\npass\r\nword\r\n')).toEqual([[2, 0]]);
  });

  it('reports nothing for an empty text, and the empty keyword on every line', () => {
    expect(hitsOf(['token'], '')).toEqual([]);
    expect(hitsOf(['', 'token'], '')).toEqual([[1, 0]]);
    expect(hitsOf(['token', ''], 'a token\n\nb\n')).toEqual([[1, 1], [1, 0], [2, 1], [3, 1], [4, 1]]);
  });

  it('handles a text without a trailing newline and a keyword at its very end', () => {
    expect(hitsOf(['token'], 'a\nb\nc: token')).toEqual([[3, 0]]);
    expect(hitsOf(['sk'], 'sk')).toEqual([[1, 0]]);
    expect(hitsOf(['sk', 'k'], 'x\nask')).toEqual([[2, 0], [2, 1]]);
  });

  it('rejects non-ASCII keywords and limits that cannot work', () => {
    expect(() => new KeywordAutomaton(['pässword'])).toThrow(/must be ASCII/);
    expect(() => new KeywordAutomaton(['x'], { hitCapacity: 1 })).toThrow(RangeError);
    expect(() => new KeywordAutomaton(['x'], { maxTextBytes: 3 })).toThrow(RangeError);
  });

  it('keeps every hit when there are more than the hit buffer holds', () => {
    const text = 'sk\nx\n'.repeat(60_000); // 60,000 hits, ~15,000 per lane against 4,096 per lane
    const hits = hitsOf(['sk', 'x'], text);
    expect(hits.length).toBe(120_000);
    expect(hits).toEqual(Array.from({ length: 60_000 }, (_, i) => [[2 * i + 1, 0], [2 * i + 2, 1]]).flat());
    // Many hits on one line: reported once.
    expect(hitsOf(['sk'], `${'sk '.repeat(50_000)}\nsk`)).toEqual([[1, 0], [2, 0]]);
    // The smallest buffers, in the lanes (long text) and in the byte-at-a-time tails.
    expect(hitsOf(['sk', 'x'], text.slice(0, 30_000), { hitCapacity: 2 })).toEqual(reference(['sk', 'x'], text.slice(0, 30_000)));
  });

  it('scans a text larger than its initial memory, and one longer than a slice', () => {
    const line = (i: number) => (i % 97 === 0 ? `  password: ${i}\n` : i % 89 === 0 ? `  p\u00e4ss: ${i}\n` : `  key${i}: value\n`);
    const big = Array.from({ length: 150_000 }, (_, i) => line(i)).join(''); // ~2.7 MB
    expect(big.length).toBeGreaterThan(2_000_000);
    expect(hitsOf(['password', 'key'], big)).toEqual(reference(['password', 'key'], big));
    // Slices of 4,099 bytes: keywords, lines and UTF-8 sequences straddle their ends.
    const part = big.slice(0, 200_000);
    expect(hitsOf(['password', 'key', 'ss: '], part, { maxTextBytes: 4099 })).toEqual(reference(['password', 'key', 'ss: '], part));
  });

  it('walks UTF-8 bytes as they are, invalid UTF-8 included, and decodes them into slices when they do not fit', () => {
    const bytes = Buffer.concat([Buffer.from('password: x\n\xff\xfesecret\n', 'latin1'), Buffer.from('p\u00e4ss: token\n')]);
    const text = bytes.toString('utf8'); // the invalid bytes decode to U+FFFD
    const kws = ['password', 'secret', 'token', 'ss: '];
    const withBytes: Hit[] = [];
    new KeywordAutomaton(kws).scan(bytes, (line, id) => withBytes.push([line, id]));
    expect(sorted(withBytes)).toEqual(sorted(reference(kws, text)));
    const sliced: Hit[] = [];
    new KeywordAutomaton(kws, { maxTextBytes: 8 }).scan(bytes, (line, id) => sliced.push([line, id]));
    expect(sorted(sliced)).toEqual(sorted(reference(kws, text)));
  });

  it('scans a text longer than the default slice (16 MiB)', () => {
    const block = `${'x'.repeat(1000)}\n${'y'.repeat(500)}secret\n`;
    const text = block.repeat(12_000) + `${'z'.repeat(200)}secret`; // ~18 MB
    expect(text.length).toBeGreaterThan(17 << 20);
    const hits = hitsOf(['secret'], text);
    expect(hits).toEqual([...Array.from({ length: 12_000 }, (_, i): Hit => [2 * i + 2, 0]), [24_001, 0]]);
  });

  it('stays correct when onHit scans again with the same automaton', () => {
    const ka = new KeywordAutomaton(['token', 'pass']);
    const outer: Hit[] = [];
    const inner: Hit[][] = [];
    ka.scan('token pass token\n\npass\ntoken', (line, id) => {
      outer.push([line, id]);
      const mine: Hit[] = [];
      ka.scan('pass\npass token', (l, i) => mine.push([l, i]));
      inner.push(mine);
    });
    expect(outer).toEqual([[1, 0], [1, 1], [3, 1], [4, 0]]);
    for (const mine of inner) expect(mine).toEqual([[1, 1], [2, 1], [2, 0]]);
  });

  describe('against the naive reference (fast-check)', () => {
    const alphabet = 'abkstAKS-_: ';
    const keyword = fc.oneof(
      fc.constantFrom('sk', 'sk-ant-', 'pass', 'token', 'ak', 'a', '', 'SK', 'k\nt', 'accountkey'),
      fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength: 5 }),
    );
    const piece = (keywords: string[]) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 6 }) },
        { weight: 2, arbitrary: keywords.length ? fc.constantFrom(...keywords) : fc.constant('') },
        { weight: 1, arbitrary: fc.constantFrom('\n', '\r\n', '\u00e9', '\u212A', '\u{1F600}', '\uD800', 'SK-ANT-', 'Token') },
      );
    const limits = fc.oneof(
      fc.constant(undefined),
      fc.record({ hitCapacity: fc.integer({ min: 2, max: 9 }), maxTextBytes: fc.integer({ min: 4, max: 80 }) }),
      fc.record({ hitCapacity: fc.integer({ min: 2, max: 9 }), maxTextBytes: fc.integer({ min: 4096, max: 9000 }) }),
    );
    const check = (keywords: string[], text: string, lim: AutomatonLimits | undefined) => {
      const hits = hitsOf(keywords, text, lim);
      expect(sorted(hits)).toEqual(reference(keywords, text));
      for (let i = 1; i < hits.length; i++) expect(hits[i][0]).toBeGreaterThanOrEqual(hits[i - 1][0]);
    };

    it('short texts', () => {
      const input = fc.array(keyword, { minLength: 0, maxLength: 6 }).chain((kws) =>
        fc.tuple(fc.constant(kws), fc.array(piece(kws), { maxLength: 60 }).map((ps) => ps.join('')), limits),
      );
      fc.assert(fc.property(input, ([kws, text, lim]) => check(kws, text, lim)), { numRuns: 300 });
    });

    it('texts long enough to be walked in lanes', () => {
      const input = fc.array(keyword, { minLength: 1, maxLength: 6 }).chain((kws) =>
        fc.tuple(
          fc.constant(kws),
          fc.array(piece(kws), { minLength: 1, maxLength: 300 }).map((ps) => {
            let text = ps.join('') || 'x';
            while (text.length < 5000) text += `\n${text}`;
            return text;
          }),
          limits,
        ),
      );
      fc.assert(fc.property(input, ([kws, text, lim]) => check(kws, text, lim)), { numRuns: 100 });
    });
  });
});
