// Aligns rendered lines with the template lines that emitted them: a Viterbi pass over the template's
// line model, where literal lines match exactly, pattern lines match with holes, generator lines
// (`include`, `toYaml | nindent`, …) absorb blocks, and if/with/range give the allowed paths (ranges
// loop). Blocks produced by `include` are aligned again against the named template's body.
import type { ContextPath, DefineBlock, TemplateLine, TemplateModel } from './template-model.js';

export interface LineOrigin {
  file: string;
  /** 1-based template line. */
  line: number;
  /** One id per emission: lines produced by the same generator call share it. */
  occ: number;
  /** The line was produced by an action (a generated block), not matched literally. */
  generated: boolean;
  /** Nothing in the template explains the line; `line` is the best guess. */
  unexplained: boolean;
  /** Context paths the template line reads, with a define's argument substituted. */
  refs: ContextPath[];
  /** Where inside an included named template the line came from. */
  inner?: LineOrigin;
}

export interface DefineRegistry {
  get(name: string): { block: DefineBlock; model: TemplateModel } | undefined;
}

const NEG = -Infinity;
const UNEXPLAINED = -4;
const JUMP = -6;
const BEAM = 30;
const MAX_INCLUDE_DEPTH = 6;

let occCounter = 0;

function indentOf(s: string): number {
  return s.length - s.trimStart().length;
}

class Aligner {
  private readonly consumers: number[] = [];
  private readonly closures = new Map<number, number[]>();

  constructor(private readonly model: TemplateModel, private readonly lo: number, private readonly hi: number, private readonly inDefine: boolean) {
    for (let i = lo; i < hi; i++) {
      const l = model.lines[i];
      if ((l.kind === 'literal' || l.kind === 'pattern' || l.kind === 'generator') && (inDefine || l.define === undefined)) this.consumers.push(i);
    }
  }

  private isConsumer(i: number): boolean {
    const l = this.model.lines[i];
    return (l.kind === 'literal' || l.kind === 'pattern' || l.kind === 'generator') && (this.inDefine || l.define === undefined);
  }

  /** Consumer lines reachable from line `node` through non-consuming lines. */
  private closure(node: number): number[] {
    const cached = this.closures.get(node);
    if (cached) return cached;
    const out: number[] = [];
    const seen = new Set<number>();
    const stack = [node];
    while (stack.length) {
      const n = stack.pop()!;
      if (n < this.lo || n >= this.hi || seen.has(n)) continue;
      seen.add(n);
      if (this.isConsumer(n)) out.push(n);
      else stack.push(...this.model.lines[n].next);
    }
    this.closures.set(node, out);
    return out;
  }

  private match(l: TemplateLine, r: string): number {
    if (l.kind === 'literal') return l.text.trimEnd() === r ? 3 : l.regex?.test(r) ? 2.5 : NEG;
    if (l.kind === 'pattern') return l.regex?.test(r) ? 1.5 + Math.min(1.5, l.literalChars / 10) : NEG;
    return NEG;
  }

  private gen(l: TemplateLine, r: string): number {
    const want = l.indent ?? 0;
    return indentOf(r) >= want ? 1 : -2;
  }

  private canContinue(l: TemplateLine): boolean {
    return l.kind === 'generator' || (l.kind === 'pattern' && l.emitsTail);
  }

