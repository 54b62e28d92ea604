// Turns one rendered Helm document into RenderedObjects whose fields point at the line a human edits:
// the values key that fed the field (environment file first, then values.yaml), else the template line
// that wrote it (in a named template, its own line rather than the `include`).
import type { FieldPath, KubeObject, RenderedObject, SourceLocation, ValuePart } from '../core/types.js';
import { objectRefOf } from '../core/types.js';
import type { LineOrigin } from './template-align.js';
import type { ContextPath } from './template-model.js';
import type { ChartValues } from './values-locate.js';
import { getIn } from './values-locate.js';
import { commentsAround, isKubeObject, type ParsedDocument } from './yaml-source.js';

export interface MappedDocument {
  /** The rendered document, parsed (line numbers are 1-based within `renderedLines`). */
  doc: ParsedDocument;
  renderedLines: string[];
  /** Per rendered line (0-based), where the template emitted it. */
  origins: (LineOrigin | undefined)[];
  values: ChartValues;
  /** Where the object comes from when nothing better is known (the template file). */
  fallback: SourceLocation;
  unitId: string;
  environment: string;
  linesOf(file: string): string[];
  /** Whether the template line makes up a value at render time (see ChartFiles.generatesAtRender). */
  generatesAtRender?(file: string, line: number): boolean;
}

const MAX_EXPANSIONS = 2_000;

function chain(o: LineOrigin | undefined): LineOrigin[] {
  const out: LineOrigin[] = [];
  for (let c = o; c; c = c.inner) out.push(c);
  return out;
}

/**
 * The template line that wrote a rendered line. Text a named template (`define`) writes itself maps
 * to its line there, the one a change edits, not to each `include` of it; when the innermost template
 * only emits a block (toYaml of its argument, a `tpl` pass-through) or does not explain the line,
 * the including line says more.
 */
function writingLine(o: LineOrigin): SourceLocation {
  let deepest = o;
  while (deepest.inner) deepest = deepest.inner;
  const at = deepest.generated || deepest.unexplained ? o : deepest;
  return { path: at.file, line: at.line };
}

/** All concrete values paths for a path with '*' (range elements), in iteration order. */
function expand(values: unknown, path: string[]): string[][] {
  let acc: { path: string[]; node: unknown }[] = [{ path: [], node: values }];
  for (const seg of path) {
    const next: typeof acc = [];
    for (const { path: p, node } of acc) {
      if (seg !== '*') {
        const g = getIn(node, [seg]);
        next.push({ path: [...p, seg], node: g.found ? g.value : undefined });
      } else if (Array.isArray(node)) node.forEach((v, i) => next.push({ path: [...p, String(i)], node: v }));
      else if (node && typeof node === 'object') for (const k of Object.keys(node).sort()) next.push({ path: [...p, k], node: (node as Record<string, unknown>)[k] });
      if (next.length > MAX_EXPANSIONS) break;
    }
    acc = next;
  }
  return acc.map((a) => a.path);
}

function scalarText(v: unknown): string | undefined {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v) ? String(v) : undefined;
}

const MAX_VALUES_NODES = 20_000;

/**
 * For output no template explains (a subchart shipped as an archive): the values key carrying the
 * field's value under the same name, preferring the key whose path ends like the field's.
 */
function keyByNameAndValue(values: ChartValues, field: FieldPath, value: unknown): SourceLocation | undefined {
  const want = scalarText(value);
  const names = field.filter((s): s is string => typeof s === 'string');
  if (want === undefined || names.length === 0) return undefined;
  let best: { score: number; path: string[] } | undefined;
  let visited = 0;
  const walk = (node: unknown, path: string[]): void => {
    if (++visited > MAX_VALUES_NODES) return;
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) walk(v, [...path, k]);
      return;
    }
    if (scalarText(node) !== want || path[path.length - 1] !== names[names.length - 1]) return;
    let score = 0;
    while (score < Math.min(path.length, names.length) && path[path.length - 1 - score] === names[names.length - 1 - score]) score++;
    if (!best || score > best.score) best = { score, path };
  };
  walk(values.values, []);
  return best ? values.locate(best.path) : undefined;
}

