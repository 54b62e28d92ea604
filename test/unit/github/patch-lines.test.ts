import { describe, expect, it } from 'vitest';
import { changedFileOf, hunkRanges } from '../../../src/github/patch-lines.js';

const patch = [
  '@@ -1,4 +1,5 @@',
  ' a: 1',
  '-b: 2',
  '+b: 3',
  '+c: 4',
  ' d: 5',
  ' e: 6',
  '@@ -20,3 +21,3 @@ spec:',
  ' x',
  '-y',
  '+z',
  '\\ No newline at end of file',
].join('\n');

describe('changedFileOf', () => {
  it('maps GitHub patch hunks to added and commentable head lines', () => {
    const f = changedFileOf({ filename: 'k/a.yaml', status: 'modified', patch });
    expect(f.addedLines).toEqual([2, 3, 22]);
    expect(f.commentableLines).toEqual([1, 2, 3, 4, 5, 21, 22]);
    expect(f.previousPath).toBeUndefined();
  });

  it('keeps the previous path of renames', () => {
    const f = changedFileOf({ filename: 'new.yaml', previous_filename: 'old.yaml', status: 'renamed', patch: '' });
    expect(f).toMatchObject({ path: 'new.yaml', previousPath: 'old.yaml', status: 'renamed', addedLines: [] });
  });

  it('treats an added file without a patch (too large) as all added, none commentable', () => {
    const f = changedFileOf({ filename: 'big.yaml', status: 'added' }, () => 'a\nb\nc\n');
    expect(f.addedLines).toEqual([1, 2, 3]);
    expect(f.commentableLines).toEqual([]);
  });

  it('hunkRanges gives head-side ranges', () => {
    expect(hunkRanges(patch)).toEqual([{ start: 1, end: 5 }, { start: 21, end: 23 }]);
    expect(hunkRanges('@@ -3,2 +2,0 @@\n-a\n-b')).toEqual([]);
    expect(hunkRanges('@@ -1 +1 @@\n-a\n+b')).toEqual([{ start: 1, end: 1 }]);
  });
});
