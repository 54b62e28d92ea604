// scanText behaviour around the detectors: finding shape, redaction, review lines, suppressions,
// .gitleaks.toml / .gitleaksignore, fixes.
import { describe, expect, it } from 'vitest';
import { loadRepoSecretConfig, parseGitleaksConfig, redact, scanText } from '../../src/secrets/index.js';

const TOKEN = 'ghp_' + 'R8x2Lq9VbN4mT7kZ1cW5yH3jF6dS0aPeUoIg';
const PASSWORD = 'Tr0ub4dor&3xYz!q';

describe('finding shape', () => {
  it('carries refs, kind, a 4-character preview and a fingerprint, never the value', () => {
    const [f] = scanText(`token: ${TOKEN}\n`, 'app/values.yaml');
    expect(f).toMatchObject({ ruleId: 'secret-github-token', refs: ['REQ-429', 'REQ-435'], severity: 'critical', path: 'app/values.yaml', line: 1, kind: 'GitHub token', preview: 'ghp_…' });
    expect(f.message).toContain('GitHub token (ghp_…) hardcoded');
    expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(f)).not.toContain(TOKEN.slice(4, 12));
  });
  it('keeps the fingerprint when the secret moves to another line', () => {
    const a = scanText(`token: ${TOKEN}\n`, 'x.yaml')[0].fingerprint;
    const b = scanText(`# moved\n\ntoken: ${TOKEN}\n`, 'x.yaml')[0].fingerprint;
    expect(a).toBe(b);
  });
  it('shows fewer characters of short values', () => {
    expect(redact('abcdefghijklmnop')).toBe('abcd…');
    expect(redact('abcdefgh')).toBe('ab…');
    expect(redact('abcdef')).toBe('a…');
  });
});

describe('review mode', () => {
  it('reports only on the given head lines', () => {
    const text = `a: 1\npassword: "${PASSWORD}"\ntoken: ${TOKEN}\n`;
    expect(scanText(text, 'v.yaml', { lines: new Set([3]) }).map((f) => f.line)).toEqual([3]);
  });
});

describe('suppressions', () => {
  it('honours gitops-guard:ignore above an env entry for the value lines below its name', () => {
    const env = (above: string) => `env:\n${above}  - name: DB_PASSWORD\n    value: "Tr0ub4dor&3xYz!q"\n`;
    expect(scanText(env(''), 'deploy.yaml')).toHaveLength(1);
    expect(scanText(env('  # gitops-guard:ignore secret a test database\n'), 'deploy.yaml')).toEqual([]);
    expect(scanText(env('  # gitops-guard:ignore secret-jwt another rule\n'), 'deploy.yaml')).toHaveLength(1);
    // a comment above the entry before does not reach this one
    expect(scanText(`env:\n  # gitops-guard:ignore secret x\n  - name: MODE\n    value: fast\n  - name: DB_PASSWORD\n    value: "Tr0ub4dor&3xYz!q"\n`, 'deploy.yaml')).toHaveLength(1);
  });

  it('honours gitops-guard:ignore on the line or the comment line above', () => {
    expect(scanText(`token: ${TOKEN} # gitops-guard:ignore secret test fixture\n`, 'x.yaml')).toEqual([]);
    expect(scanText(`# gitops-guard:ignore secret-github-token rotated already\ntoken: ${TOKEN}\n`, 'x.yaml')).toEqual([]);
    expect(scanText(`# gitops-guard:ignore secret-jwt wrong rule\ntoken: ${TOKEN}\n`, 'x.yaml')).toHaveLength(1);
  });
  it('honours .gitleaksignore fingerprints and path:rule:line entries (gitleaks rule ids too)', () => {
    const text = `token: ${TOKEN}\n`;
    const [f] = scanText(text, 'x.yaml');
    const read = (ignore: string) => loadRepoSecretConfig((p) => (p === '.gitleaksignore' ? ignore : undefined));
    expect(scanText(text, 'x.yaml', read(`${f.fingerprint}\n`))).toEqual([]);
    expect(scanText(text, 'x.yaml', read('x.yaml:github-pat:1\n'))).toEqual([]);
    expect(scanText(text, 'x.yaml', read('0123abc:x.yaml:github-pat:1\n'))).toEqual([]);
    expect(scanText(text, 'x.yaml', read('x.yaml:github-pat:2\n'))).toHaveLength(1);
  });
});

