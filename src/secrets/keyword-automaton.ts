// Keyword prefilter: one pass over the text with an Aho–Corasick automaton (as gitleaks does),
// case-insensitive for ASCII. Reports, per line, which keywords occur on it.

const ALPHABET = 128;

export class KeywordAutomaton {
  /** Transitions, indexed by state * ALPHABET + char, holding the next state already multiplied by ALPHABET. */
  private readonly delta: Int32Array;
  /** 1 where the state (state * ALPHABET) ends a keyword: keeps the hot loop to typed-array reads. */
  private readonly accepting: Uint8Array;
  /** For each state, the keyword ids that end there (including via failure links). */
  private readonly outputs: (number[] | undefined)[];

  constructor(readonly keywords: string[]) {
    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    keywords.forEach((kw, id) => {
      let s = 0;
      for (const ch of kw.toLowerCase()) {
        const c = ch.charCodeAt(0);
        if (c >= ALPHABET) throw new Error(`keyword ${JSON.stringify(kw)} must be ASCII`);
        let next = goto[s].get(c);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[s].set(c, next);
        }
        s = next;
      }
      out[s].push(id);
    });
    const n = goto.length;
    const delta = new Int32Array(n * ALPHABET);
    const fail = new Int32Array(n);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const s = goto[0].get(c);
      if (s !== undefined) {
        delta[c] = s;
        queue.push(s);
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const r = queue[qi];
      for (let c = 0; c < ALPHABET; c++) {
        const s = goto[r].get(c);
        if (s !== undefined) {
          queue.push(s);
          fail[s] = delta[fail[r] * ALPHABET + c];
          out[s] = out[s].concat(out[fail[s]]);
          delta[r * ALPHABET + c] = s;
        } else {
          delta[r * ALPHABET + c] = delta[fail[r] * ALPHABET + c];
        }
      }
    }
    // Case-insensitive: upper-case ASCII letters move like their lower-case forms.
    for (let s = 0; s < n; s++) {
      for (let c = 65; c <= 90; c++) delta[s * ALPHABET + c] = delta[s * ALPHABET + c + 32];
    }
    for (let i = 0; i < delta.length; i++) delta[i] *= ALPHABET;
    this.delta = delta;
    this.outputs = out.map((o) => (o.length ? o : undefined));
    this.accepting = new Uint8Array(n * ALPHABET);
    out.forEach((o, st) => {
      if (o.length) this.accepting[st * ALPHABET] = 1;
    });
  }

  /**
   * Calls onHit(line, keywordId) for every keyword occurrence; lines are 1-based. A keyword
   * occurring several times on one line is reported once per line.
   */
  scan(text: string, onHit: (line: number, keywordId: number) => void): void {
    const delta = this.delta;
    const accepting = this.accepting;
    const outputs = this.outputs;
    const seen = new Int32Array(this.keywords.length); // last line each keyword was reported on
    let s = 0;
    let line = 1;
    for (let i = 0, len = text.length; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line++;
        s = 0;
        continue;
      }
      s = c < ALPHABET ? delta[s + c] : 0;
      if (accepting[s] === 1) {
        const o = outputs[s / ALPHABET]!;
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
