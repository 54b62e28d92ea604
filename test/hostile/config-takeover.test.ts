// Threat: a pull request that edits the gitops-guard config to switch its own gate off (failOn: never,
// every rule off, every path ignored, limits raised). The target branch's config (at the merge base)
// governs the review, in the CLI as in the GitHub App, so the change is still reviewed and still fails.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAppAgainstFake, until } from '../support/fake-github/harness.js';
import { pullRequestEvent } from '../support/fake-github/webhooks.js';
import { findingsOf, runCli } from './support/cli.js';
import { gitRepo } from './support/git-repo.js';

const PRIVILEGED = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: root\n  namespace: apps\nspec:\n  hostPID: true\n  containers:\n    - name: a\n      image: nginx:latest\n      securityContext:\n        privileged: true\n';
const TAKEOVER = [
  'failOn: never',
  'ignorePaths: ["**"]',
  'rules:',
  '  image-not-pinned-by-digest: off',
  'limits:',
  '  maxFileBytes: 1073741824',
  '  renderTimeoutMs: 86400000',
  '',
].join('\n');

describe('a pull request cannot switch its own gate off', () => {
  for (const path of ['.gitops-guard.yml', '.github/gitops-guard.yml']) {
    it(`editing ${path} changes nothing for its own review`, () => {
      const repo = gitRepo({ [path]: 'failOn: high\n' }, { [path]: TAKEOVER, 'apps/root.yaml': PRIVILEGED });
      const r = runCli(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json']);
      expect(r.code, r.stderr).toBe(1);
      const findings = findingsOf(r);
      expect(findings.some((f) => f.path === 'apps/root.yaml' && f.ruleId === 'image-not-pinned-by-digest')).toBe(true);
      expect(findings.filter((f) => f.path === 'apps/root.yaml' && ['critical', 'high'].includes(f.severity)).length).toBeGreaterThan(0);
      // the edit itself is valid: no config finding
      expect(findings.some((f) => f.ruleId === 'config-error')).toBe(false);
    });
  }

  it('a branch started before the target branch tightened its gate gets the tighter gate (the tip\'s config)', () => {
    const repo = gitRepo({ '.gitops-guard.yml': 'failOn: never\n' }, { 'apps/root.yaml': PRIVILEGED });
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { stdio: 'pipe' });
    git('checkout', '-q', 'main');
    writeFileSync(join(repo, '.gitops-guard.yml'), 'failOn: high\n');
    git('commit', '-qam', 'tighten the gate');
    git('checkout', '-q', 'pr');
    const r = runCli(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
  });

  it('an explicit --config still wins (the CI job owns it, not the pull request)', () => {
    const repo = gitRepo({}, { 'apps/root.yaml': PRIVILEGED });
    const r = runCli(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json', '--config', '/dev/null']);
    expect(r.code, r.stderr).toBe(1);
  });
});

describe('in the GitHub App, a pull request cannot switch its own gate off', () => {
  it('editing .github/gitops-guard.yml changes nothing for its own review, into main or another branch', async () => {
    const app = await startAppAgainstFake();
    try {
      const { fake } = app;
      fake.git.commit({ '.github/gitops-guard.yml': 'failOn: high\n' }, 'base');
      fake.git.checkoutNew('release-1', 'main');
      fake.git.commit({ 'README.md': 'release 1\n' }, 'release-1');
      for (const target of ['main', 'release-1']) {
        fake.git.checkoutNew(`takeover-${target}`, target);
        const sha = fake.git.commit({ '.github/gitops-guard.yml': TAKEOVER, 'apps/root.yaml': PRIVILEGED }, 'take the gate over');
        await app.send('pull_request', pullRequestEvent(fake, fake.openPull(`takeover-${target}`, target), 'opened'));
        await until(() => fake.checkRuns.some((r) => r.head_sha === sha && r.status === 'completed'), 90_000, `the check run into ${target}`);
        const run = fake.checkRuns.find((r) => r.head_sha === sha)!;
        expect(run.conclusion, target).toBe('failure');
        expect(run.annotations.some((a) => a.path === 'apps/root.yaml' && a.title?.startsWith('image-not-pinned-by-digest')), target).toBe(true);
        expect(run.annotations.some((a) => a.title?.startsWith('config-error')), target).toBe(false);
      }
    } finally {
      await app.stop();
    }
  }, 180_000);
});
