import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Fix } from '../../src/core/types.js';
import { applyFix, yamlLines } from '../../src/engine/fixes.js';
import { mergeFixes } from '../../src/report/merge-fixes.js';

const SOURCE = ['spec:', '  containers:', '    - name: app', '      securityContext:', '        runAsUser: 1000', '      image: app:1'].join('\n');
const HEAD = '      securityContext:';

/** A fix in the shape insertEntriesFix writes: the mapping's line, then the new entries one level deeper. */
function insert(entries: Record<string, unknown>, description?: string, indent = 8, head = HEAD): Fix {
  const pad = ' '.repeat(indent);
  return { path: 'deploy.yaml', startLine: 4, endLine: 4, replacement: [head, ...yamlLines(entries).map((l) => pad + l)].join('\n'), description };
}

const securityContextAfter = (fix: Fix) => parse(applyFix(SOURCE, fix)).spec.containers[0].securityContext;

describe('mergeFixes', () => {
  it('puts the entries of fixes on the same mapping into one fix', () => {
    const a = insert({ allowPrivilegeEscalation: false }, 'Forbid privilege escalation');
    const b = insert({ capabilities: { drop: ['ALL'] } }, 'Drop all capabilities');
    const { fix, merged } = mergeFixes([a, b])!;
    expect(merged).toEqual([a, b]);
    expect(fix.replacement).toBe([HEAD, '        allowPrivilegeEscalation: false', '        capabilities:', '          drop:', '            - ALL'].join('\n'));
    expect(fix.description).toBe('Forbid privilege escalation; Drop all capabilities');
    expect([fix.startLine, fix.endLine]).toEqual([4, 4]);
    expect(securityContextAfter(fix)).toEqual({ runAsUser: 1000, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  it('takes a repeated fix once and keeps its text', () => {
    const a = insert({ allowPrivilegeEscalation: false });
    const { fix, merged } = mergeFixes([a, { ...a, description: 'same change, other rule' }])!;
    expect(merged).toHaveLength(2);
    expect(fix).toBe(a);
  });

  it('merges nested mappings key by key, and keeps out a fix that sets a key to another value', () => {
    const a = insert({ seccompProfile: { type: 'RuntimeDefault' } });
    const b = insert({ seccompProfile: { localhostProfile: 'p.json' }, runAsNonRoot: true });
    const clash = insert({ runAsNonRoot: false });
    const { fix, merged } = mergeFixes([a, b, clash])!;
    expect(merged).toEqual([a, b]);
    expect(securityContextAfter(fix)).toEqual({ runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'p.json' }, runAsNonRoot: true });
  });

  it('leaves fixes alone that are not insertions after the same lines at one indentation', () => {
    const a = insert({ allowPrivilegeEscalation: false });
    const deeper = insert({ readOnlyRootFilesystem: true }, undefined, 10);
    const otherHead = insert({ readOnlyRootFilesystem: true }, undefined, 8, '      securityContext: # pod level');
    const scalar: Fix = { path: 'deploy.yaml', startLine: 4, endLine: 4, replacement: '      securityContext: {}' };
    const templated: Fix = { ...a, replacement: `${HEAD}\n        runAsGroup: {{ .Values.gid }}` };
    const otherSpan: Fix = { ...insert({ readOnlyRootFilesystem: true }), startLine: 5, endLine: 5 };
    for (const other of [deeper, otherHead, scalar, templated, otherSpan]) expect(mergeFixes([a, other])!.merged).toEqual([a]);
    expect(mergeFixes([scalar, a])!.merged).toEqual([scalar]);
  });

  it('takes a fix rewriting the head lines into insertions that keep that rewrite ahead of their entries', () => {
    const rewrite: Fix = { path: 'deploy.yaml', startLine: 4, endLine: 4, replacement: '      securityContext: # reviewed\n        runAsUser: 1000', description: 'Rewrite' };
    const after = (entries: Record<string, unknown>, description: string): Fix => ({ ...rewrite, replacement: [rewrite.replacement, ...yamlLines(entries).map((l) => `      ${l}`)].join('\n'), description });
    for (const order of [(r: Fix, a: Fix, b: Fix) => [r, a, b], (r: Fix, a: Fix, b: Fix) => [a, r, b], (r: Fix, a: Fix, b: Fix) => [a, b, r]]) {
      const a = after({ readOnlyRootFilesystem: true }, 'A');
      const b = after({ allowPrivilegeEscalation: false }, 'B');
      const { fix, merged } = mergeFixes(order(rewrite, a, b))!;
      expect(merged).toHaveLength(3);
      expect(fix.replacement).toBe([rewrite.replacement, '      readOnlyRootFilesystem: true', '      allowPrivilegeEscalation: false'].join('\n'));
      expect(fix.description?.split('; ').sort()).toEqual(['A', 'B', 'Rewrite']);
    }
  });

  it('keeps CRLF line endings', () => {
    const crlf = (f: Fix): Fix => ({ ...f, replacement: f.replacement.replace(/\n/g, '\r\n') });
    const { fix } = mergeFixes([crlf(insert({ a: 1 })), crlf(insert({ b: 2 }))])!;
    expect(fix.replacement).toBe(`${HEAD}\r\n        a: 1\r\n        b: 2`);
  });

  it('applies every entry of the fixes it merges, whatever they hold (property)', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'runAsGroup', 'capabilities');
    const leaf = fc.oneof(fc.boolean(), fc.integer({ min: 0, max: 3 }), fc.constantFrom('x', 'ALL', '1000', 'yes'));
    const value = fc.oneof(leaf, fc.array(leaf, { minLength: 1, maxLength: 2 }), fc.dictionary(key, leaf, { minKeys: 1, maxKeys: 2 }));
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, value, { minKeys: 1, maxKeys: 3 }), { minLength: 1, maxLength: 4 }), (sets) => {
        const fixes = sets.map((entries) => insert(entries));
        const { fix, merged } = mergeFixes(fixes)!;
        expect(merged[0]).toBe(fixes[0]);
        const after = securityContextAfter(fix);
        // Every merged fix's entries hold in the result, and nothing but them and the existing key.
        for (const m of merged) {
          const own = securityContextAfter(m);
          for (const [k, v] of Object.entries(own)) if (typeof v !== 'object' || Array.isArray(v) || v === null) expect(after[k]).toEqual(v);
          else for (const [k2, v2] of Object.entries(v as object)) expect(after[k][k2]).toEqual(v2);
        }
        const keys = new Set(['runAsUser', ...merged.flatMap((m) => Object.keys(securityContextAfter(m)))]);
        expect(new Set(Object.keys(after))).toEqual(keys);
      }),
      { numRuns: 300 },
    );
  });
});
