// Hostile input: 1 MB single lines built to make backtracking regexes explode. Every pattern is
// linear (bounded quantifiers, no nested repetition), so each scan finishes well inside the test
// timeout; a catastrophic pattern would not finish at all.
import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/secrets/index.js';

const MB = 1 << 20;
const fill = (unit: string, prefix = '', suffix = '') => prefix + unit.repeat(Math.ceil((MB - prefix.length - suffix.length) / unit.length)) + suffix;

const HOSTILE: [string, string][] = [
  ['a password with no end', fill('a', 'password=')],
  ['key: separators', fill('a:', 'token')],
  ['dash-joined identifiers', fill('-a', 'secret ')],
  ['key=value pairs', fill('pass=a;', '')],
  ['URL user:pass without @', fill('a:', 'https://', ' ')],
  ['URL scheme repetitions', fill('x://', 'pass ')],
  ['Slack token body', fill('-', 'xoxb-1234567890-')],
  ['JWT-like segments', fill('eyJa.', ' ')],
  ['OpenAI-like prefixes', fill(' sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaa', '', 'T3BlbkFJ')],
  ['escaped quotes', fill('\\"', 'password: "')],
  ['unclosed quote', fill('x', 'api_key = "')],
  ['AWS-like prefixes', fill('AKIA', 'aws ')],
  ['base64 without padding', fill('QUJD', 'secret: ')],
  ['PEM begins', fill('-----BEGIN RSA PRIVATE KEY-----', '')],
  ['a key run full of breaks before a secret tail', fill('a-', 'x', '-password: Tr0ub4dor&3xYz')],
  ['an env name full of breaks', fill('a-', '- name: x', '_PASSWORD\n  value: Tr0ub4dor&3xYz')],
];

describe('1 MB pathological lines', () => {
  it.each(HOSTILE)('%s scans in linear time', (_name, line) => {
    expect(line.length).toBeGreaterThanOrEqual(MB);
    const findings = scanText(line, 'hostile.yaml');
    for (const f of findings) expect(f.message.length).toBeLessThan(500);
  });

  it('many PEM headers on separate lines without an END', () => {
    const text = '-----BEGIN PRIVATE KEY-----\n'.repeat(MB / 28);
    expect(scanText(text, 'keys.pem')).toEqual([]);
  });

  it('a 1 MB Secret data value', () => {
    const text = `kind: Secret\ndata:\n  password: ${'QUJD'.repeat(MB / 4)}\n`;
    expect(scanText(text, 'secret.yaml').every((f) => f.line === 3)).toBe(true);
  });
});
