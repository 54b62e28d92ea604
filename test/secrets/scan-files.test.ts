// scanFiles: files claimed by the main thread and worker threads give the same results, in the
// order listed, as one thread scanning them all; unreadable and binary files are reported.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOwnFile, readTarget, scanTargets, type FileTarget } from '../../src/secrets/files.js';
import { claimAndScan, PARALLEL_MIN_BYTES, scanFiles, type ClaimJob } from '../../src/secrets/scan-files.js';
import { generateCorpus } from './corpus.js';

let dir: string;
let files: FileTarget[];
const corpus = generateCorpus(PARALLEL_MIN_BYTES + 1_000_000);

function listed(): FileTarget[] {
  return [...scanTargets([join(dir, 'apps')], { maxFileBytes: 5_000_000, display: (abs) => abs.slice(dir.length + 1) })].filter((t): t is FileTarget => t.kind === 'file');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gg-scan-files-'));
  for (const f of corpus.files) {
    mkdirSync(join(dir, dirname(f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  files = listed();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const located = (r: Awaited<ReturnType<typeof scanFiles>>) => r.flatMap((x) => ('findings' in x ? x.findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`) : [`${x.path}: skipped ${x.skipped}`]));

describe('scanFiles', () => {
  it('finds every planted secret with worker threads, identical to one thread and in listed order', async () => {
    const one = await scanFiles(files, {}, { maxFileBytes: 5_000_000, threads: 1 });
    const three = await scanFiles(files, {}, { maxFileBytes: 5_000_000, threads: 3 });
    expect(three.map((r) => r.path)).toEqual(files.map((f) => f.path));
    expect(located(three)).toEqual(located(one));
    const found = new Set(located(one).map((l) => l.split(':').slice(0, 2).join(':')));
    for (const p of corpus.planted) expect(found.has(`${p.path}:${p.line}`), `${p.path}:${p.line} (${p.kind})`).toBe(true);
  });

  it('rebuilds .gitleaks.toml allowlists and .gitleaksignore fingerprints in every thread', async () => {
    const findingsOf = (r: Awaited<ReturnType<typeof scanFiles>>) => r.flatMap((x) => ('findings' in x ? x.findings : []));
    const plain = findingsOf(await scanFiles(files, {}, { maxFileBytes: 5_000_000, threads: 2 }));
    const allowedPath = plain[0].path;
    const ignored = plain.find((f) => f.path !== allowedPath)!;
    const sources = {
      gitleaksToml: `[allowlist]\npaths = ['''^${allowedPath.replace(/[.]/g, '\\.')}$''']\n`,
      gitleaksIgnore: `${ignored.fingerprint}\n`,
    };
    const withConfig = findingsOf(await scanFiles(files, sources, { maxFileBytes: 5_000_000, threads: 2 }));
    const expected = plain.filter((f) => f.path !== allowedPath && f.fingerprint !== ignored.fingerprint);
    expect(withConfig.map((f) => f.fingerprint)).toEqual(expected.map((f) => f.fingerprint));
    expect(expected.length).toBeLessThan(plain.length - 1);
  });

  it('claims only the files no other thread has claimed', () => {
    const job: ClaimJob = { files, sources: {}, maxFileBytes: 5_000_000, next: new SharedArrayBuffer(4), order: files.map((_, i) => files.length - 1 - i) };
    Atomics.store(new Int32Array(job.next), 0, 3); // three files already taken by another thread
    expect(claimAndScan(job).map(([i]) => i)).toEqual(job.order.slice(3));
    expect(claimAndScan(job)).toEqual([]);
  });

  it('reports binary, unreadable and grown files as skipped, in their place', async () => {
    const small = mkdtempSync(join(tmpdir(), 'gg-scan-skips-'));
    try {
      writeFileSync(join(small, 'a.yaml'), 'token: ghp_R8x2Lq9VbN4mT7kZ1cW5yH3jF6dS0aPeUoIg\n');
      writeFileSync(join(small, 'b.bin'), Buffer.from([0x89, 0x50, 0, 0x47]));
      writeFileSync(join(small, 'c.yaml'), 'x: 1\n');
      writeFileSync(join(small, 'd.yaml'), 'y: 2\n');
      const targets = [...scanTargets([small], { maxFileBytes: 1000, display: (abs) => abs.slice(small.length + 1) })] as FileTarget[];
      writeFileSync(join(small, 'd.yaml'), 'y: 2\n'.repeat(500)); // grew past the limit after listing
      const unreadable = process.getuid?.() !== 0; // root reads files whatever their mode
      if (unreadable) chmodSync(join(small, 'c.yaml'), 0);
      const r = await scanFiles(targets, {}, { maxFileBytes: 1000 });
      expect(r.map((x) => x.path)).toEqual(['a.yaml', 'b.bin', 'c.yaml', 'd.yaml']);
      expect('findings' in r[0] && r[0].findings.map((f) => f.ruleId)).toEqual(['secret-github-token']);
      expect(r[1]).toEqual({ path: 'b.bin', skipped: 'binary' });
      if (unreadable) expect(r[2]).toEqual({ path: 'c.yaml', skipped: 'unreadable: EACCES' });
      expect(r[3]).toEqual({ path: 'd.yaml', skipped: '2500 bytes, over the 1000-byte limit' });
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  });
});

describe('readTarget and readOwnFile', () => {
  it('reads text, and tells binaries by a NUL byte in the first 8000 bytes only', () => {
    const d = mkdtempSync(join(tmpdir(), 'gg-read-'));
    try {
      writeFileSync(join(d, 'late-nul.txt'), 'a'.repeat(9000) + '\0');
      const t = (name: string): FileTarget => ({ kind: 'file', abs: join(d, name), path: name, bytes: 0 });
      expect(readTarget(t('late-nul.txt'), 1e6)).toHaveProperty('bytes');
      expect(readTarget(t('missing.txt'), 1e6)).toEqual({ skipped: 'unreadable: ENOENT' });
      // Larger files than the read buffer held, one after another: each read whole, bytes and text alike.
      const sizes = [70_000, 10, 300_000, 5];
      sizes.forEach((n, i) => writeFileSync(join(d, `f${i}.txt`), `${i}`.repeat(n)));
      sizes.forEach((n, i) => {
        const read = readTarget(t(`f${i}.txt`), 1e6);
        expect(read).toEqual({ bytes: Buffer.from(`${i}`.repeat(n)) });
      });
      expect(readTarget(t('f2.txt'), 1000)).toEqual({ skipped: '300000 bytes, over the 1000-byte limit' });
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('reads a repository file only when no symlink is on its way', async () => {
    const { symlinkSync } = await import('node:fs');
    const d = mkdtempSync(join(tmpdir(), 'gg-own-'));
    const outside = mkdtempSync(join(tmpdir(), 'gg-outside-'));
    try {
      writeFileSync(join(outside, 'gitops-guard.yml'), 'failOn: never\n');
      mkdirSync(join(d, 'real'));
      writeFileSync(join(d, 'real', 'gitops-guard.yml'), 'failOn: high\n');
      symlinkSync(outside, join(d, '.github'));
      symlinkSync(join(outside, 'gitops-guard.yml'), join(d, '.gitops-guard.yml'));
      expect(readOwnFile(d, 'real/gitops-guard.yml')).toBe('failOn: high\n');
      expect(readOwnFile(d, '.github/gitops-guard.yml')).toBeUndefined();
      expect(readOwnFile(d, '.gitops-guard.yml')).toBeUndefined();
      expect(readOwnFile(d, 'absent.yml')).toBeUndefined();
    } finally {
      rmSync(d, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