  /** Returns, per rendered line, [template line index, mode (0 match, 1 generated, 2 unexplained), occurrence id], or null for blank lines. */
  run(rendered: string[]): ([number, number, number] | null)[] {
    const m = this.model.lines.length;
    const S = m * 2;
    const rows = rendered.map((r) => r.trimEnd());
    const idx = rows.map((r, j) => (r.trim() === '' ? -1 : j)).filter((j) => j >= 0);
    const result: ([number, number, number] | null)[] = rendered.map(() => null);
    if (idx.length === 0 || this.consumers.length === 0) return result;
    let score = new Float64Array(S).fill(NEG);
    const back: Int32Array[] = [];
    const kind: Uint8Array[] = [];
    // first line: start anywhere
    {
      const r = rows[idx[0]];
      const bp = new Int32Array(S).fill(-1);
      const k = new Uint8Array(S);
      for (const c of this.consumers) {
        const l = this.model.lines[c];
        if (l.kind === 'generator') score[c * 2 + 1] = Math.max(score[c * 2 + 1], this.gen(l, r));
        else score[c * 2] = Math.max(score[c * 2], this.match(l, r));
      }
      back.push(bp);
      kind.push(k);
    }
    for (let step = 1; step < idx.length; step++) {
      const r = rows[idx[step]];
      const next = new Float64Array(S).fill(NEG);
      const bp = new Int32Array(S).fill(-1);
      const k = new Uint8Array(S);
      let best = NEG;
      let bestState = -1;
      for (let s = 0; s < S; s++) if (score[s] > best) ((best = score[s]), (bestState = s));
      const put = (state: number, value: number, from: number, how: number): void => {
        if (value > next[state]) {
          next[state] = value;
          bp[state] = from;
          k[state] = how;
        }
      };
      for (let s = 0; s < S; s++) {
        const base = score[s];
        if (base === NEG || base < best - BEAM) continue;
        const c = s >> 1;
        const l = this.model.lines[c];
        for (const t of this.closure(c + 1)) {
          const tl = this.model.lines[t];
          if (tl.kind === 'generator') put(t * 2 + 1, base + this.gen(tl, r), s, 0);
          else {
            const v = this.match(tl, r);
            if (v !== NEG) put(t * 2, base + v, s, 0);
          }
        }
        if (this.canContinue(l)) put(c * 2 + 1, base + this.gen(l, r), s, 1);
        put(s, base + UNEXPLAINED, s, 2);
      }
      if (bestState >= 0) {
        for (const c of this.consumers) {
          const l = this.model.lines[c];
          if (l.kind === 'generator') put(c * 2 + 1, best + JUMP + this.gen(l, r), bestState, 3);
          else {
            const v = this.match(l, r);
            if (v !== NEG) put(c * 2, best + JUMP + v, bestState, 3);
          }
        }
      }
      back.push(bp);
      kind.push(k);
      score = next;
    }
    let state = -1;
    let best = NEG;
    for (let s = 0; s < S; s++) if (score[s] > best) ((best = score[s]), (state = s));
    const path: [number, number][] = [];
    for (let step = idx.length - 1; step >= 0 && state >= 0; step--) {
      path.push([state, kind[step][state]]);
      state = back[step][state];
    }
    path.reverse();
    let occ = -1;
    path.forEach(([st, how], step) => {
      if (step === 0 || how === 0 || how === 3) occ = ++occCounter;
      result[idx[step]] = [st >> 1, how === 2 ? 2 : st & 1, occ];
    });
    return result;
  }
}

const alignerCache = new WeakMap<TemplateModel, Map<string, Aligner>>();

function alignerFor(model: TemplateModel, lo: number, hi: number, inDefine: boolean): Aligner {
  let byRange = alignerCache.get(model);
  if (!byRange) alignerCache.set(model, (byRange = new Map()));
  const key = `${lo}:${hi}`;
  let a = byRange.get(key);
  if (!a) byRange.set(key, (a = new Aligner(model, lo, hi, inDefine)));
  return a;
}

function substitute(path: ContextPath, param: ContextPath | null): ContextPath | null {
  if (path[0] !== '@param') return path;
  return param ? [...param, ...path.slice(1)] : null;
}

/** Aligns a rendered document (its lines) with a template file, following includes into named templates. */
export function alignDocument(rendered: string[], model: TemplateModel, defines: DefineRegistry): (LineOrigin | undefined)[] {
  return alignRange(rendered, model, 0, model.lines.length, false, null, defines, 0);
}

function alignRange(rendered: string[], model: TemplateModel, lo: number, hi: number, inDefine: boolean, param: ContextPath | null, defines: DefineRegistry, depth: number): (LineOrigin | undefined)[] {
  const raw = alignerFor(model, lo, hi, inDefine).run(rendered);
  const out: (LineOrigin | undefined)[] = raw.map((a) => {
    if (!a) return undefined;
    const l = model.lines[a[0]];
    const refs = l.refs.map((p) => substitute(p, param)).filter((p): p is ContextPath => p !== null);
    return { file: model.file, line: a[0] + 1, occ: a[2], generated: a[1] === 1, unexplained: a[1] === 2, refs };
  });
  if (depth >= MAX_INCLUDE_DEPTH) return out;
  // Follow includes: each generated block of an include line is aligned with the named template's body.
  let j = 0;
  while (j < out.length) {
    const o = out[j];
    if (!o?.generated) {
      j++;
      continue;
    }
    let end = j + 1;
    while (end < out.length && (out[end] === undefined || (out[end]!.occ === o.occ && out[end]!.generated))) end++;
    const line = model.lines[o.line - 1];
    const inc = [...line.includes].reverse().find((i) => defines.get(i.name));
    if (inc) {
      const def = defines.get(inc.name)!;
      const arg = inc.arg ? substitute(inc.arg, param) : null;
      const block = rendered.slice(j, end);
      const shift = Math.min(line.indent ?? 0, ...block.filter((b) => b.trim()).map(indentOf));
      const dedented = block.map((b) => b.slice(Math.min(shift, indentOf(b))));
      const inner = alignRange(dedented, def.model, def.block.start + 1, def.block.end, true, arg, defines, depth + 1);
      inner.forEach((io, k) => {
        const target = out[j + k];
        if (io && target) target.inner = io;
      });
    }
    j = end;
  }
  return out;
}
