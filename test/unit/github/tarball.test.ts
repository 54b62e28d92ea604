import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractTarball, safeRelativePath, TarballLimitError } from '../../../src/github/tarball.js';

interface TarEntry { name: string; type?: '0' | '2' | '1' | '5'; body?: string; link?: string }

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

/** A minimal ustar writer, so the test can build archives real tools refuse to create. */
function tar(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 100);
    h.write(octal(0o644, 8), 100);
    h.write(octal(0, 8), 108);
    h.write(octal(0, 8), 116);
    h.write(octal(body.length, 12), 124);
    h.write(octal(0, 12), 136);
    h.write('        ', 148);
    h.write(e.type ?? '0', 156);
    if (e.link) h.write(e.link, 157, 100);
    h.write('ustar\u000000', 257);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(octal(sum, 7) + ' ', 148);
    blocks.push(h, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'gg-tar-'));
}

describe('extractTarball', () => {
  it('writes regular files under the stripped top folder', async () => {
    const dir = tempDir();
    const archive = gzipSync(tar([
      { name: 'org-repo-abc123/', type: '5' },
      { name: 'org-repo-abc123/charts/app/Chart.yaml', body: 'name: app\n' },
      { name: 'org-repo-abc123/README.md', body: 'hi' },
    ]));
    const res = await extractTarball(archive, dir);
    expect(res.files).toBe(2);
    expect(res.rejected).toEqual([]);
    expect(readFileSync(join(dir, 'charts/app/Chart.yaml'), 'utf8')).toBe('name: app\n');
  });

  it('records symlinks without creating them, rejects hard links and paths escaping the root, and keeps the rest', async () => {
    const dir = tempDir();
    const outside = tempDir();
    const archive = tar([
      { name: 'top/ok.yaml', body: 'a: 1\n' },
      { name: 'top/link.yaml', type: '2', link: '/etc/passwd' },
      { name: 'top/current.yaml', type: '2', link: 'ok.yaml' },
      { name: 'top/current.yaml', type: '2', link: 'other.yaml' }, // a duplicate entry: the first is kept
      { name: 'top/hard.yaml', type: '1', link: 'top/ok.yaml' },
      { name: 'top/../../escape.yaml', body: 'x' },
      { name: `/${outside}/abs.yaml`, body: 'x' },
    ]);
    const res = await extractTarball(archive, dir);
    expect(res.files).toBe(1);
    expect([...res.links]).toEqual([['link.yaml', '/etc/passwd'], ['current.yaml', 'ok.yaml']]);
    expect(res.rejected.map((r) => r.reason).sort()).toEqual(['escapes-root', 'escapes-root', 'hardlink', 'symlink']);
    expect(readdirSync(dir)).toEqual(['ok.yaml']);
    expect(existsSync(join(dir, '..', 'escape.yaml'))).toBe(false);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('skips files over the size limit and fails past the total limit', async () => {
    const dir = tempDir();
    const big = 'x'.repeat(2000);
    const res = await extractTarball(tar([{ name: 't/big', body: big }, { name: 't/small', body: 'y' }]), dir, { maxFileBytes: 1000, maxTotalBytes: 10_000, maxEntries: 10 });
    expect(res.rejected).toEqual([{ path: 'big', reason: 'too-large', bytes: 2000 }]);
    await expect(extractTarball(tar([{ name: 't/a', body: big }, { name: 't/b', body: big }]), tempDir(), { maxFileBytes: 5000, maxTotalBytes: 3000, maxEntries: 10 }))
      .rejects.toBeInstanceOf(TarballLimitError);
  });

  it('accepts a chunked stream', async () => {
    const archive = gzipSync(tar([{ name: 'r/a/b.txt', body: 'hello' }]));
    async function* chunks(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < archive.length; i += 7) yield archive.subarray(i, i + 7);
    }
    const dir = tempDir();
    await extractTarball(chunks(), dir);
    expect(readFileSync(join(dir, 'a/b.txt'), 'utf8')).toBe('hello');
  });

  it('safeRelativePath refuses unsafe names', () => {
    expect(safeRelativePath('top/a/../../b', 1)).toBeUndefined();
    expect(safeRelativePath('top/a\\b', 1)).toBeUndefined();
    expect(safeRelativePath('top/./a//b', 1)).toBe('a/b');
  });
});
