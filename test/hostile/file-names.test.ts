// Threat: hostile file names. Git C-quotes names holding non-ASCII, quotes, backslashes or control
// characters and ends names holding a space with a TAB in diffs; a review that misread them crashed
// (`café.yaml`) or silently skipped the file (`my pod.yaml`). Every such file is reviewed under its
// own name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGitDiff, unquoteGitPath } from '../../src/workspace/diff-lines.js';
import { findingsOf, runCli } from './support/cli.js';
import { gitRepo } from './support/git-repo.js';

const RISKY = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  hostPID: true\n  containers:\n    - name: web\n      image: nginx:latest\n';

/** Quotes a path the way git does (quote_c_style). */
function gitQuote(path: string): string {
  const named: Record<number, string> = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 34: '"', 92: '\\' };
  const bytes = [...Buffer.from(path, 'utf8')];
  if (!bytes.some((b) => b < 0x20 || b === 34 || b === 92 || b >= 0x7f)) return path;
  return `"${bytes.map((b) => (named[b] ? `\\${named[b]}` : b < 0x20 || b >= 0x7f ? `\\${b.toString(8).padStart(3, '0')}` : String.fromCharCode(b))).join('')}"`;
}

describe('hostile file names', () => {
  it('files named with accents, spaces, quotes, tabs and newlines are reviewed under their own names', () => {
    const names = ['café.yaml', 'my pod.yaml', 'q"t.yaml', 'tab\tname.yaml', 'new\nline.yaml', 'back\\slash.yaml', '日本.yaml'];
    const repo = gitRepo({}, { ...Object.fromEntries(names.map((n) => [`apps/${n}`, RISKY])), 'apps/ü.png': Buffer.from([0x89, 0x50, 0x00, 0x01]) });
    const r = runCli(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const findings = findingsOf(r);
    for (const n of names) {
      expect(findings.filter((f) => f.path === `apps/${n}` && f.ruleId === 'image-not-pinned-by-digest'), n).toHaveLength(1);
    }
    const out = JSON.parse(r.stdout) as { review: { comments: { path: string }[] } };
    expect(new Set(out.review.comments.map((c) => c.path))).toEqual(new Set(names.map((n) => `apps/${n}`)));
  });

  it('unquoteGitPath inverts git quoting for any name; parseGitDiff finds binary files by their quoted header', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20, unit: 'binary' }).filter((s) => !s.includes('\0')), (name) => {
        expect(unquoteGitPath(gitQuote(name))).toBe(name);
      }),
      { numRuns: 500 },
    );
    const q = gitQuote('b/ü.png');
    const [file] = parseGitDiff(`diff --git ${gitQuote('a/ü.png')} ${q}\nnew file mode 100644\nindex 0000000..1111111\nBinary files /dev/null and ${q} differ\n`);
    expect(file).toMatchObject({ path: 'ü.png', status: 'added' });
    const [spaced] = parseGitDiff('diff --git a/my pod.yaml b/my pod.yaml\nold mode 100644\nnew mode 100755\n');
    expect(spaced.path).toBe('my pod.yaml');
  });
});
