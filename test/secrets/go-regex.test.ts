// Go RE2 patterns as gitleaks configs write them, translated to JavaScript.
import { describe, expect, it } from 'vitest';
import { goRegex } from '../../src/secrets/gitleaks/go-regex.js';

describe('goRegex', () => {
  it.each([
    ['leading (?i)', '(?i)token_[a-z]{4}', 'TOKEN_ABCD', true],
    ['(?i) in the middle widens to the whole pattern', '\\b(p8e-(?i)[a-z0-9]{6})', 'p8e-AbC123', true],
    ['(?-i:…) groups', '(?i)(?:(?-i:[Aa]pi|API))_key=([a-z]{3})', 'API_KEY=abc', true],
    ['(?i:…) groups', '(?i:secret)=x', 'SECRET=x', true],
    ['named groups (?P<name>…)', '(?P<k>k[0-9])', 'k7', true],
    ['\\A and \\z anchors', '\\Aabc\\z', 'abc', true],
    ['\\A and \\z anchors reject surroundings', '\\Aabc\\z', 'xabc', false],
    ['a ] first in a class is literal', '^[^]]+]$', 'abc]', true],
    ['a ] first in a class excludes ]', '^[^]]+]$', 'a]c]', false],
    ['POSIX classes', '^[[:alpha:]]+[[:digit:]]$', 'abc1', true],
    ['\\Q…\\E quoting', '\\Qa.b*c\\E', 'a.b*c', true],
    ['\\Q…\\E quoting is literal', '\\Qa.b*c\\E', 'axbbc', false],
    ['escaped backslash before A stays literal', '\\\\A', '\\A', true],
    ['\\x60 escapes', '[\\x60\'"]x', '`x', true],
  ])('%s', (_name, pattern, input, expected) => {
    expect(goRegex(pattern).test(input)).toBe(expected);
  });

  it('keeps capture groups in order for secretGroup', () => {
    expect(goRegex('(?i)(?P<key>api)[:=](?-i:([A-Z]{3}))').exec('API=XYZ')?.[2]).toBe('XYZ');
  });
});
