// The sandbox helm and kubectl run in: scrubbed environment, process-group kills on timeout and
// output cap, output carrying the app's secrets withheld, nothing read through symlinks.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Unit } from '../../src/core/types.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { renderHelm } from '../../src/render/helm.js';
import { privateTree } from '../../src/render/private-tree.js';
import { runTool } from '../../src/render/sandbox.js';
import { externalSchemaRefs } from '../../src/render/schema-refs.js';
import { leakedSecret, processSecrets } from '../../src/render/secret-env.js';
import { DirSnapshot } from '../../src/workspace/dir-snapshot.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

const scratch = mkdtempSync(join(tmpdir(), 'gg-sandbox-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const limits = { cwd: scratch, timeoutMs: 20_000, maxOutputBytes: 1024 * 1024, secrets: [] };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe('runTool', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('gives the tool only PATH, a private HOME, HELM_* homes inside it and no kubeconfig', async () => {
    process.env.WEBHOOK_SECRET = 'do-not-pass-this-along';
    process.env.HTTPS_PROXY = 'http://proxy.example:3128';
    const run = await runTool('/usr/bin/env', [], limits);
    const env = Object.fromEntries(run.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(Object.keys(env).sort()).toEqual(['HELM_CACHE_HOME', 'HELM_CONFIG_HOME', 'HELM_DATA_HOME', 'HOME', 'KUBECONFIG', 'PATH']);
    expect(env.HELM_CACHE_HOME.startsWith(`${env.HOME}/`)).toBe(true);
    expect(env.KUBECONFIG).toBe('/dev/null');
    expect(existsSync(env.HOME)).toBe(false);
  });

  it('a timeout kills the whole process group, background children included', async () => {
    const pidFile = join(scratch, 'bg.pid');
    const run = await runTool('/bin/sh', ['-c', `sleep 300 & echo $! > ${pidFile}; sleep 300`], { ...limits, timeoutMs: 300 });
    expect(run.timedOut).toBe(true);
    expect(run.code).toBeNull();
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(await eventually(() => !alive(pid))).toBe(true);
  });

  it('output over the cap stops the tool and keeps at most the cap', async () => {
    const run = await runTool('/usr/bin/yes', ['gitops-guard'], { ...limits, maxOutputBytes: 10_000 });
    expect(run.truncated).toBe(true);
    expect(run.stdout.length).toBeLessThanOrEqual(10_000);
  });

  it('a memory cap also sets a hard address-space limit, and a Go out-of-memory death counts as over the cap', async () => {
    const cap = 64 * 1024 * 1024;
    const limit = await runTool('/bin/sh', ['-c', 'ulimit -v'], { ...limits, maxMemoryBytes: cap });
    expect(Number(limit.stdout.trim())).toBe((cap + 1024 * 1024 * 1024) / 1024);
    const oom = await runTool('/bin/sh', ['-c', 'echo "fatal error: out of memory" >&2; exit 2'], { ...limits, maxMemoryBytes: cap });
    expect(oom.memoryExceeded).toBe(true);
  });

  it('output containing a secret of the app environment is withheld and names only the variable', async () => {
    process.env.WEBHOOK_SECRET = 'whsec-0123456789abcdef';
    const run = await runTool('/bin/echo', ['leaked:', 'whsec-0123456789abcdef'], { cwd: scratch, timeoutMs: 20_000, maxOutputBytes: 1024 * 1024 });
    expect(run.withheld).toBe('WEBHOOK_SECRET');
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
  });
});

