// A Helm template file read line by line: what each line can emit (a literal line, a line pattern with
// holes, a generated block) plus the control flow between lines (if/with/range/define), and the
// `.Values` paths each line reads. template-align.ts matches rendered output against this model.

/** A path in the template's root context, e.g. ['Values', 'image', 'tag']; '*' is one range element; '@param' is a define's argument. */
export type ContextPath = string[];

export type LineKind = 'blank' | 'control' | 'literal' | 'pattern' | 'generator';

export interface TemplateLine {
  index: number;
  text: string;
  kind: LineKind;
  /** literal/pattern: matches the rendered line (trimmed right). */
  regex?: RegExp;
  /** How many literal characters the pattern pins down (specificity). */
  literalChars: number;
  /** A pattern line whose last action emits more lines (`key: {{ toYaml .x | nindent 4 }}`). */
  emitsTail: boolean;
  /** Indentation of generated lines, when the line says (`nindent 8`) or implies it. */
  indent?: number;
  /** Context paths read by the line's output actions. */
  refs: ContextPath[];
  /** Named templates included by the line's output actions, with the argument's context path (null: unknown). */
  includes: { name: string; arg: ContextPath | null }[];
  /** Epsilon successors (non-consuming lines) — consumers continue at index + 1. */
  next: number[];
  /** Enclosing define, if any. */
  define?: string;
}

export interface DefineBlock {
  name: string;
  file: string;
  start: number;
  end: number;
}

export interface TemplateModel {
  file: string;
  lines: TemplateLine[];
  defines: DefineBlock[];
}

interface Action {
  body: string;
  trimLeft: boolean;
  trimRight: boolean;
  start: number;
  end: number;
}

interface LineSegments {
  parts: ({ literal: string } | { action: Action })[];
  continuation: boolean;
}

/** Splits the file into per-line literal/action segments; an action spanning lines belongs to its first line. */
function segmentLines(text: string): LineSegments[] {
  const lines = text.split(/\r?\n/);
  const out: LineSegments[] = lines.map(() => ({ parts: [], continuation: false }));
  const lineStarts: number[] = [];
  let off = 0;
  for (const l of lines) {
    lineStarts.push(off);
    off += l.length + 1;
  }
  const flat = lines.join('\n');
  const lineAt = (pos: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  let pos = 0;
  while (pos < flat.length) {
    const open = flat.indexOf('{{', pos);
    const litEnd = open < 0 ? flat.length : open;
    // literal text, split per line
    let p = pos;
    while (p < litEnd) {
      const li = lineAt(p);
      const lineEnd = Math.min(litEnd, lineStarts[li] + lines[li].length);
      if (lineEnd > p && !out[li].continuation) out[li].parts.push({ literal: flat.slice(p, lineEnd) });
      p = lineEnd + 1;
    }
    if (open < 0) break;
    const close = flat.indexOf('}}', open + 2);
    const end = close < 0 ? flat.length : close + 2;
    const raw = flat.slice(open + 2, close < 0 ? flat.length : close);
    const action: Action = {
      body: raw.replace(/^-\s/, '').replace(/\s-$/, '').trim(),
      trimLeft: /^-\s/.test(raw),
      trimRight: /\s-$/.test(raw),
      start: open,
      end,
    };
    const first = lineAt(open);
    const last = lineAt(Math.max(open, end - 1));
    out[first].parts.push({ action });
    for (let i = first + 1; i <= last; i++) out[i].continuation = true;
    pos = end;
  }
  return out;
}

const CONTROL = /^(if|else|with|range|end|define|block|break|continue)\b/;
const GENERATING = /\b(toYaml|toJson|toPrettyJson|include|template|tpl|nindent|indent)\b/;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function stripStrings(body: string): string {
  return body.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""');
}

interface Scope {
  dot: ContextPath | null;
  root: ContextPath;
  vars: Map<string, ContextPath | null>;
}

/** The context paths an expression reads: `.Values.a`, `$.Values.a`, `$v.a`, a bare `.` or `$v`. */
export function readPaths(expr: string, scope: Scope): ContextPath[] {
  const body = stripStrings(expr);
  const out: ContextPath[] = [];
  const re = /(\$[A-Za-z0-9_]*)?((?:\.[A-Za-z_][A-Za-z0-9_]*)+)|(\$[A-Za-z_][A-Za-z0-9_]*)|(?:^|[\s(|])\.(?=$|[\s)|])/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const [, variable, fields, bareVar] = m;
    let base: ContextPath | null | undefined;
    if (fields !== undefined) {
      const before = body[m.index - 1];
      if (before && /[\w)\]]/.test(before)) continue; // method call on a result, a number
      if (variable === '$') base = scope.root;
      else if (variable) base = scope.vars.get(variable);
      else base = scope.dot;
      if (!base) continue;
      out.push([...base, ...fields.slice(1).split('.')]);
    } else if (bareVar) {
      if (bareVar === '$') continue;
      const v = scope.vars.get(bareVar);
      if (v) out.push(v);
    } else if (scope.dot) {
      out.push(scope.dot);
    }
  }
  return out;
}

