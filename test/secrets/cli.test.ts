// `gitops-guard secrets`, driven in-process through commander inside a throw-away repository.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/secrets.js';
import { runCommand } from '../support/run-command.js';

const TOKEN = 'ghp_' + 'R8x2Lq9VbN4mT7kZ1cW5yH3jF6dS0aPeUoIg';
const PASSWORD = 'Tr0ub4dor&3xYz!q';

const run = (args: string[]) => runCommand(register, 'secrets', args);

let repo: string;
const cwd = process.cwd();

function write(rel: string, content: string | Buffer): void {
  mkdirSync(join(repo, rel, '..'), { recursive: true });
  writeFileSync(join(repo, rel), content);
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'gg-secrets-'));
  mkdirSync(join(repo, '.git'));
  write('.gitignore', 'build/\n*.log\n');
  write('charts/api/values.yaml', `db:\n  password: "${PASSWORD}"\n`);
  write('charts/api/.gitignore', 'local-*.yaml\n');
  write('charts/api/local-dev.yaml', `token: ${TOKEN}\n`);
  write('build/out.yaml', `token: ${TOKEN}\n`);
  write('debug.log', `token: ${TOKEN}\n`);
  write('manifests/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  LOG_LEVEL: info\n');
  write('assets/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
  process.chdir(repo);
});
afterEach(() => process.chdir(cwd));

describe('gitops-guard secrets', () => {
  it('prints {"findings": [...]} and exits 1, honouring nested .gitignore files and skipping binaries', async () => {
    const r = await run(['--format', 'json']);
    expect(r.code).toBe(1);
    const { findings } = JSON.parse(r.stdout) as { findings: { path: string; line: number; ruleId: string; refs: string[] }[] };
    expect(findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`)).toEqual(['charts/api/values.yaml:2:secret-generic-assignment']);
    expect(findings[0].refs).toEqual(['REQ-429', 'REQ-435']);
    expect(r.stderr).toContain('skipped assets/logo.png: binary');
    expect(r.stderr).toContain('4 files scanned, 1 skipped');
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });

  it('skips files over limits.maxFileBytes and says so', async () => {
    write('.gitops-guard.yml', 'limits:\n  maxFileBytes: 1024\n');
    write('manifests/big.yaml', `# ${'x'.repeat(1100)}\ntoken: ${TOKEN}\n`);
    const r = await run(['manifests']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No findings.');
    expect(r.stdout).toMatch(/1 file scanned, 1 skipped/);
    expect(r.stderr).toMatch(/skipped manifests\/big\.yaml: \d+ bytes, over the 1024-byte limit/);
  });

  it('scans explicitly named files, exits 0 when clean, and writes SARIF with secret rule descriptors', async () => {
    expect((await run(['manifests/cm.yaml'])).code).toBe(0);
    const r = await run(['--format', 'sarif', 'charts']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } }; results: unknown[] }[] };
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(sarif.runs[0].tool.driver.rules[0]).toMatchObject({ id: 'secret-generic-assignment', shortDescription: { text: 'Hardcoded credential' } });
  });

  it('loads .gitleaks.toml rules and allowlists and .gitleaksignore from the current folder', async () => {
    write('.gitleaks.toml', `[[rules]]\nid = "acme"\nregex = '''acme_[a-z0-9]{20}'''\nkeywords = ["acme_"]\n[allowlist]\npaths = ['''^charts/''']\n`);
    write('app/cfg.yaml', 'key: acme_q8v2mk9tl4bn7cz1wy3j\n');
    const r = await run(['--format', 'json']);
    expect((JSON.parse(r.stdout) as { findings: { path: string; ruleId: string }[] }).findings.map((f) => `${f.path}:${f.ruleId}`)).toEqual(['app/cfg.yaml:gitleaks:acme']);
    write('.gitleaksignore', 'app/cfg.yaml:acme:1\n');
    expect((await run([])).code).toBe(0);
  });

  it('--threads N scans with worker threads past 4 MiB and reports the same findings in the same order', async () => {
    const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  note: ${'lorem ipsum '.repeat(40)}\n`;
    for (let f = 0; f < 12; f++) write(`bulk/f${String(f).padStart(2, '0')}.yaml`, Array.from({ length: 800 }, (_, i) => doc(i)).join('---\n') + `---\ntoken: ${TOKEN}\n`);
    const one = await run(['--format', 'json', '--threads', '1', 'bulk']);
    const three = await run(['--format', 'json', '--threads', '3', 'bulk']);
    expect(one.code).toBe(1);
    expect(three.stderr).toBe(one.stderr);
    expect(three.stdout).toBe(one.stdout);
    expect((JSON.parse(three.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path)).toEqual(Array.from({ length: 12 }, (_, f) => `bulk/f${String(f).padStart(2, '0')}.yaml`));
  });

  it('exits 2 naming the file and line of a broken .gitleaks.toml, and on a bad format, path or thread count', async () => {
    expect((await run(['--format', 'xml'])).code).toBe(2);
    const zero = await run(['--threads', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--threads must be a whole number of at least 1, not "0"');
    expect((await run(['missing'])).stderr).toContain('missing: no such file or directory');
    write('.gitleaks.toml', '[[rules]]\nid = "x"\nregex = "("\n');
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.gitleaks\.toml:1: rule "x" regex is not a valid regular expression/);
  });
});