describe('processSecrets / leakedSecret', () => {
  const pem = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAuXq0cVdYb3JpZ2luYWwta2V5LWZvci10ZXN0cy1vbmx5LW5vdC1yZWFs', 'c2Vjb25kLWxpbmUtb2YtdGhlLWtleS1ib2R5LWZvci10ZXN0cy1vbmx5', '-----END RSA PRIVATE KEY-----'].join('\n');

  it('picks secret-looking variables, skips paths, short values and settings', () => {
    const names = processSecrets({ WEBHOOK_SECRET: 'abcdefghij', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG', GITHUB_TOKEN: 'ghs_abcdefghijklmnop', PRIVATE_KEY_PATH: '/nonexistent/key.pem', DB_PASSWORD: 'short', AWS_REGION: 'eu-west-1', HOME: '/root', SIGNING_KEY: 'k-0123456789', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' }).map((s) => s.name);
    expect(names.sort()).toEqual(['AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'SIGNING_KEY', 'WEBHOOK_SECRET']);
  });

  it('finds a PEM key re-indented line by line, a value base64-encoded, and the key file Probot reads', () => {
    const keyFile = join(scratch, 'app.pem');
    writeFileSync(keyFile, pem);
    const fromEnv = processSecrets({ PRIVATE_KEY: pem.replace(/\n/g, '\\n') });
    const fromFile = processSecrets({ PRIVATE_KEY_PATH: keyFile });
    const reindented = `data:\n  key: |\n${pem.split('\n').map((l) => `    ${l}`).join('\n')}\n`;
    expect(leakedSecret([reindented], fromEnv)).toBe('PRIVATE_KEY');
    expect(leakedSecret([reindented], fromFile)).toBe('PRIVATE_KEY_PATH');
    const token = processSecrets({ GITHUB_TOKEN: 'ghs_abcdefghijklmnop' });
    for (const prefix of ['', 'a', 'ab', 'token=']) {
      expect(leakedSecret([`data: ${Buffer.from(`${prefix}ghs_abcdefghijklmnop\n`).toString('base64')}`], token), prefix).toBe('GITHUB_TOKEN');
    }
    expect(leakedSecret(['nothing to see -----BEGIN RSA PRIVATE KEY-----'], fromEnv)).toBeUndefined();
  });
});

describe('privateTree', () => {
  it('copies regular files and in-repo symlinked files; refuses symlinks leading out or to folders, files over the limit, symlinked folders', async () => {
    const repo = mkdtempSync(join(scratch, 'tree-'));
    const outside = mkdtempSync(join(scratch, 'tree-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'outside');
    mkdirSync(join(repo, 'a/b'), { recursive: true });
    writeFileSync(join(repo, 'a/b/ok.yaml'), 'x: 1\n');
    writeFileSync(join(repo, 'a/big.bin'), Buffer.alloc(2048));
    writeFileSync(join(repo, 'elsewhere.yaml'), 'y: 2\n');
    symlinkSync(join(outside, 'secret.txt'), join(repo, 'a/link.txt'));
    symlinkSync(outside, join(repo, 'a/linked-dir'));
    symlinkSync(outside, join(repo, 'via'));
    symlinkSync('b/ok.yaml', join(repo, 'a/alias.yaml'));
    const tree = await privateTree(new DirSnapshot('t', repo), ['a', 'a/b', 'via', '../etc'], 1024);
    try {
      expect(readFileSync(join(tree.dir, 'a/b/ok.yaml'), 'utf8')).toBe('x: 1\n');
      expect(lstatSync(join(tree.dir, 'a/alias.yaml')).isFile()).toBe(true);
      expect(tree.refused.map((r) => r.path).sort()).toEqual(['a/link.txt', 'a/linked-dir']);
      for (const absent of ['a/big.bin', 'a/link.txt', 'a/linked-dir', 'via', 'elsewhere.yaml']) expect(existsSync(join(tree.dir, absent)), absent).toBe(false);
    } finally {
      await tree.dispose();
    }
    expect(existsSync(tree.dir)).toBe(false);
  });
});

describe('helm in the sandbox', () => {
  const unit: Unit = { id: 'helm:chart', kind: 'helm', root: 'chart', environments: ['default'] };
  const write = (root: string, path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const chartYaml = 'apiVersion: v2\nname: chart\nversion: 0.1.0\n';

  it('.Files.Get of a symlink out of the chart gets nothing, and a symlinked template is not rendered', async () => {
    const repo = mkdtempSync(join(scratch, 'repo-'));
    const outside = mkdtempSync(join(scratch, 'outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'content-from-outside-the-repository');
    writeFileSync(join(outside, 'evil.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-outside\n');
    write(repo, 'chart/Chart.yaml', chartYaml);
    write(repo, 'chart/values.yaml', '');
    write(repo, 'chart/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: files\ndata:\n  got: {{ .Files.Get "files/link.txt" | quote }}\n  glob: {{ len (.Files.Glob "files/*") | quote }}\n');
    mkdirSync(join(repo, 'chart/files'));
    symlinkSync(join(outside, 'secret.txt'), join(repo, 'chart/files/link.txt'));
    symlinkSync(join(outside, 'evil.yaml'), join(repo, 'chart/templates/evil.yaml'));
    const r = await renderHelm(unit, 'default', new DirSnapshot('t', repo), DEFAULT_CONFIG);
    expect(r.errors.map((e) => [e.path, e.ruleId]).sort()).toEqual([
      ['chart/files/link.txt', 'path-escape'],
      ['chart/templates/evil.yaml', 'path-escape'],
    ]);
    expect(r.objects.map((o) => o.ref.name)).toEqual(['files']);
    expect(r.objects[0].object).toMatchObject({ data: { got: '', glob: '0' } });
  });

  it('a chart printing the app webhook secret is withheld with a finding that does not carry it', async () => {
    const secret = 'whsec-planted-9f8e7d6c5b4a';
    const saved = process.env.WEBHOOK_SECRET;
    process.env.WEBHOOK_SECRET = secret;
    try {
      const snap = MemorySnapshot.from('t', {
        'chart/Chart.yaml': chartYaml,
        'chart/values.yaml': `token: ${secret}\n`,
        'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leak\ndata:\n  token: {{ .Values.token }}\n  b64: {{ .Values.token | b64enc }}\n',
      });
      const r = await renderHelm(unit, 'default', snap, DEFAULT_CONFIG);
      expect(r.objects).toEqual([]);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ path: 'chart/Chart.yaml', ruleId: 'secret-leak' });
      expect(r.errors[0].message).toContain('WEBHOOK_SECRET');
      expect(JSON.stringify(r.errors)).not.toContain(secret);
    } finally {
      if (saved === undefined) delete process.env.WEBHOOK_SECRET;
      else process.env.WEBHOOK_SECRET = saved;
    }
  });

  it('a template that loops for ever is stopped by the render timeout', async () => {
    const snap = MemorySnapshot.from('t', {
      'chart/Chart.yaml': chartYaml,
      'chart/values.yaml': '',
      'chart/templates/loop.yaml': '{{- range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: never\n',
    });
    const r = await renderHelm(unit, 'default', snap, { ...DEFAULT_CONFIG, limits: { ...DEFAULT_CONFIG.limits, renderTimeoutMs: 500 } });
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ path: 'chart/Chart.yaml', ruleId: 'limit-exceeded', message: expect.stringContaining('render timeout of 500 ms') })]);
  });

  it('a single huge allocation is stopped by the address-space limit before the memory poll could see it', async () => {
    const snap = MemorySnapshot.from('t', {
      'chart/Chart.yaml': chartYaml,
      'chart/values.yaml': '',
      'chart/templates/huge.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  blob: "{{ repeat 4000000000 "x" }}"\n',
    });
    const r = await renderHelm(unit, 'default', snap, DEFAULT_CONFIG);
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ path: 'chart/Chart.yaml', ruleId: 'limit-exceeded', message: expect.stringMatching(/memory/) })]);
  });

  it('a template printing more than the output cap is stopped', async () => {
    const snap = MemorySnapshot.from('t', {
      'chart/Chart.yaml': chartYaml,
      'chart/values.yaml': '',
      'chart/templates/big.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "{{ range until 20000 }}0123456789{{ end }}"\n',
    });
    const r = await renderHelm(unit, 'default', snap, { ...DEFAULT_CONFIG, limits: { ...DEFAULT_CONFIG.limits, maxRenderOutputBytes: 50_000 } });
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ ruleId: 'limit-exceeded', message: expect.stringContaining('50000 bytes') })]);
  });
});