export function renderedObjects(m: MappedDocument): RenderedObject[] {
  const data = m.doc.data;
  if (!isKubeObject(data)) return [];
  const items: { object: KubeObject; prefix: FieldPath }[] =
    /List$/.test(String(data.kind)) && Array.isArray((data as { items?: unknown }).items)
      ? ((data as { items: unknown[] }).items).map((o, i) => ({ object: o as KubeObject, prefix: ['items', i] as FieldPath })).filter((x) => isKubeObject(x.object))
      : [{ object: data, prefix: [] }];
  return items.map(({ object, prefix }) => objectFor(m, object, prefix));
}

function objectFor(m: MappedDocument, object: KubeObject, prefix: FieldPath): RenderedObject {
  const renderedLine = (path: FieldPath): number | undefined => m.doc.locate([...prefix, ...path])?.line;
  const templateLoc = (line: number): SourceLocation | undefined => {
    const o = m.origins[line - 1];
    return o ? writingLine(o) : undefined;
  };
  const startLine = renderedLine([]) ?? m.doc.line;
  const startOrigin = m.origins[startLine - 1];
  const source = startOrigin ? { path: startOrigin.file, line: startOrigin.line } : m.fallback;

  /**
   * Values key behind the field at `path` (which exists in the rendered document), if a template line
   * read it from values. With `part`, a line that writes the value with holes names only the key whose
   * value makes up that part; when none does, the template line is the answer.
   */
  const valuesKey = (path: FieldPath, line: number, value: unknown, part?: ValuePart): SourceLocation | undefined => {
    const links = chain(m.origins[line - 1]);
    const renderedText = m.renderedLines[line - 1] ?? '';
    for (let d = links.length - 1; d >= 0; d--) {
      const o = links[d];
      const refs = o.refs.filter((r) => r[0] === 'Values' && r.length > 1).map((r) => r.slice(1));
      if (refs.length === 0) continue;
      if (part && !o.generated && typeof value === 'string') {
        const span = spanInLine(renderedText, value, part);
        return span ? keyShowingSpan(m, refs, renderedText, span) : undefined;
      }
      let sub: string[] = [];
      if (o.generated) {
        const inBlock = (l: number | undefined): boolean => {
          if (l === undefined) return false;
          const x = chain(m.origins[l - 1])[d];
          return !!x && x.generated && x.occ === o.occ;
        };
        let a = path.length - 1;
        while (a >= 0 && inBlock(renderedLine(path.slice(0, a)))) a--;
        sub = path.slice(Math.max(a, 0)).map(String);
      }
      const loc = pickValuesKey(m, refs, sub, value, renderedText, o.generated);
      if (loc) return loc;
    }
    return undefined;
  };

  const locate = (path: FieldPath, part?: ValuePart): SourceLocation => {
    let k = path.length;
    let line: number | undefined;
    for (; k >= 0; k--) {
      line = renderedLine(path.slice(0, k));
      if (line !== undefined) break;
    }
    if (line === undefined) return source;
    const found = path.slice(0, k);
    const value = getIn(object, found).value;
    const direct = valuesKey(found, line, value, k === path.length ? part : undefined);
    if (direct) return direct;
    if (k < path.length) {
      // The field is missing: if the node's children come from a values subtree, point at that key.
      const child = m.origins[line];
      const own = m.origins[line - 1];
      if (child?.generated && own && (child.occ !== own.occ || !own.generated)) {
        const refs = child.refs.filter((r) => r[0] === 'Values' && r.length > 1).map((r) => r.slice(1));
        const loc = pickValuesKey(m, refs, [], getIn(object, found).value, '', true);
        if (loc) return loc;
      }
    }
    return templateLoc(line) ?? keyByNameAndValue(m.values, found, value) ?? source;
  };

  return {
    object,
    ref: objectRefOf(object),
    unitId: m.unitId,
    environment: m.environment,
    source,
    locate,
    commentsAt: (path) => {
      const loc = locate(path);
      return commentsAround(m.linesOf(loc.path), loc.line);
    },
    generatedAtRender: (path) => {
      const line = renderedLine(path);
      const generates = m.generatesAtRender;
      if (line === undefined || !generates) return false;
      const origins = chain(m.origins[line - 1]);
      // The branches of an if/else that write the same key align alike: any of them may have written the line.
      return origins.some((o) => generates(o.file, o.line) || sameKeyLines(m.linesOf(o.file), o.line).some((l) => generates(o.file, l)));
    },
  };
}