/** The context path an expression evaluates to, when it is a plain path (`.Values.x`, `.`, `$`, `$v.a`). */
function pathOf(expr: string, scope: Scope): ContextPath | null {
  const e = expr.trim().replace(/^\((.*)\)$/, '$1').trim();
  if (e === '.') return scope.dot;
  if (e === '$') return scope.root;
  const m = /^(\$[A-Za-z0-9_]*)?((?:\.[A-Za-z_][A-Za-z0-9_]*)+)$/.exec(e);
  if (m) {
    const base = m[1] === '$' ? scope.root : m[1] ? scope.vars.get(m[1]) : scope.dot;
    return base ? [...base, ...m[2].slice(1).split('.')] : null;
  }
  const v = /^\$[A-Za-z0-9_]+$/.exec(e);
  return v ? (scope.vars.get(e) ?? null) : null;
}

function includesOf(body: string, scope: Scope): { name: string; arg: ContextPath | null }[] {
  const out: { name: string; arg: ContextPath | null }[] = [];
  const re = /\b(?:include|template)\s+"([^"]+)"\s*(\([^)]*\)|[^\s|)]+)?/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out.push({ name: m[1], arg: m[2] ? pathOf(m[2], scope) : null });
  return out;
}

function indentOf(body: string): number | undefined {
  const m = /\b(?:nindent|indent)\s+(\d+)/.exec(body);
  return m ? Number(m[1]) : undefined;
}

interface Frame {
  kind: 'if' | 'with' | 'range' | 'define';
  start: number;
  elses: number[];
  scope: Scope;
  name?: string;
}