describe('helm values schemas', () => {
  const unit: Unit = { id: 'helm:chart', kind: 'helm', root: 'chart', environments: ['default'] };

  it('a schema $ref leaving the schema is refused at its line; the chart still renders, without schema validation, and nothing is fetched', async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('{"type":"integer"}');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    try {
      const schema = ['{', '  "type": "object",', '  "properties": {', `    "a": { "\\u0024ref": "http://127.0.0.1:${port}/int.json" },`, '    "b": { "$ref": "#/$defs/s" }', '  },', '  "$defs": { "s": { "type": "string" } }', '}', ''].join('\n');
      const snap = MemorySnapshot.from('t', {
        'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
        'chart/values.yaml': 'a: 1\nb: x\n',
        'chart/values.schema.json': schema,
        'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: schema\ndata:\n  a: {{ .Values.a | quote }}\n',
      });
      const r = await renderHelm(unit, 'default', snap, DEFAULT_CONFIG);
      expect(requests).toEqual([]);
      expect(r.objects.map((o) => o.ref.name)).toEqual(['schema']);
      expect(r.errors).toEqual([expect.objectContaining({ path: 'chart/values.schema.json', line: 4, ruleId: 'path-escape' })]);
    } finally {
      server.close();
    }
  });

  it('a schema inside a packaged subchart is searched too', () => {
    const tar = (name: string, body: string): Buffer => {
      const header = Buffer.alloc(512);
      header.write(name, 0);
      header.write('0000644\0', 100);
      header.write(`${Buffer.byteLength(body).toString(8).padStart(11, '0')}\0`, 124);
      header.write('0', 156);
      const data = Buffer.alloc(Math.ceil(Buffer.byteLength(body) / 512) * 512);
      data.write(body);
      return Buffer.concat([header, data, Buffer.alloc(1024)]);
    };
    const dir = mkdtempSync(join(scratch, 'schema-tgz-'));
    mkdirSync(join(dir, 'chart/charts'), { recursive: true });
    writeFileSync(join(dir, 'chart/charts/sub-1.0.0.tgz'), gzipSync(tar('sub/values.schema.json', '{"$ref": "file:///etc/passwd"}')));
    expect(externalSchemaRefs(dir, 'chart')).toEqual([{ file: 'chart/charts/sub-1.0.0.tgz', line: 1, ref: 'file:///etc/passwd' }]);
  });
});
