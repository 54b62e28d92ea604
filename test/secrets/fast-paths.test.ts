// The scanner's shortcuts (lazy assignments, pre-checks before regular expressions, lookups read
// in place) against the straightforward code they replace, on generated YAML-like text: the
// results must be the same, not merely similar.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inlineEnvPairs, lineAssignments, type Assignment } from '../../src/secrets/assignments.js';
import { assignedDetectors, looksLikeSecretValue } from '../../src/secrets/detectors/assigned.js';
import { pemPrivateKey } from '../../src/secrets/detectors/blocks.js';
import { JWT_RE, JWT_REQUIRES } from '../../src/secrets/detectors/tokens.js';
import { shannonEntropy } from '../../src/secrets/entropy.js';
import { kindSecretOffsets } from '../../src/secrets/kube-secret-data.js';
import { isPlaceholder } from '../../src/secrets/placeholders.js';
import { environmentOf, serviceOf } from '../../src/secrets/names.js';
import { redact, secretFingerprint, secretHash } from '../../src/secrets/redact.js';
import { classifyAscii, classifyWords, isSecretKey } from '../../src/secrets/secret-keys.js';
import { makeAsciiSource, makeSource } from '../../src/secrets/source.js';
import type { Candidate, ScanSource } from '../../src/secrets/types.js';

// ---- The reference: key/value assignments of a line, as parsed before the shortcuts. ----

/** The text as an ASCII byte source, its line starts found by splitting it. */
function asciiSource(text: string, path = 'a.yaml'): ScanSource {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return makeAsciiSource(Buffer.from(text, 'latin1'), path, Int32Array.from(starts));
}