/** Builds the line model of one template file (`.yaml`, `.tpl`). */
export function buildTemplateModel(file: string, text: string): TemplateModel {
  const segs = segmentLines(text);
  const rawLines = text.split(/\r?\n/);
  const lines: TemplateLine[] = [];
  const defines: DefineBlock[] = [];
  const stack: Frame[] = [];
  const topScope: Scope = { dot: [], root: [], vars: new Map() };
  const scopeNow = (): Scope => (stack.length ? stack[stack.length - 1].scope : topScope);

  for (let i = 0; i < segs.length; i++) {
    const line: TemplateLine = { index: i, text: rawLines[i], kind: 'blank', literalChars: 0, emitsTail: false, refs: [], includes: [], next: [i + 1] };
    const defineFrame = [...stack].reverse().find((f) => f.kind === 'define');
    if (defineFrame) line.define = defineFrame.name;
    lines.push(line);
    if (segs[i].continuation && segs[i].parts.length === 0) continue;

    let outputs = 0;
    let lastGenerating = false;
    let literal = '';
    let pattern = '';
    let trimNext = false;
    for (const part of segs[i].parts) {
      if ('literal' in part) {
        const lit = trimNext ? part.literal.replace(/^\s+/, '') : part.literal;
        literal += lit;
        pattern += escapeRegex(lit);
        trimNext = false;
        if (lit.trim()) lastGenerating = false;
        continue;
      }
      const a = part.action;
      if (a.trimLeft) pattern = pattern.replace(/(?:\\s\*|\s)+$/, '') + '\\s*';
      trimNext = a.trimRight;
      const body = a.body;
      const scope = scopeNow();
      if (body.startsWith('/*')) continue;
      const ctl = CONTROL.exec(body)?.[1];
      if (ctl) {
        controlAction(ctl, body, i);
        continue;
      }
      const assign = /^(\$[A-Za-z0-9_]+)\s*:?=\s*(.*)$/s.exec(body);
      if (assign) {
        scope.vars.set(assign[1], pathOf(assign[2], scope));
        continue;
      }
      outputs++;
      line.refs.push(...readPaths(body, scope));
      line.includes.push(...includesOf(body, scope));
      const gen = GENERATING.test(body);
      lastGenerating = gen;
      if (gen) line.indent = indentOf(body) ?? line.indent;
      pattern += '.*?';
    }
    if (outputs === 0) {
      if (literal.trim() === '') {
        if (line.kind === 'blank' && segs[i].parts.some((p) => 'action' in p)) line.kind = line.kind === 'blank' ? 'control' : line.kind;
        continue;
      }
      line.kind = 'literal';
    } else if (literal.trim() === '') {
      line.kind = 'generator';
      if (line.indent === undefined) line.indent = literal.length - literal.trimStart().length;
    } else {
      line.kind = 'pattern';
      line.emitsTail = lastGenerating;
    }
    line.literalChars = literal.trim().length;
    line.regex = new RegExp(`^${pattern.replace(/(?:\\s\*|\s)+$/, '')}\\s*$`);
  }
  // Unclosed blocks: let control fall through.
  return { file, lines, defines };

  function controlAction(ctl: string, body: string, i: number): void {
    const scope = scopeNow();
    const arg = body.slice(ctl.length).trim();
    switch (ctl) {
      case 'if':
      case 'with':
      case 'range': {
        const inner: Scope = { dot: scope.dot, root: scope.root, vars: new Map(scope.vars) };
        if (ctl !== 'if') {
          const decl = /^(\$[A-Za-z0-9_]+)\s*(?:,\s*(\$[A-Za-z0-9_]+))?\s*:=\s*(.*)$/s.exec(arg);
          const target = pathOf(decl ? decl[3] : arg, scope);
          const element = target && ctl === 'range' ? [...target, '*'] : target;
          inner.dot = element;
          if (decl) {
            if (ctl === 'range' && decl[2]) inner.vars.set(decl[2], element);
            else inner.vars.set(decl[1], element);
          }
        }
        stack.push({ kind: ctl, start: i, elses: [], scope: inner });
        lines[i].kind = 'control';
        break;
      }
      case 'define':
      case 'block': {
        const name = /"([^"]+)"/.exec(arg)?.[1] ?? '';
        stack.push({ kind: 'define', start: i, elses: [], scope: { dot: ['@param'], root: ['@param'], vars: new Map() }, name });
        lines[i].kind = 'control';
        break;
      }
      case 'else': {
        const top = stack[stack.length - 1];
        if (top && top.kind !== 'define') {
          top.elses.push(i);
          // `else with` rebinds dot; `else` inside `with`/`range` restores the outer dot.
          const outer = stack.length > 1 ? stack[stack.length - 2].scope : topScope;
          const rebind = /^with\s+(.*)$/s.exec(arg);
          top.scope = { dot: rebind ? pathOf(rebind[1], outer) : outer.dot, root: outer.root, vars: new Map(outer.vars) };
        }
        lines[i].kind = 'control';
        break;
      }
      case 'end': {
        const top = stack.pop();
        lines[i].kind = 'control';
        if (!top) break;
        closeBlock(top, i);
        break;
      }
      default:
        lines[i].kind = 'control';
    }
  }

  function closeBlock(f: Frame, end: number): void {
    const open = lines[f.start];
    if (f.kind === 'define') {
      defines.push({ name: f.name ?? '', file, start: f.start, end });
      open.next = [end + 1];
      return;
    }
    const entries = [f.start + 1, ...f.elses.map((e) => e + 1)];
    const hasPlainElse = f.elses.length > 0 && !/^\{\{-?\s*else\s+if\b/.test(lines[f.elses[f.elses.length - 1]].text.trim());
    open.next = hasPlainElse ? entries : [...entries, end];
    for (const e of f.elses) lines[e].next = [end];
    lines[end].next = f.kind === 'range' ? [end + 1, f.start + 1] : [end + 1];
  }
}
