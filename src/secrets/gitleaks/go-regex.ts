// Go RE2 syntax (what .gitleaks.toml regexes are written in) → JavaScript RegExp, by one pass over
// the pattern that knows escapes and character classes. Covers what gitleaks configs use: flag
// groups (?i) (?-i:…) (?i:…) anywhere, (?P<name>…), \A \z \Q…\E, POSIX classes, and a `]` first in a
// class. JavaScript flags apply to the whole pattern, so a flag set on part of a Go pattern widens
// to all of it (case-insensitive everywhere can only add matches, never lose one); a flag cleared
// on part of it is dropped for the same reason.

const POSIX: Record<string, string> = {
  alnum: 'A-Za-z0-9', alpha: 'A-Za-z', digit: '0-9', lower: 'a-z', upper: 'A-Z', space: '\\s',
  xdigit: '0-9A-Fa-f', word: '\\w', punct: '!-\\/:-@\\[-`{-~', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~', graph: '!-~', ascii: '\\x00-\\x7f',
};

const JS_FLAGS = new Set(['i', 'm', 's']);

function quoteLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export function goRegex(source: string, extraFlags = ''): RegExp {
  const flags = new Set(extraFlags.split('').filter(Boolean));
  let out = '';
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    if (c === '\\') {
      const e = source[i + 1];
      if (e === 'A') out += '^';
      else if (e === 'z') out += '$';
      else if (e === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        const lit = source.slice(i + 2, end === -1 ? n : end);
        out += quoteLiteral(lit);
        i = end === -1 ? n : end + 2;
        continue;
      } else out += c + (e ?? '');
      i += 2;
      continue;
    }
    if (c === '[') {
      i = copyClass(source, i, (s) => (out += s));
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const named = /^\(\?P?<([A-Za-z_]\w*)>/.exec(source.slice(i, i + 40));
      if (named) {
        out += `(?<${named[1]}>`;
        i += named[0].length;
        continue;
      }
      const fl = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(source.slice(i, i + 16));
      if (fl) {
        for (const f of fl[1]) if (JS_FLAGS.has(f)) flags.add(f);
        out += fl[3] === ':' ? '(?:' : '';
        i += fl[0].length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return new RegExp(out, [...flags].join(''));
}

/** Copies the class starting at source[start] === '[' and returns the index after it. */
function copyClass(source: string, start: number, emit: (s: string) => void): number {
  let i = start + 1;
  let body = '[';
  if (source[i] === '^') {
    body += '^';
    i++;
  }
  if (source[i] === ']') {
    body += '\\]'; // a leading ] is literal in RE2, closes the class in JavaScript
    i++;
  }
  while (i < source.length && source[i] !== ']') {
    if (source[i] === '\\') {
      body += source.slice(i, i + 2);
      i += 2;
      continue;
    }
    const posix = /^\[:(\^?)([a-z]+):\]/.exec(source.slice(i, i + 12));
    if (posix && POSIX[posix[2]] && !posix[1]) {
      body += POSIX[posix[2]];
      i += posix[0].length;
      continue;
    }
    body += source[i] === '[' ? '\\[' : source[i];
    i++;
  }
  emit(body + ']');
  return i + 1;
}
