// Property: a setFieldFix applied to any YAML (block style, or with some collections written in flow
// style) yields valid YAML with exactly the new field set and every other field unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document, isCollection, parse, stringify, visit } from 'yaml';
import { applyFix, setFieldFix } from '../../src/engine/fixes.js';
import { getIn } from '../../src/k8s/workloads.js';
import { manifestObjects } from '../../src/render/yaml-source.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

const key = fc.constantFrom('a', 'b', 'name', 'spec', 'labels', 'x-y', 'app.io/z');
const scalar = fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.boolean(), fc.constantFrom('v', 'true', '1.0', 'a b', 'x: y', '#c', ''));
const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), fc.array(tie('map'), { minLength: 1, maxLength: 2 })),
  map: fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 3 }),
})).map as fc.Arbitrary<unknown>;

function mappingPaths(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => mappingPaths(x, [...path, i]));
  if (v && typeof v === 'object') return [path, ...Object.entries(v).flatMap(([k, x]) => mappingPaths(x, [...path, k]))];
  return [];
}

/** `obj` as YAML text, each collection written in flow style when the next of `flowBits` says so. */
function withFlowCollections(obj: unknown, indent: number, flowBits: boolean[]): string {
  const doc = new Document(obj);
  let i = 0;
  visit(doc, {
    Node(_, node) {
      if (isCollection(node) && node !== doc.contents) node.flow = flowBits[i++ % flowBits.length];
    },
  });
  return doc.toString({ indent, lineWidth: 40 });
}

function scalarPaths(v: unknown, path: (string | number)[] = []): [(string | number)[], string][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => scalarPaths(x, [...path, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => (x !== null && typeof x === 'object' ? scalarPaths(x, [...path, k]) : [[path, k] as [(string | number)[], string]]));
  return [];
}

describe('setFieldFix (property)', () => {
  it('inserts a new key under any existing mapping without breaking the document', () => {
    let made = 0;
    fc.assert(fc.property(tree, fc.constantFrom(2, 4), fc.nat(), fc.oneof(fc.boolean(), fc.integer(), fc.constantFrom('true', 'x', 'RuntimeDefault')), (body, indent, pick, value) => {
      const obj = { kind: 'Thing', metadata: { name: 'n' }, body };
      const text = stringify(obj, { indent });
      const [target] = manifestObjects(text, 'f.yaml', 'u').objects;
      const candidates = mappingPaths(obj).filter((p) => p.length > 0);
      const parent = candidates[pick % candidates.length];
      const path = [...parent, 'zz-new'];
      const fix = setFieldFix(MemorySnapshot.from('t', { 'f.yaml': text }), target, path, value);
      if (!fix) return; // refusing is allowed; producing a broken edit is not
      made++;
      const out = parse(applyFix(text, fix));
      expect(getIn(out, path)).toEqual(value);
      const expected = structuredClone(obj) as Record<string, unknown>;
      const holder = getIn(expected, parent) as Record<string, unknown>;
      holder['zz-new'] = value;
      expect(out).toEqual(expected);
    }), { numRuns: 300 });
    expect(made).toBeGreaterThan(250); // block-style YAML is always editable
  });
  it('edits inside a flow collection correctly, or refuses', () => {
    let inFlow = 0;
    fc.assert(fc.property(tree, fc.constantFrom(2, 4), fc.nat(), fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), fc.oneof(fc.boolean(), fc.constantFrom('true', 'x', 'a b')), (body, indent, pick, flowBits, value) => {
      const obj = { kind: 'Thing', metadata: { name: 'n' }, body };
      const text = withFlowCollections(obj, indent, flowBits);
      const [target] = manifestObjects(text, 'f.yaml', 'u').objects;
      const candidates = mappingPaths(obj).filter((p) => p.length > 0);
      const parent = candidates[pick % candidates.length];
      for (const path of [[...parent, 'zz-new'], [...parent, 'zz-new', 'deeper']]) {
        const fix = setFieldFix(MemorySnapshot.from('t', { 'f.yaml': text }), target, path, value);
        if (!fix) continue;
        const edited = applyFix(text, fix);
        if (edited.split('\n').some((l, n) => l.includes('{') && l !== text.split('\n')[n])) inFlow++;
        const expected = structuredClone(obj) as Record<string, unknown>;
        const holder = getIn(expected, parent) as Record<string, unknown>;
        holder['zz-new'] = path.length > parent.length + 1 ? { deeper: value } : value;
        expect(parse(edited)).toEqual(expected);
      }
      for (const [leafParent, leafKey] of scalarPaths(obj)) {
        const fix = setFieldFix(MemorySnapshot.from('t', { 'f.yaml': text }), target, [...leafParent, leafKey], value);
        if (!fix) continue;
        const expected = structuredClone(obj) as Record<string, unknown>;
        (getIn(expected, leafParent) as Record<string, unknown>)[leafKey] = value;
        expect(parse(applyFix(text, fix))).toEqual(expected);
      }
    }), { numRuns: 400 });
    expect(inFlow).toBeGreaterThan(20); // one-line flow mappings are edited inside their braces
  });
  it('replaces any existing scalar in place', () => {
    fc.assert(fc.property(fc.dictionary(key, scalar, { minKeys: 1, maxKeys: 4 }), fc.nat(), fc.oneof(fc.boolean(), fc.integer(), fc.constantFrom('on', 'v w', "it's", '')), (spec, pick, value) => {
      const obj = { kind: 'Thing', spec };
      const text = stringify(obj);
      const [target] = manifestObjects(text, 'f.yaml', 'u').objects;
      const k = Object.keys(spec)[pick % Object.keys(spec).length];
      const fix = setFieldFix(MemorySnapshot.from('t', { 'f.yaml': text }), target, ['spec', k], value);
      if (!fix) return;
      expect(parse(applyFix(text, fix))).toEqual({ kind: 'Thing', spec: { ...spec, [k]: value } });
    }), { numRuns: 300 });
  });
});
