// The bundled example pull request (examples/floe-gitops: base → pr) inside a fake GitHub.
import { join } from 'node:path';
import type { FakeGitHub, PullRecord } from '../support/fake-github/server.js';
import { filesUnder } from '../support/fake-github/harness.js';

const examples = join(import.meta.dirname, '../../examples/floe-gitops');

/** Commits `base/` on main (plus `extraBase` files), then `pr/` on branch `pr`, and opens the PR. */
export function exampleRepo(fake: FakeGitHub, extraBase: Record<string, string> = {}): PullRecord {
  fake.git.commit({ ...filesUnder(join(examples, 'base')), ...extraBase }, 'floe platform: base');
  fake.git.checkoutNew('pr', 'main');
  fake.git.commit(filesUnder(join(examples, 'pr')), 'Bump Polaris, init container for PostgreSQL, S3 access for dbt');
  return fake.openPull('pr', 'main', 'Bump Polaris');
}

/** Text of lines start..end (1-based, inclusive) replaced by `replacement`. */
export function replaceLines(text: string, start: number, end: number, replacement: string): string {
  const lines = text.split('\n');
  lines.splice(start - 1, end - start + 1, ...replacement.split('\n'));
  return lines.join('\n');
}

export function suggestionOf(body: string): string | undefined {
  return /(`{3,})suggestion\n([\s\S]*?)\n\1/.exec(body)?.[2];
}
