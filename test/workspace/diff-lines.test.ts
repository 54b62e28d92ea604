import { describe, expect, it } from 'vitest';
import { parseGitDiff, parsePatch } from '../../src/workspace/diff-lines.js';

describe('parsePatch', () => {
  it('numbers added and context lines on the head side, skipping removed ones', () => {
    const patch = ['@@ -1,4 +1,5 @@', ' a', '-b', '+B', '+B2', ' c', '@@ -20,2 +21,3 @@', ' x', '+y', ' z'].join('\n');
    expect(parsePatch(patch)).toEqual({ addedLines: [2, 3, 22], commentableLines: [1, 2, 3, 4, 21, 22, 23] });
  });

  it('handles CRLF and the no-newline marker', () => {
    const patch = '@@ -1 +1 @@\r\n-old\r\n\\ No newline at end of file\r\n+new\r\n';
    expect(parsePatch(patch)).toEqual({ addedLines: [1], commentableLines: [1] });
  });
});

describe('parseGitDiff', () => {
  it('reads statuses, renames and paths', () => {
    const diff = [
      'diff --git a/new.yaml b/new.yaml', 'new file mode 100644', 'index 0000000..1111111', '--- /dev/null', '+++ b/new.yaml', '@@ -0,0 +1,2 @@', '+a: 1', '+b: 2',
      'diff --git a/old.yaml b/old.yaml', 'deleted file mode 100644', '--- a/old.yaml', '+++ /dev/null', '@@ -1 +0,0 @@', '-x: 1',
      'diff --git a/a.yaml b/b.yaml', 'similarity index 90%', 'rename from a.yaml', 'rename to b.yaml', '--- a/a.yaml', '+++ b/b.yaml', '@@ -1,2 +1,2 @@', ' k: v', '-z: 1', '+z: 2',
    ].join('\n');
    const files = parseGitDiff(diff);
    expect(files.map((f) => [f.path, f.status, f.previousPath])).toEqual([
      ['new.yaml', 'added', undefined], ['old.yaml', 'removed', undefined], ['b.yaml', 'renamed', 'a.yaml'],
    ]);
    expect(files[0].addedLines).toEqual([1, 2]);
    expect(files[2].addedLines).toEqual([2]);
  });
});