const LINE_RE = /^\s*(?:-\s+)?(?:export\s+)?["']?([A-Za-z_$@][\w.\-/$@]{0,120}?)["']?\s*(?::\s|:$|=)\s*(.*)$/;
const INLINE_RE = /(?<![\w.\-])-{0,2}["']?([A-Za-z_][\w.\-]{0,120})["']?\s*[:=]\s*("(?:[^"\\\n]|\\.){0,2000}"|'[^'\n]{0,2000}'|[^\s,;'"`}\]&)\\]{1,2000})/g;
const SEPARATOR_RE = /[=:]/;
const ENV_NAME_RE = /^(\s*)(-\s+)?["']?name["']?\s*:\s*["']?([A-Za-z_][\w.-]{0,120})["']?\s*(?:#.*)?$/;
const ENV_VALUE_RE = /^(\s*)(-\s+)?["']?value["']?\s*:\s*(.*)$/;

function refUnquote(raw: string): string {
  let v = raw.trim();
  if (v.endsWith(',')) v = v.slice(0, -1).trimEnd();
  if ((v.startsWith('"') || v.startsWith("'")) && v.length >= 2) {
    const q = v[0];
    const end = v.indexOf(q, 1);
    if (end > 0) {
      const inner = v.slice(1, end);
      return q === '"' ? inner.replace(/\\(["\\/])/g, '$1') : inner.replace(/''/g, "'");
    }
    return v.slice(1);
  }
  const hash = v.search(/\s#/);
  if (hash >= 0) v = v.slice(0, hash).trimEnd();
  return v;
}

function refInline(text: string, n: number): Assignment[] {
  const out: Assignment[] = [];
  INLINE_RE.lastIndex = 0;
  for (let im = INLINE_RE.exec(text); im; im = INLINE_RE.exec(text)) out.push({ key: im[1], value: refUnquote(im[2]), line: n, style: 'inline' });
  return out;
}

function refEnvValue(src: ScanSource, nameLine: number, column: number): { value: string; line: number } | undefined {
  for (let n = nameLine + 1; n <= Math.min(src.lineCount, nameLine + 4); n++) {
    const t = src.line(n);
    const m = ENV_VALUE_RE.exec(t);
    if (m && m[1].length + (m[2]?.length ?? 0) === column && !m[2]) return { value: refUnquote(m[3]), line: n };
    const indent = t.length - t.trimStart().length;
    if (t.trim() !== '' && (indent < column || (indent === column - 2 && t.trimStart().startsWith('-')))) return undefined;
  }
  return undefined;
}

function refAssignments(src: ScanSource, n: number): Assignment[] {
  const text = src.line(n);
  const out: Assignment[] = [];
  const add = (a: Assignment): void => {
    if (a.value && !out.some((o) => o.line === a.line && o.key === a.key && o.value === a.value)) out.push(a);
  };
  const m = LINE_RE.exec(text);
  if (m) add({ key: m[1], value: refUnquote(m[2]), line: n, style: 'line' });
  if (text.length > 0 && (!m || SEPARATOR_RE.test(m[2]))) {
    for (const a of refInline(text, n)) {
      add(a);
      if (SEPARATOR_RE.test(a.value) && a.value !== text) for (const inner of refInline(a.value, n)) add(inner);
    }
    if (m) for (const inner of refInline(refUnquote(m[2]), n)) add(inner);
    for (const pair of inlineEnvPairs(out)) add(pair);
  }
  const env = text.includes('name') ? ENV_NAME_RE.exec(text) : null;
  if (env) {
    const value = refEnvValue(src, n, env[1].length + (env[2]?.length ?? 0));
    if (value) add({ key: env[3], value: value.value, line: value.line, style: 'env' });
  }
  return out;
}

/** Lines split the way ScanSource cuts them: at `\n`, without one `\r` before it. */
function refLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

import { chars, pick, yamlText } from './generated-yaml.js';

const RUNS = { numRuns: 400 };

describe('assignments', () => {
  it('lineAssignments() finds what the one-regex-per-step parse found, in the same order, on every line', () => {
    fc.assert(
      fc.property(yamlText, (text) => {
        const src = makeSource(text, 'a.yaml');
        for (let n = 1; n <= src.lineCount; n++) expect(lineAssignments(src, n)).toEqual(refAssignments(src, n));
      }),
      RUNS,
    );
  });

  it('key-based detectors emit what they emitted over the full assignment list', () => {
    const specs = [
      { detector: assignedDetectors[0], key: (k: string) => /(?:secret.?access.?key|aws.?secret(?:.?key)?|^(?:aws_?)?secret_?key)$/i.test(k), value: (v: string) => /^[A-Za-z0-9/+]{40}$/.test(v) && shannonEntropy(v) >= 4 },
      { detector: assignedDetectors[3], key: isSecretKey, value: looksLikeSecretValue },
    ];
    fc.assert(
      fc.property(yamlText, pick(['a.yaml', 'chart/values-prod.yaml']), (text, path) => {
        const src = makeSource(text, path);
        for (let n = 1; n <= src.lineCount; n++) {
          for (const spec of specs) {
            const got: Candidate[] = [];
            spec.detector.detect(src, n, (c) => got.push(c));
            const want = refAssignments(src, n)
              .filter((a) => spec.key(a.key) && !isPlaceholder(a.value) && spec.value(a.value))
              .map((a) => ({
                ruleId: spec.detector.ruleId, kind: spec.detector.kind, severity: spec.detector.severity, value: a.value, line: a.line, key: a.key,
                fixHint: a.style === 'env' ? 'env-value' : a.style === 'line' && path.endsWith('values-prod.yaml') ? 'values-literal' : undefined,
              }));
            expect(got).toEqual(want);
          }
        }
      }),
      RUNS,
    );
  });
});

describe('secret keys', () => {
  const keyChars = 'aAzZkKeEyYsStTpPwWdDnN019_-./ $@İı\u212a';
  const keys = fc.oneof(
    chars(keyChars, 24),
    // Heads, camel-case and digit boundaries, tails: where the word cuts decide the verdict.
    fc
      .tuple(
        pick(['', 'no', 'is', 'x', 'db', 'checksum', 'use', 'min', 'auto', 'Existing', 'AWS', 'my', '_']),
        pick(['', '1', '_', '-', '.', '2a', 'A', 'ı']),
        pick(['password', 'Password', 'Passwd', 'PASS', 'pass', 'pwd', 'PW', 'Dsn', 'secret', 'Secret', 'Token', 'api_key', 'ApiKey', 'credentials', 'connection-string', 'pass_word', 'Name', 'Ref', 'TTL', 'File', 'keyId']),
        pick(['', '', 'Ref', 'Name', 's', '_1', '1', 'X', '-', 'İ', '\u212a']),
      )
      .map((p) => p.join('')),
  );

  it('classifyAscii() gives the verdict of the word list on ASCII keys', () => {
    fc.assert(
      fc.property(keys, (k) => {
        fc.pre(!/[^\x00-\x7f]/.test(k));
        expect(classifyAscii(k)).toBe(classifyWords(k));
      }),
      { numRuns: 3000 },
    );
  });

  it('isSecretKey() gives the verdict of the word list on any key (its tail shortcut included)', () => {
    fc.assert(
      fc.property(keys, (k) => {
        expect(isSecretKey(k)).toBe(classifyWords(k));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('placeholders', () => {
  const AWS = new Set(['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AKIAI44QH8DHBEXAMPLE', 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY']);
  const WORDS = new Set([
    'changeme', 'changeit', 'change_me', 'change-me', 'replaceme', 'replace_me', 'replace-me', 'todo', 'tbd', 'fixme', 'none', 'null', 'nil', 'undefined', 'true', 'false', 'yes', 'no',
    'password', 'passwd', 'secret', 'token', 'apikey', 'api_key', 'example', 'sample', 'dummy', 'placeholder', 'redacted', 'hidden', 'masked', 'notset', 'not_set', 'unset', 'empty', 'default',
    'xxx', 'test', 'foo', 'bar', 'foobar', 'pass', 'user', 'username', 'admin', 'value',
  ]);
  const REFERENCE = /\{\{|\}\}|\$\{|\$\(|^\$[A-Za-z_]|^%\(|#\{|^ENC\[|^vault:|^ref\+|^arn:aws:(?:secretsmanager|ssm)|^secretref:|^sm:\/\/|^op:\/\/|^azurekeyvault:|^@Microsoft\.KeyVault|^projects\/[^/]+\/secrets\//i;
  function refIsPlaceholder(raw: string): boolean {
    const v = raw.trim();
    if (v.length === 0) return true;
    if (AWS.has(v)) return true;
    if (/EXAMPLE(?:KEY)?$/.test(v)) return true;
    if (REFERENCE.test(v)) return true;
    if (/^<[^<>]*>$/.test(v) || (/^\[[^\]]*\]$/.test(v) && !/^\[\s*"?[A-Za-z0-9+/=]{16,}/.test(v))) return true;
    if (/^(.)\1+$/.test(v)) return true;
    if (/(?:\.\.\.|…)$/.test(v)) return true;
    if (/^[*•.x#-]{3,}$/i.test(v)) return true;
    if (WORDS.has(v.toLowerCase())) return true;
    if (/^(?:your|my|some|insert|enter|put|add)[-_ ]?(?:own[-_ ]?)?[a-z_-]*(?:here)?$/i.test(v) && /[-_]/.test(v)) return true;
    if (/(?:^|[-_])(?:here|goes[-_]here)$/i.test(v)) return true;
    if (/^(?:replace|change|set|insert|fill)[-_ ]?(?:me|this|it|in)\b/i.test(v)) return true;
    if (/^(?:dummy|fake|example|sample|placeholder|redacted)[-_]/i.test(v)) return true;
    return false;
  }

  it('isPlaceholder() agrees with every expression tried in turn', () => {
    const piece = pick([
      '{{', '}}', '${', '$(', '$X', '%(', '#{', 'ENC[', 'vault:', 'ref+', 'arn:aws:ssm', 'op://', '@Microsoft.KeyVault', 'projects/p/secrets/', '<', '>', '[', ']', '"', ' ',
      'EXAMPLE', 'EXAMPLEKEY', 'AKIAIOSFODNN7EXAMPLE', '...', '…', '*', '•', '.', 'x', 'X', '#', '-', '_', 'xxx', 'ChangeMe', 'REPLACE_ME', 'İ', 'K', 'here', 'HERE', 'goes-here', 'your-',
      'my_', 'own-', 'replace', 'set', 'dummy', 'Fake_', 'PlaceHolder', 'placeholder', 'Tr0ub4dor', '9f2b8e4a', 'Zq8vR2mK9tL4bN7cZ1wY', '=', '/', '\n', '\u2028',
    ]);
    const value = fc.oneof(fc.array(piece, { maxLength: 5 }).map((p) => p.join('')), fc.string({ maxLength: 12 }), chars('aA*x.#-<>[]…•h e r', 8));
    fc.assert(
      fc.property(value, (v) => {
        expect(isPlaceholder(v)).toBe(refIsPlaceholder(v));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('entropy', () => {
  const refEntropy = (s: string): number => {
    if (s.length === 0) return 0;
    const counts = new Map<number, number>();
    for (let i = 0; i < s.length; i++) counts.set(s.charCodeAt(i), (counts.get(s.charCodeAt(i)) ?? 0) + 1);
    let h = 0;
    for (const n of counts.values()) {
      const p = n / s.length;
      h -= p * Math.log2(p);
    }
    return h;
  };

  it('is bit-for-bit the Map-based sum, one call after another', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 40 }), chars('ab', 30)), { maxLength: 4 }), (ss) => {
        for (const s of ss) expect(shannonEntropy(s)).toBe(refEntropy(s));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('source', () => {
  it('cuts the lines, their starts and offsets as splitting the text does, from the text or from its ASCII bytes', () => {
    fc.assert(
      fc.property(chars('ab\n\r \u2028-', 200), (text) => {
        const sources = [makeSource(text, 'a.yaml')];
        if (!text.includes('\u2028')) sources.push(asciiSource(text));
        const lines = refLines(text);
        for (const src of sources) {
          expect(src.lineCount).toBe(lines.length);
          expect(src.text).toBe(text);
          let start = 0;
          for (let n = 1; n <= lines.length; n++) {
            expect(src.line(n)).toBe(lines[n - 1]);
            expect(src.lineStart(n)).toBe(start);
            for (let o = start; o < start + lines[n - 1].length; o++) expect(src.lineOf(o)).toBe(n);
            start = text.indexOf('\n', start) + 1;
          }
          for (const n of [0, -1, lines.length + 1, 1.5]) expect(src.lineStart(n)).toBe(text.length);
          expect(src.line(0)).toBe('');
          expect(src.line(lines.length + 1)).toBe('');
          for (const o of [-1, 0, 3, text.length - 1, text.length]) expect(src.charCodeAt(o)).toEqual(text.charCodeAt(o));
          for (const [a, b] of [[0, 5], [-2, 3], [4, 2], [3, text.length + 4], [text.length, text.length + 1]]) expect(src.slice(a, b)).toBe(text.slice(a, b));
          for (const needle of ['\n-', 'a', '\r\n', 'ab\n']) {
            for (const from of [undefined, -5, 0, 7, text.length, text.length + 3]) {
              expect(src.indexOf(needle, from)).toBe(text.indexOf(needle, from));
              expect(src.lastIndexOf(needle, from)).toBe(text.lastIndexOf(needle, from));
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('Kubernetes Secret documents', () => {
  it('finds the `kind: Secret` lines the multiline expression finds', () => {
    const KIND = /^kind:[ \t]*["']?Secret["']?[ \t]*(?:#.*)?$/gm;
    const text = fc
      .array(fc.oneof(pick(['kind: Secret', 'kind:\tSecret # x', "kind: 'Secret'", 'kind: Secrets', 'kind: ConfigMap', ' kind: Secret', 'kind:Secret', 'xkind: Secret', 'kind: Secret\u2028y', '---']), chars('kind:Secret \r\u2028\u2029#"', 14)), { maxLength: 12 })
      .chain((parts) => fc.array(pick(['\n', '\r\n', '\r', '\u2028', '\u2029', '']), { minLength: parts.length, maxLength: parts.length }).map((seps) => parts.map((p, i) => p + seps[i]).join('')));
    fc.assert(
      fc.property(text, (t) => {
        const want = [...t.matchAll(KIND)].map((m) => m.index);
        expect(kindSecretOffsets(makeSource(t, 'a.yaml'))).toEqual(want);
        if (/^[\x00-\x7f]*$/.test(t)) expect(kindSecretOffsets(asciiSource(t))).toEqual(want);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('names in fixes', () => {
  const dnsLabel = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'app';
  function refServiceOf(src: ScanSource, line: number): string {
    const file = src.path.split('/').pop()!;
    let start = line;
    while (start > 1 && !/^---/.test(src.line(start))) start--;
    for (let n = start; n <= src.lineCount; n++) {
      const l = src.line(n);
      if (n > start && /^---/.test(l)) break;
      if (/^metadata:\s*$/.test(l)) {
        for (let k = n + 1; k <= src.lineCount && /^\s/.test(src.line(k)); k++) {
          const m = /^\s{1,4}name:\s*["']?([A-Za-z0-9][\w.-]*)["']?\s*$/.exec(src.line(k));
          if (m) return dnsLabel(m[1]);
        }
        break;
      }
    }
    return dnsLabel(file.replace(/\.[^.]+$/, '').replace(/[-_.](?:prod|production|staging|stage|dev|qa|test)$/i, ''));
  }

  it('serviceOf() reads the metadata.name of the document holding the line', () => {
    const doc = fc.array(pick(['---', '--- # x', '---x', 'metadata:', '  name: billing-api', '  name: "orders"', '    namespace: x', 'kind: Secret', 'data:', '  password: x', '', ' ---']), { maxLength: 20 });
    fc.assert(
      fc.property(doc, pick(['\n', '\r\n']), (lines, eol) => {
        const src = makeSource(lines.join(eol), 'apps/api/deployment.yaml');
        for (let n = 1; n <= src.lineCount; n++) expect(serviceOf(src, n)).toBe(refServiceOf(src, n));
      }),
      RUNS,
    );
  });

  it('environmentOf() answers per path, whatever was asked before', () => {
    expect(environmentOf('k8s/overlays/prod/app.yaml')).toBe('prod');
    expect(environmentOf('charts/api/values-staging.yaml')).toBe('staging');
    expect(environmentOf('k8s/overlays/prod/app.yaml')).toBe('prod');
    expect(environmentOf('app.yaml')).toBe('default');
  });
});

describe('redaction', () => {
  it('previews and fingerprints as the streamed hash and code-point split did', () => {
    const refSecretHash = (v: string) => createHash('sha256').update('gitops-guard/secret\0').update(v).digest('hex');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }), chars('a\ud83d\ude00\ud800\udc00é', 16)), (v) => {
        const chars = Array.from(v);
        const shown = chars.length >= 12 ? 4 : chars.length >= 8 ? 2 : chars.length > 1 ? 1 : 0;
        expect(redact(v)).toBe(chars.slice(0, shown).join('') + '…');
        expect(secretHash(v)).toBe(refSecretHash(v));
        expect(secretFingerprint('rule', 'p/a.yaml', v)).toBe(createHash('sha256').update(`rule\0p/a.yaml\0${refSecretHash(v)}`).digest('hex').slice(0, 32));
      }),
      { numRuns: 500 },
    );
  });
});

describe('pattern pre-checks', () => {
  it(`every JWT match holds ${JWT_REQUIRES}`, () => {
    const re = new RegExp(JWT_RE.source, 'g');
    const line = fc.array(pick(['eyJ', '.', 'eyJhbGciOiJIUzI1NiJ9', 'abcdefgh', 'A1_-', '.eyJ', ' ', '"', 'x'.repeat(16)]), { maxLength: 14 }).map((p) => p.join(''));
    fc.assert(
      fc.property(line, (l) => {
        for (const m of l.matchAll(re)) expect(m[0]).toContain(JWT_REQUIRES);
      }),
      { numRuns: 3000 },
    );
  });

  it('a private key is reported by the BEGIN that owns its END, as with a forward search for the next BEGIN', () => {
    const body = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun';
    const lines = fc.array(
      pick(['-----BEGIN RSA PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----', '-----END RSA PRIVATE KEY-----', '-----END PRIVATE KEY-----', body, `  ${body}`, 'x: y', '', '-----BEGIN: x', 'Proc-Type: 4,ENCRYPTED']),
      { maxLength: 14 },
    );
    const refPem = (src: ScanSource, n: number): Candidate[] => {
      const out: Candidate[] = [];
      const line = src.line(n);
      const re = /-----BEGIN ((?:[A-Z0-9]{1,20} ){0,3})PRIVATE KEY(?: BLOCK)?-----/g;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        const from = src.lineStart(n) + m.index + m[0].length;
        const end = src.text.indexOf('-----END', from);
        if (end === -1 || end - from > 64 * 1024) continue;
        const nextBegin = src.text.indexOf('-----BEGIN', from);
        if (nextBegin !== -1 && nextBegin < end) continue;
        const value = src.text.slice(from, end).replace(/\\r|\\n/g, '\n').split('\n').filter((l) => !/^\s*[\w-]+:\s/.test(l)).join('').replace(/[\s"'\\|]/g, '');
        if (value.length < 64 || !/^[A-Za-z0-9+/=]+$/.test(value)) continue;
        out.push({ ruleId: 'secret-private-key', kind: `${m[1] ? m[1].trim() + ' ' : ''}private key`, severity: 'critical', value, line: n, endLine: src.lineOf(end) });
      }
      return out;
    };
    fc.assert(
      fc.property(lines, (ls) => {
        const src = makeSource(ls.join('\n'), 'k.pem');
        for (let n = 1; n <= src.lineCount; n++) {
          const got: Candidate[] = [];
          pemPrivateKey.detect(src, n, (c) => got.push(c));
          expect(got).toEqual(refPem(src, n));
        }
      }),
      RUNS,
    );
  });
});
