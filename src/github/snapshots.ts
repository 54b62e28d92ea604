// A repository at one commit, fetched as GitHub's tarball (one request whatever the number of files)
// and extracted with src/github/tarball.ts, which records symlinks without creating them and refuses
// paths escaping the root.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirSnapshot } from '../workspace/dir-snapshot.js';
import type { GitHubClient, RepoRef } from './client.js';
import { DEFAULT_EXTRACT_LIMITS, extractTarball, type ExtractLimits, type RejectedEntry } from './tarball.js';

export interface FetchedSnapshot {
  snapshot: DirSnapshot;
  rejected: RejectedEntry[];
  dispose(): void;
}

function bytesOf(data: unknown): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data instanceof Uint8Array) return data;
  throw new Error('tarball download did not return binary data');
}

export async function fetchSnapshot(octokit: GitHubClient, ref: RepoRef, sha: string, limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS): Promise<FetchedSnapshot> {
  const dir = mkdtempSync(join(tmpdir(), 'gitops-guard-gh-'));
  const dispose = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const res = await octokit.rest.repos.downloadTarballArchive({ ...ref, ref: sha });
    const { rejected, links } = await extractTarball(bytesOf(res.data), dir, limits);
    // files too large to extract are still files of the change: the engine reports them
    const tooLarge = rejected.filter((r) => r.reason === 'too-large').map((r) => ({ path: r.path, reason: 'too-large' as const, bytes: r.bytes ?? 0 }));
    return { snapshot: new DirSnapshot(sha, dir, limits.maxFileBytes, tooLarge, links), rejected, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}
