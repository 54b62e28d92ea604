// Go RE2 syntax (what .gitleaks.toml regexes are written in) → JavaScript RegExp.
// Covers what gitleaks configs use: leading/inline (?i) (?s) (?m) flags, (?P<name>…), \A \z,
// POSIX classes. Inline flag groups that only cover part of a pattern widen to the whole pattern,
// which can only add matches, never lose one.

const POSIX: Record<string, string> = {
  alnum: 'A-Za-z0-9', alpha: 'A-Za-z', digit: '0-9', lower: 'a-z', upper: 'A-Z', space: '\\s',
  xdigit: '0-9A-Fa-f', word: '\\w', punct: '!-\\/:-@\\[-`{-~', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~', graph: '!-~', ascii: '\\x00-\\x7f',
};

export function goRegex(source: string, extraFlags = ''): RegExp {
  const flags = new Set(extraFlags.split('').filter(Boolean));
  let s = source.replace(/\(\?([imsU]+)\)/g, (_, f: string) => {
    for (const c of f) if (c !== 'U') flags.add(c);
    return '';
  });
  s = s.replace(/\(\?([imsU]+):/g, (_, f: string) => {
    for (const c of f) if (c !== 'U') flags.add(c);
    return '(?:';
  });
  s = s
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$')
    .replace(/\[:(\^?)([a-z]+):\]/g, (m, neg: string, name: string) => {
      const cls = POSIX[name];
      if (!cls) return m;
      return neg ? `^${cls}` : cls;
    });
  return new RegExp(s, [...flags].join(''));
}
