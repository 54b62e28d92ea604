// The Aho–Corasick automaton of a keyword list as a complete DFA over ASCII, case-insensitive:
// `delta[state * ASCII + char]` is the next state, `outputs[state]` the ids of the keywords that end
// there (including via failure links). Empty keywords are left out: the caller decides what they mean.

export const ASCII = 128;

export interface KeywordDfa {
  states: number;
  delta: Int32Array;
  outputs: number[][];
}

export function buildKeywordDfa(keywords: readonly string[]): KeywordDfa {
  const goto: Map<number, number>[] = [new Map()];
  const out: number[][] = [[]];
  keywords.forEach((kw, id) => {
    if (kw === '') return;
    let s = 0;
    for (const ch of kw.toLowerCase()) {
      const c = ch.charCodeAt(0);
      if (c >= ASCII) throw new Error(`keyword ${JSON.stringify(kw)} must be ASCII`);
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
  const delta = new Int32Array(n * ASCII);
  const fail = new Int32Array(n);
  const queue: number[] = [];
  for (let c = 0; c < ASCII; c++) {
    const s = goto[0].get(c);
    if (s !== undefined) {
      delta[c] = s;
      queue.push(s);
    }
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const r = queue[qi];
    for (let c = 0; c < ASCII; c++) {
      const s = goto[r].get(c);
      if (s !== undefined) {
        queue.push(s);
        fail[s] = delta[fail[r] * ASCII + c];
        out[s] = out[s].concat(out[fail[s]]);
        delta[r * ASCII + c] = s;
      } else {
        delta[r * ASCII + c] = delta[fail[r] * ASCII + c];
      }
    }
  }
  // Case-insensitive: upper-case ASCII letters move like their lower-case forms.
  for (let s = 0; s < n; s++) {
    for (let c = 65; c <= 90; c++) delta[s * ASCII + c] = delta[s * ASCII + c + 32];
  }
  return { states: n, delta, outputs: out };
}
