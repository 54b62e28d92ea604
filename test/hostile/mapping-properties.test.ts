// Property-based: the YAML source maps and the diff-line mapping never throw on arbitrary input and
// always yield lines inside the file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldPath } from '../../src/core/types.js';
import { manifestObjects, parseYamlFile } from '../../src/render/yaml-source.js';
import { parseGitDiff, parsePatch } from '../../src/workspace/diff-lines.js';
import { withinBudget } from '../../src/workspace/limits.js';

const yamlish = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.array(fc.constantFrom('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: x', 'spec:', '  containers:', '    - name: a', '      image: b', '---', '- x', 'a: &x [1]', 'b: *x', '  ', '#c', 'k: "unterminated', '\t', '{', '}', 'key: |', '  block'), { maxLength: 40 }).map((ls) => ls.join('\n')),
  fc.array(fc.constantFrom('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: n', 'data:', '  k: v', '---', '\r\n'), { maxLength: 30 }).map((ls) => ls.join('\r\n')),
);

function allPaths(value: unknown, prefix: FieldPath = [], out: FieldPath[] = [], depth = 0): FieldPath[] {
  out.push(prefix);
  if (depth > 6 || value === null || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) allPaths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out, depth + 1);
  return out;
}

describe('mapping properties', () => {
  it('parseYamlFile never throws and locates every field inside the file', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        const parsed = parseYamlFile(text, 'f.yaml', { maxAliasCount: 10, maxDocuments: 100 });
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const e of parsed.errors) expect(e.line).toBeGreaterThanOrEqual(1);
        for (const doc of parsed.documents) {
          for (const p of allPaths(doc.data)) {
            const loc = doc.locate(p);
            if (!loc) continue;
            expect(loc.line).toBeGreaterThanOrEqual(1);
            expect(loc.line).toBeLessThanOrEqual(lineCount);
            expect(loc.endLine ?? loc.line).toBeLessThanOrEqual(lineCount);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('manifestObjects maps every object field to a line of the file', () => {
    fc.assert(
      fc.property(yamlish, fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.nat(5)), { maxLength: 5 }), (text, path) => {
        const { objects } = manifestObjects(text, 'm.yaml', 'm.yaml');
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const o of objects) {
          const loc = o.locate(path);
          expect(loc.path).toBe('m.yaml');
          expect(loc.line).toBeGreaterThanOrEqual(1);
          expect(loc.line).toBeLessThanOrEqual(lineCount);
          expect(Array.isArray(o.commentsAt(path))).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('parsePatch never throws and yields ascending positive head lines', () => {
    const patchish = fc.array(fc.oneof(fc.constantFrom('@@ -1,3 +1,4 @@', '@@ -10 +12,2 @@', '@@ garbage @@', '+added', '-removed', ' context', '\\ No newline at end of file', ''), fc.string({ maxLength: 20 })), { maxLength: 60 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(patchish, (patch) => {
        const { addedLines, commentableLines } = parsePatch(patch);
        for (const l of [...addedLines, ...commentableLines]) expect(l).toBeGreaterThanOrEqual(0);
        const set = new Set(commentableLines);
        for (const l of addedLines) expect(set.has(l)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it('parseGitDiff never throws on arbitrary diff text and names every file it yields', () => {
    const diffish = fc.array(fc.oneof(
      fc.constantFrom('diff --git a/x.yaml b/x.yaml', 'diff --git "a/q\\"x.yaml" "b/q\\"x.yaml"', '--- a/x.yaml', '+++ b/x.yaml', '--- /dev/null', '+++ /dev/null', 'new file mode 100644', 'deleted file mode 100644', 'rename from a.yaml', 'rename to b.yaml', 'Binary files a/p.png and b/p.png differ', '@@ -1,2 +1,3 @@', '+x', '-y', ' z', '\\ No newline at end of file'),
      fc.string({ maxLength: 30 }),
    ), { maxLength: 40 }).map((ls) => ls.join(fc.sample(fc.constantFrom('\n', '\r\n'), 1)[0]));
    fc.assert(
      fc.property(diffish, (diff) => {
        for (const f of parseGitDiff(diff)) {
          expect(typeof f.path).toBe('string');
          for (const l of f.addedLines) expect(f.commentableLines).toContain(l);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the snapshot budget keeps files within both limits and accounts for every file', () => {
    const entries = fc.uniqueArray(fc.record({ path: fc.string({ minLength: 1, maxLength: 6 }), bytes: fc.nat(2_000) }), { selector: (e) => e.path, maxLength: 40 });
    fc.assert(
      fc.property(entries, fc.nat(1_500), fc.nat(20_000), (files, maxFileBytes, maxTotalBytes) => {
        const { kept, skipped } = withinBudget(files, { maxFileBytes, maxTotalBytes });
        expect(kept.length + skipped.length).toBe(files.length);
        expect(kept.reduce((n, e) => n + e.bytes, 0)).toBeLessThanOrEqual(maxTotalBytes);
        for (const e of kept) expect(e.bytes).toBeLessThanOrEqual(maxFileBytes);
        for (const s of skipped) expect(s.reason === 'too-large' ? s.bytes > maxFileBytes : s.bytes <= maxFileBytes).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
