// Builds the acceptance repository as real git history: `main` holds the compliant platform,
// `pr` is main plus the files of the gaps overlay (one change per seed item), like a pull request.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = join(process.cwd(), 'test/fixtures/acceptance');
export const COMPLIANT = join(FIXTURES, 'compliant');
export const GAPS = join(FIXTURES, 'gaps');

function git(repo: string, args: string[]): void {
  execFileSync('git', ['-c', 'user.name=acceptance', '-c', 'user.email=acceptance@localhost', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'pipe' });
}

/** A fresh repository with branches `main` (compliant) and `pr` (compliant + gaps); `main` is checked out. */
export function buildAcceptanceRepo(): string {
  const repo = join(mkdtempSync(join(tmpdir(), 'gg-acceptance-')), 'repo');
  cpSync(COMPLIANT, repo, { recursive: true });
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-qm', 'floe platform: compliant']);
  git(repo, ['checkout', '-q', '-b', 'pr']);
  cpSync(GAPS, repo, { recursive: true });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-qm', 'Reproduce GAP-1..10 and REQ-426..435']);
  git(repo, ['checkout', '-q', 'main']);
  return repo;
}
