// JSON 6902 operations of a kustomize patch: which output fields each one sets, and how each changes
// the lists it inserts into or removes from. An index in an operation's path names the list item at
// that position when the operation ran, which later patches may have moved: it is looked up in the
// list as replayed from the sources applied before it, and that item is then found in the output.
import type { FieldPath, KubeObject } from '../core/types.js';
import { identityOf, listAfter, translate, type Identity, type ListShaper, type Setter } from './kustomize-fields.js';
import type { SourceDoc } from './kustomize-graph.js';
import { getIn } from './values-locate.js';

interface Operation {
  op: string;
  target: string[];
  value: unknown;
  /** Position of the operation in its patch document. */
  index: number;
}

const SETS = ['add', 'replace', 'copy', 'move'];
const SHAPES = [...SETS, 'remove'];

function pointer(ptr: string): string[] {
  return ptr.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function operationsOf(doc: SourceDoc): Operation[] {
  if (!Array.isArray(doc.data)) return [];
  return doc.data.flatMap((op: unknown, index): Operation[] => {
    if (!op || typeof op !== 'object') return [];
    const { op: name, path, value } = op as Record<string, unknown>;
    return typeof path === 'string' && SHAPES.includes(String(name)) ? [{ op: String(name), target: pointer(path), value, index }] : [];
  });
}

/**
 * Whether the output path is the field `target` named when the operation ran. `written` is the
 * identity of the item an add/replace wrote at the target's last index: that item is the one meant,
 * wherever it is now. Where items have no identity, indexes are compared as they are.
 */
function pointsAt(target: string[], written: Identity, path: FieldPath, output: KubeObject, earlier: ListShaper[]): boolean {
  if (path.length !== target.length) return false;
  return target.every((seg, k) => {
    const list = getIn(output, path.slice(0, k)).value;
    if (!Array.isArray(list)) return String(path[k]) === seg;
    const i = Number(path[k]);
    const now = identityOf(list[i]);
    if (k === target.length - 1 && written !== undefined) return now === written;
    if (seg === '-') return i === list.length - 1;
    const then = listAfter(earlier, path.slice(0, k), output)[Number(seg)];
    return then !== undefined && now !== undefined ? then === now : i === Number(seg);
  });
}

function writtenBy(op: Operation): Identity {
  return op.op === 'add' || op.op === 'replace' ? identityOf(op.value) : undefined;
}

/** The operation sets its path and everything under it (inside its `value`). */
function operationSetter(op: Operation, doc: SourceDoc, earlier: ListShaper[]): Setter {
  const written = writtenBy(op);
  return (path, output) => {
    const n = op.target.length;
    if (path.length < n || !pointsAt(op.target, written, path.slice(0, n), output, earlier)) return undefined;
    const rest = path.slice(n);
    if (rest.length === 0) return doc.locate([op.index, 'value']) ?? doc.locate([op.index]);
    const inner = translate(getIn(output, path.slice(0, n)).value, rest, op.value);
    return inner ? doc.locate([op.index, 'value', ...inner]) : undefined;
  };
}

/** Sets a whole list, or inserts, replaces or removes one item of it. */
function operationShaper(op: Operation, earlier: ListShaper[]): ListShaper {
  return (listPath, output, before) => {
    if (pointsAt(op.target, undefined, listPath, output, earlier)) {
      if (op.op === 'remove') return [];
      return Array.isArray(op.value) ? op.value.map(identityOf) : before;
    }
    if (op.target.length === 0 || !pointsAt(op.target.slice(0, -1), undefined, listPath, output, earlier)) return before;
    const last = op.target[op.target.length - 1];
    const at = last === '-' ? before.length : Number(last);
    if (!Number.isInteger(at) || at < 0) return before;
    const ids = [...before];
    if (op.op === 'remove') ids.splice(at, 1);
    else if (op.op === 'replace') ids.splice(at, 1, identityOf(op.value));
    else ids.splice(at, 0, identityOf(op.value));
    return ids;
  };
}

/**
 * The setters and list shapers of a JSON 6902 patch, in order. `shapers` holds those of the sources
 * applied before the patch and receives each operation's own, so later operations see earlier ones.
 */
export function jsonOperations(doc: SourceDoc, shapers: ListShaper[]): Setter[] {
  const setters: Setter[] = [];
  for (const op of operationsOf(doc)) {
    const earlier = [...shapers];
    if (SETS.includes(op.op)) setters.push(operationSetter(op, doc, earlier));
    shapers.push(operationShaper(op, earlier));
  }
  return setters;
}
