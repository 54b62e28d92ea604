// Symlinks of a snapshot are recorded, never followed by read(), and resolved on paper: to a listed
// file of the repository, or to the reason they are refused.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/core/types.js';
import { discover } from '../../src/workspace/discover.js';
import { DirSnapshot } from '../../src/workspace/dir-snapshot.js';
import { GitSnapshot } from '../../src/workspace/git.js';
import { resolveLinks } from '../../src/workspace/symlinks.js';

function snapshotOf(files: Record<string, string>, links: Record<string, string>): Snapshot {
  return {
    ref: 't',
    list: () => Object.keys(files).sort(),
    read: (p) => files[p],
    links: () => new Map(Object.entries(links)),
    materialize: async () => '/nonexistent',
  };
}

describe('resolveLinks', () => {
  const snap = snapshotOf(
    { 'app/versions/v2.yaml': 'v2', 'shared/cm.yaml': 'cm', 'top.yaml': 'top' },
    {
      'app/current.yaml': 'versions/v2.yaml',
      'app/chain.yaml': 'current.yaml',
      'app/shared': '../shared',
      'app/up.yaml': 'shared/../top.yaml',
      'app/abs.yaml': '/etc/passwd',
      'app/climb.yaml': '../../outside.yaml',
      'app/etc': '/etc',
      'app/folder': 'versions',
      'app/dangling.yaml': 'nothing.yaml',
      'loop/a': 'b',
      'loop/b': 'a',
    },
  );

  it('leads a symlink to a file of the repository, through chains and symlinked folders, to that file', () => {
    expect(resolveLinks(snap, 'app/current.yaml')).toEqual({ kind: 'file', path: 'app/versions/v2.yaml' });
    expect(resolveLinks(snap, 'app/chain.yaml')).toEqual({ kind: 'file', path: 'app/versions/v2.yaml' });
    expect(resolveLinks(snap, 'app/shared/cm.yaml')).toEqual({ kind: 'file', path: 'shared/cm.yaml' });
    // `..` after a symlinked folder climbs from where it points, as the kernel resolves it
    expect(resolveLinks(snap, 'app/up.yaml')).toEqual({ kind: 'file', path: 'top.yaml' });
  });

  it('refuses an absolute target or one climbing above the root as leading outside, naming the first symlink on the way', () => {
    expect(resolveLinks(snap, 'app/abs.yaml')).toEqual({ kind: 'outside', link: 'app/abs.yaml', target: '/etc/passwd' });
    expect(resolveLinks(snap, 'app/climb.yaml')).toEqual({ kind: 'outside', link: 'app/climb.yaml', target: '../../outside.yaml' });
    expect(resolveLinks(snap, 'app/etc/passwd')).toEqual({ kind: 'outside', link: 'app/etc', target: '/etc' });
  });

  it('tells a folder, a dangling link and a loop apart, and says nothing where no symlink lies on the way', () => {
    expect(resolveLinks(snap, 'app/folder')).toMatchObject({ kind: 'folder', link: 'app/folder' });
    expect(resolveLinks(snap, 'app/dangling.yaml')).toMatchObject({ kind: 'missing', link: 'app/dangling.yaml' });
    expect(resolveLinks(snap, 'loop/a')).toMatchObject({ kind: 'missing', link: 'loop/a' });
    expect(resolveLinks(snap, 'top.yaml')).toBeUndefined();
    expect(resolveLinks(snap, 'app/missing.yaml')).toBeUndefined();
  });
});

describe('snapshots record symlinks without following them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gg-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('app/versions/v2.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v2\n');
  write('app/kustomization.yaml', 'resources:\n  - current.yaml\n');
  symlinkSync('versions/v2.yaml', join(dir, 'app/current.yaml'));
  symlinkSync('/etc', join(dir, 'etc'));

  it('a directory snapshot lists only regular files and records each link with its target', () => {
    const snap = new DirSnapshot('t', dir);
    expect(snap.list()).toEqual(['app/kustomization.yaml', 'app/versions/v2.yaml']);
    expect(snap.read('app/current.yaml')).toBeUndefined();
    expect([...snap.links()]).toEqual([['app/current.yaml', 'versions/v2.yaml'], ['etc', '/etc']]);
  });

  it('a git snapshot records the symlinks of the commit the same way', async () => {
    const git = (...args: string[]): void => void execFileSync('git', ['-C', dir, '-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'links');
    const snap = await GitSnapshot.load(dir, 'main');
    expect(snap.list().sort()).toEqual(['app/kustomization.yaml', 'app/versions/v2.yaml']);
    expect(new Map(snap.links())).toEqual(new Map([['app/current.yaml', 'versions/v2.yaml'], ['etc', '/etc']]));
  });

  it('the file a kustomization reaches through a symlink belongs to it: a change to it re-renders the overlay, and it is no plain manifest', () => {
    const d = discover(new DirSnapshot('t', dir));
    expect(d.units.map((u) => u.id)).toEqual(['app']);
    expect(d.unitsTouchedBy('app/versions/v2.yaml').map((u) => u.id)).toEqual(['app']);
    expect(d.unitsTouchedBy('app/current.yaml').map((u) => u.id)).toEqual(['app']);
  });
});
