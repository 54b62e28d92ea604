// Upstream conformance fixtures (Kubernetes PSA, kube-linter, kube-score). They live in
// ../shared/conformance beside the checkout when it is there; otherwise the copy vendored in
// test/fixtures/conformance.tar.gz is unpacked once into the temp dir, so no test ever skips them.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from 'tar';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ARCHIVE = join(repoRoot, 'test/fixtures/conformance.tar.gz');

export type ConformanceSuite = 'psa' | 'kube-linter' | 'kube-score';

export function conformanceDir(suite: ConformanceSuite): string {
  const shared = resolve(repoRoot, '../shared/conformance', suite);
  if (existsSync(shared)) return shared;
  const digest = createHash('sha256').update(readFileSync(ARCHIVE)).digest('hex').slice(0, 12);
  const root = join(tmpdir(), `gitops-guard-conformance-${digest}`);
  if (!existsSync(join(root, 'conformance', suite))) {
    // Unpack beside the target and rename, so concurrent test workers never see half a tree.
    mkdirSync(tmpdir(), { recursive: true });
    const staging = mkdtempSync(`${root}-`);
    extract({ file: ARCHIVE, cwd: staging, sync: true });
    try {
      renameSync(staging, root);
    } catch {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return join(root, 'conformance', suite);
}
