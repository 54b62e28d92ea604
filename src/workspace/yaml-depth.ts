// How deeply a YAML text nests, measured in one pass before any parser sees it. The `yaml` package
// recurses once per level; a few hundred thousand `[` (or a staircase of indentation) exhaust the
// stack, and V8 may then abort the whole process instead of throwing (a RegExp compiled that deep
// fails as "out of memory"). Texts nested deeper than MAX_YAML_DEPTH are refused unparsed.

/** Far beyond any real manifest, values or config file (they nest a few dozen levels), far below the stack. */
export const MAX_YAML_DEPTH = 256;

export interface DepthExcess {
  depth: number;
  /** 1-based line where the nesting first passes the limit. */
  line: number;
}

const BLOCK_SCALAR_RE = /(?:^|[\s:-])[|>][-+0-9]*\s*(?:#.*)?$/;

/**
 * The first place `text` nests deeper than `max` levels (block indentation, compact `- - -` sequences
 * and flow `[`/`{` brackets outside quotes and comments, block scalars skipped), or undefined.
 * An estimate that errs upward for odd layouts, never downward for real structure.
 */
export function yamlDepthExcess(text: string, max = MAX_YAML_DEPTH): DepthExcess | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let blockScalarParent: number | undefined;
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    lineNo++;
    let i = 0;
    while (line.charCodeAt(i) === 32) i++;
    const content = line.slice(i);
    if (blockScalarParent !== undefined) {
      if (content === '' || i > blockScalarParent) continue;
      blockScalarParent = undefined;
    }
    if (flow === 0 && quote === undefined) {
      if (content === '' || content.startsWith('#') || content === '---' || content === '...') continue;
      while (indents.length && indents[indents.length - 1] >= i) indents.pop();
      indents.push(i);
    }
    let dashes = 0;
    for (let j = i; j < line.length; j++) {
      const c = line[j];
      if (quote) {
        if (c === '\\' && quote === '"') j++;
        else if (c === quote) {
          if (quote === "'" && line[j + 1] === "'") j++;
          else quote = undefined;
        }
        continue;
      }
      if (c === '#' && (j === 0 || line[j - 1] === ' ' || line[j - 1] === '\t')) break;
      const atValueStart = flow > 0 || j === i || /[:\-,[{]\s*$/.test(line.slice(Math.max(i, j - 2), j));
      if ((c === '"' || c === "'") && atValueStart) quote = c;
      else if ((c === '[' || c === '{') && atValueStart) flow++;
      else if ((c === ']' || c === '}') && flow > 0) flow--;
      else if (c === '-' && flow === 0 && line[j + 1] === ' ' && /^[\s-]*$/.test(line.slice(i, j))) dashes++;
      const depth = indents.length + dashes + flow;
      if (depth > max) return { depth, line: lineNo };
    }
    if (flow === 0 && quote === undefined && BLOCK_SCALAR_RE.test(line)) blockScalarParent = i;
  }
  return undefined;
}

export function depthMessage(excess: DepthExcess, max = MAX_YAML_DEPTH): string {
  return `YAML nested more than ${max} levels deep (at line ${excess.line}); not parsed`;
}