describe('.gitleaks.toml', () => {
  const load = (toml: string) => loadRepoSecretConfig((p) => (p === '.gitleaks.toml' ? toml : undefined));

  it('adds [[rules]] with keywords, secretGroup, entropy and Go regex syntax', () => {
    const cfg = load(`
[[rules]]
id = "acme-key"
description = "ACME internal key"
regex = '''(?i)acme[_-]key\\s*[:=]\\s*(?P<k>[a-z0-9]{24})'''
secretGroup = 1
entropy = 3.0
keywords = ["acme"]
`);
    const [f] = scanText('ACME_KEY: q8v2mk9tl4bn7cz1wy3jhf6s\n', 'cfg.yaml', cfg);
    expect(f).toMatchObject({ ruleId: 'gitleaks:acme-key', kind: 'ACME internal key', preview: 'q8v2…', line: 1 });
    expect(scanText('ACME_KEY: aaaaaaaaaaaaaaaaaaaaaaab\n', 'cfg.yaml', cfg)).toEqual([]);
  });

  it('applies [allowlist] paths, regexes and stopwords, and per-rule allowlists', () => {
    const text = `token: ${TOKEN}\npassword: "${PASSWORD}"\n`;
    expect(scanText(text, 'test/fixtures/a.yaml', load(`[allowlist]\npaths = ['''^test/''']\n`))).toEqual([]);
    expect(scanText(text, 'a.yaml', load(`[allowlist]\nregexes = ['''^ghp_''']\n`)).map((f) => f.line)).toEqual([2]);
    expect(scanText(text, 'a.yaml', load(`[allowlist]\nstopwords = ["r0ub4"]\n`)).map((f) => f.line)).toEqual([1]);
    expect(scanText(text, 'a.yaml', load(`[[allowlists]]\ntargetRules = ["github-pat"]\nregexTarget = "line"\nregexes = ['''^token:''']\n`)).map((f) => f.line)).toEqual([2]);
    const perRule = load(`[[rules]]\nid = "x"\nregex = '''xkey_([a-z0-9]{16})'''\n[rules.allowlist]\nstopwords = ["test"]\n`);
    expect(scanText('a: xkey_q8v2mk9tl4bn7cz1\nb: xkey_test9tl4bn7cz1q\n', 'a.yaml', perRule).map((f) => f.line)).toEqual([1]);
  });

  it('names the file and line of a TOML syntax error or an invalid rule', () => {
    expect(() => parseGitleaksConfig('title = "x"\n[[rules]\nid = "a"\n', '.gitleaks.toml')).toThrow(/^\.gitleaks\.toml:2: /);
    expect(() => parseGitleaksConfig('title = "x"\n\n[[rules]]\nid = "a"\nregex = "(unclosed"\n', '.gitleaks.toml')).toThrow(/^\.gitleaks\.toml:3: rule "a" regex is not a valid regular expression/);
    expect(() => parseGitleaksConfig('[[rules]]\ndescription = "no id"\nregex = "x"\n', '.gitleaks.toml')).toThrow(/^\.gitleaks\.toml:1: rule #1 has no id/);
    expect(() => parseGitleaksConfig('[allowlist]\npaths = "not-a-list"\n', '.gitleaks.toml')).toThrow(/^\.gitleaks\.toml:1: allowlist paths must be a list/);
  });
});

describe('fixes', () => {
  it('turns an env value into a secretKeyRef to {service}-{environment}-credentials', () => {
    const text = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: billing', 'spec:', '  template:', '    spec:', '      containers:', '        - name: app', '          env:', '            - name: DB_PASSWORD', `              value: "${PASSWORD}"`, ''].join('\n');
    const [f] = scanText(text, 'overlays/prod/deploy.yaml');
    expect(f.fix).toEqual({
      path: 'overlays/prod/deploy.yaml',
      startLine: 12,
      endLine: 12,
      replacement: [
        '              # gitops-guard: rotate this credential, the literal is already in git history',
        '              valueFrom:',
        '                secretKeyRef:',
        '                  name: billing-prod-credentials',
        '                  key: db-password',
      ].join('\n'),
      description: 'Read DB_PASSWORD from Secret billing-prod-credentials and rotate the exposed credential',
    });
  });
  it('turns a Helm values literal into existingSecret, once per mapping', () => {
    const [f] = scanText(`postgresql:\n  auth:\n    password: "${PASSWORD}"\n`, 'charts/orders/values-staging.yaml');
    expect(f.fix?.replacement).toBe('    # gitops-guard: rotate this credential, the literal is already in git history\n    existingSecret: orders-staging-credentials');
    const [g] = scanText(`auth:\n  existingSecret: x\n  password: "${PASSWORD}"\n`, 'charts/orders/values.yaml');
    expect(g.fix?.replacement).toBe('  # gitops-guard: rotate this credential, the literal is already in git history');
  });
  it('fills an empty existingSecret beside the literal in the same edit, and offers nothing when it is further away', () => {
    const text = `auth:\n  existingSecret: ""\n  password: "${PASSWORD}"\n`;
    const [f] = scanText(text, 'charts/orders/values-prod.yaml');
    expect(f.fix).toMatchObject({ startLine: 2, endLine: 3, replacement: '  # gitops-guard: rotate this credential, the literal is already in git history\n  existingSecret: orders-prod-credentials' });
    const apart = `auth:\n  existingSecret: ""\n  username: app\n  password: "${PASSWORD}"\n`;
    expect(scanText(apart, 'charts/orders/values-prod.yaml')[0].fix).toBeUndefined();
  });
  it('names the Secret of a file of no particular environment for dev, as the naming rule does', () => {
    expect(scanText(`auth:\n  password: "${PASSWORD}"\n`, 'charts/orders/values.yaml')[0].fix?.replacement).toContain('existingSecret: orders-dev-credentials');
  });
  it('offers no fix where the change is not mechanical', () => {
    expect(scanText(`token: ${TOKEN}\n`, 'charts/x/templates/cm.yaml')[0].fix).toBeUndefined();
  });
});

describe('.gitleaks.toml secret groups', () => {
  it('reports the first capture group that matched when secretGroup is unset, as gitleaks does', () => {
    const cfg = loadRepoSecretConfig((p) => (p === '.gitleaks.toml'
      ? `[[rules]]\nid = "two-forms"\nregex = '''(?i)acme_key=([a-z0-9]{12})|\\b(ACME[A-Z0-9]{16})\\b'''\nkeywords = ["acme"]\n`
      : undefined));
    expect(scanText('x: ACMEQ8V2MK9TL4BN7CZ1\n', 'a.yaml', cfg)[0].preview).toBe('ACME…');
    expect(scanText('acme_key=zq8v2mk9tl4b\n', 'a.yaml', cfg)[0].preview).toBe('zq8v…');
  });
});

describe('binary content', () => {
  it('is not scanned (a NUL byte near the start, as git decides)', () => {
    expect(scanText(`\u0000PNG\ntoken: ${TOKEN}\n`, 'logo.png')).toEqual([]);
    expect(scanText(`token: ${TOKEN}\n`, 'a.yaml')).toHaveLength(1);
  });
});

describe('scanBytes', () => {
  it('finds what scanText finds in the decoded text: ASCII read from the bytes, anything else decoded', async () => {
    const { default: fc } = await import('fast-check');
    const { yamlText } = await import('./generated-yaml.js');
    const { generateCorpus } = await import('./corpus.js');
    const { scanBytes } = await import('../../src/secrets/scan.js');
    fc.assert(
      fc.property(yamlText, fc.constantFrom('a.yaml', 'charts/app/values-prod.yaml'), (text, path) => {
        expect(scanBytes(Buffer.from(text), path)).toEqual(scanText(text, path));
      }),
      { numRuns: 300 },
    );
    const corpus = generateCorpus(1_500_000, 5);
    let found = 0;
    for (const f of corpus.files) {
      const want = scanText(f.text, f.path);
      expect(scanBytes(Buffer.from(f.text), f.path)).toEqual(want);
      found += want.length;
    }
    expect(found).toBeGreaterThan(50);
    // Invalid UTF-8 and a NUL near the start, as scanText sees their decoding.
    const odd = Buffer.concat([Buffer.from('password: "Tr0ub4dor&3xYz!q"\n\xff\xfe: x\n', 'latin1'), Buffer.from('tökén: "Xk9#mP2$vL8qR4nW"\n')]);
    expect(scanBytes(odd, 'a.env')).toEqual(scanText(odd.toString('utf8'), 'a.env'));
    expect(scanBytes(Buffer.from('a\0b\npassword: "Tr0ub4dor&3xYz!q"'), 'a.env')).toEqual([]);
  });
});