/** The other lines of a template that write the same key at the same indentation as `line` (1-based). */
function sameKeyLines(lines: string[], line: number): number[] {
  const head = /^\s*[\w.-]+:/.exec(lines[line - 1] ?? '')?.[0];
  if (!head) return [];
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (i + 1 !== line && l.startsWith(head)) out.push(i + 1);
  });
  return out;
}

/** Where `part` of a scalar `value` sits in the rendered line that writes it (the value is written last on its line). */
function spanInLine(renderedText: string, value: string, part: ValuePart): ValuePart | undefined {
  const at = renderedText.lastIndexOf(value);
  return at < 0 ? undefined : { start: at + part.start, end: at + part.end };
}

/**
 * Of the values keys a template line reads, the one whose value the render shows over `span` of the
 * line, e.g. the tag of `{{ .Values.registry }}/app:{{ .Values.tag }}`. The narrowest such value
 * is the one that supplies the span; then the key the environment's file sets, then the last read.
 */
function keyShowingSpan(m: MappedDocument, refs: ContextPath[], renderedText: string, span: ValuePart): SourceLocation | undefined {
  let best: { rank: number[]; loc: SourceLocation } | undefined;
  refs.forEach((ref, i) => {
    for (const full of expand(m.values.values, ref)) {
      const got = m.values.get(full);
      const text = got.found ? scalarText(got.value) : undefined;
      if (!text || !showsOver(renderedText, text, span)) continue;
      const loc = m.values.locate(full);
      const rank = [-text.length, m.values.setByEnvironment(full) ? 1 : 0, i];
      if (loc && (!best || isAhead(rank, best.rank))) best = { rank, loc };
    }
  });
  return best?.loc;
}

function showsOver(line: string, text: string, span: ValuePart): boolean {
  for (let at = line.indexOf(text); at >= 0; at = line.indexOf(text, at + 1)) if (at <= span.start && at + text.length >= span.end) return true;
  return false;
}

function isAhead(a: number[], b: number[]): boolean {
  const i = a.findIndex((x, j) => x !== b[j]);
  return i >= 0 && a[i] > b[i];
}

/**
 * Chooses which values key a template line's refs point at: for a generated block, ref + the field's
 * path inside the block; for a pattern line with several refs, the one whose value shows in the
 * rendered line, preferring keys the environment's file sets, then the last.
 */
function pickValuesKey(m: MappedDocument, refs: ContextPath[], sub: string[], value: unknown, renderedText: string, generated: boolean): SourceLocation | undefined {
  const values = m.values;
  const want = scalarText(value);
  let best: { score: number; loc: SourceLocation } | undefined;
  refs.forEach((ref, i) => {
    for (const base of expand(values.values, ref)) {
      const full = [...base, ...sub];
      const got = values.get(full);
      let score = i * 0.01;
      if (got.found) {
        const text = scalarText(got.value);
        if (want !== undefined && text !== undefined) {
          if (text === want) score += 4;
          else if (!generated && renderedText.includes(text)) score += 3;
          else if (ref.includes('*')) continue;
        } else if (want !== undefined && text === undefined && ref.includes('*')) continue;
        if (values.setByEnvironment(full)) score += 1;
        const loc = values.locate(full);
        if (loc && (!best || score > best.score)) best = { score, loc };
      } else if (generated && want === undefined) {
        // Walk up to the deepest key that exists, never above the ref itself. Not for a scalar the
        // render shows: values do not hold it there, so it came from the template (a default, a
        // `dict`, .Chart), whose line is the one to point at.
        for (let n = full.length - 1; n >= base.length; n--) {
          const loc = values.locate(full.slice(0, n));
          if (loc) {
            if (!best || score - 2 > best.score) best = { score: score - 2, loc };
            break;
          }
        }
      }
    }
  });
  return best?.loc;
}
