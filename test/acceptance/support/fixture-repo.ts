// Builds the acceptance repository as real git history: `main` holds the compliant platform, `pr`
// adds one commit per seed item (tagged gap/<ref>), each applying
// test/fixtures/acceptance/gaps/<ref>.patch (its first line is the commit message), like a pull
// request reproducing the items one by one.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = join(process.cwd(), 'test/fixtures/acceptance');
export const COMPLIANT = join(FIXTURES, 'compliant');
export const GAPS = join(FIXTURES, 'gaps');

function git(repo: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=acceptance', '-c', 'user.email=acceptance@localhost', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'pipe', encoding: 'utf8' });
}

/** Refs that have a patch in the gaps folder. */
export function gapPatchRefs(): string[] {
  return readdirSync(GAPS).filter((f) => f.endsWith('.patch')).map((f) => f.replace(/\.patch$/, ''));
}

/** First line of a gap patch: `<ref>: what the change does`. */
export function gapPatchMessage(ref: string): string {
  return readFileSync(join(GAPS, `${ref}.patch`), 'utf8').split('\n', 1)[0];
}

/** The tag of the commit that applies a ref's patch. */
export function gapTag(ref: string): string {
  return `gap/${ref}`;
}

/** A fresh repository: `main` (compliant) and `pr` (main plus `change`, run in the work tree); `main` is checked out. */
export function buildCompliantChange(change: (workTree: string) => void, message: string): string {
  const repo = join(mkdtempSync(join(tmpdir(), 'gg-acceptance-')), 'repo');
  cpSync(COMPLIANT, repo, { recursive: true });
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-qm', 'floe platform: compliant']);
  git(repo, ['checkout', '-q', '-b', 'pr']);
  change(repo);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-qm', message]);
  git(repo, ['checkout', '-q', 'main']);
  return repo;
}

/** A fresh repository: `main` (compliant) and `pr` (one commit per ref, in the order given); `main` is checked out. */
export function buildAcceptanceRepo(refs: string[]): string {
  const repo = join(mkdtempSync(join(tmpdir(), 'gg-acceptance-')), 'repo');
  cpSync(COMPLIANT, repo, { recursive: true });
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-qm', 'floe platform: compliant']);
  git(repo, ['checkout', '-q', '-b', 'pr']);
  for (const ref of refs) {
    const patch = join(GAPS, `${ref}.patch`);
    try {
      git(repo, ['apply', '--index', patch]);
    } catch (e) {
      throw new Error(`${patch} no longer applies to the compliant fixture (regenerate: node --import tsx test/acceptance/support/write-gap-patches.ts): ${(e as { stderr?: string }).stderr ?? (e as Error).message}`);
    }
    git(repo, ['commit', '-qm', gapPatchMessage(ref)]);
    git(repo, ['tag', gapTag(ref)]);
  }
  git(repo, ['checkout', '-q', 'main']);
  return repo;
}
