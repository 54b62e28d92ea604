// Generated YAML-like text for property tests of the secret scanner: assignments in every syntax,
// env entries, odd whitespace.
import fc from 'fast-check';

const WS = [' ', '  ', '\t', '\u00a0', '\r', '\u2028', '\ufeff', '\u3000', ''];
const KEYS = ['name', 'value', 'password', 'DB_PASSWORD', 'api_key', 'apiKey', 'secretName', 'token', 'key', 'export', 'valueFrom', 'x-prod-credentials', 'aws_secret_access_key', 'AZURE_STORAGE_KEY', 'twilio_auth_token', 'clientSecret', 'pwd', 'dsn', 'tokenTTL', 'checksum/secret', 'db.password', '$secret', '@token', 'passK', 'x'.repeat(125),
  'existing/password', 'x/--token', '--db-password', 'a-/secret', 'export', 'secret_key', 'AWS_SECRET_ACCESS_KEY_ID', 'automountServiceAccountToken', 'existingSecret', 'client.secret'];
const VALUES = [
  'Xk9#mP2$vL8qR4nW', '"Tr0ub4dor&3xYz!q"', "'Tr0ub4dor&3xYz!q'", 'changeme', '${X}', '"{{ .Values.x }}"', 'a=b', 'x:y', '# c', 'abc # comment', '',
  'Zq8vR2mK9tL4bN7cZ1wY3jHf6sPaE5gU0iOq2Wd4', '9f2b8e4a6c1d3e5f7a0b2c4d6e8f1a3c', '--db-password=Tr0ub4dor&3xYz!q', '"a\\"b\\\\c"', "'it''s'",
  'AccountKey=Rk8mQ2xT9vL4bN7cZ1wY3jHf6sPaE5gU0iOq2Wd4Xr7Tb9Nm1Kc3Vz8Lh5Jp0Fs2Gy6Ra4Qe8Wt1Yu3Io5Pa7S==;x=y', 'DB_PASSWORD', 'name', 'value', '"p4ss,w0rd"', 'v,', '|',
  '"<your-token>"', "'<x y>'", '"<a>b"', '"<a\\">"', '<your-token>', '$X_Y', '$(cmd x)', '#{abc}', '{{x}}', '"${X}"', '\'{{ x }}\'', '$1abcdefgh', '{a}bcdefgh', '12345', '"12345"', 'Xk9#m', '{name: DB_PASSWORD, value: "Tr0ub4dor&3xYz!q"}',
];
export const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
export const chars = (alphabet: string, maxLength: number) => fc.string({ unit: pick([...alphabet]), maxLength });
const indent = pick(['', ' ', '  ', '    ', '      ', '\t', '- ', '  - ', '    - ', '-', ' -  ', '- \t', '-\u00a0']);
const quote = pick(['', '', '"', "'"]);
const key = fc.oneof(pick(KEYS), chars('aZ_9.-/$@"\' :=n', 10));
const value = fc.oneof(pick(VALUES), chars('aZ9 "\'#=:,;\\{}$<>|-\r\u2028\u00a0', 16));
const sep = pick([': ', ':', '=', ' = ', ' :', ':\t', ':  ', '= ', ':\r', ':\u2028']);
const kvLine = fc
  .tuple(indent, pick(['', '', 'export ', 'export\t']), quote, key, quote, sep, value, pick(['', '', ' # c', ',', '\r', '  ', ' \u2028x']))
  .map((parts) => parts.join(''));
/** `- name: KEY` and the lines below it, `value:` at or near the entry's column. */
const envEntry = fc
  .tuple(
    pick(['', '  ', '    ', '\t', ' ']),
    pick(['- ', '-  ', '- \t', '', '-\u00a0']),
    quote,
    pick([': ', ':', ' : ', ':\t', ':  ']),
    quote,
    fc.oneof(pick(['DB_PASSWORD', 'API_TOKEN', 'clientSecret', 'LOG_LEVEL']), key),
    pick(['', '', ' # c', '  ', '\r']),
    fc.array(
      fc.tuple(pick([0, 0, 0, -2, -1, 1, 2]), pick(['value: ', '"value": ', "'value' : ", 'value:', 'valueFrom:', '- value: ', '# value: ', 'name: ', 'secretKeyRef:', '', 'value\u00a0: ']), value),
      { maxLength: 5 },
    ),
  )
  .map(([ind, dash, q, s, q2, k, tail, below]) => {
    const column = ind.length + dash.length;
    const lines = [`${ind}${dash}${q}name${q}${s}${q2}${k}${q2}${tail}`];
    for (const [shift, head, v] of below) lines.push(`${' '.repeat(Math.max(0, column + shift))}${head}${head ? v : ''}`);
    return lines.join('\n');
  });
/** An env entry as written in manifests: `value:` right below at the column, often a credential. */
const plainEnvEntry = fc
  .tuple(
    pick(['', '  ', '        ']),
    pick(['- ', '-  ', '']),
    fc.oneof(pick(['DB_PASSWORD', 'API_TOKEN', 'CACHE_PASSWORD', 'SESSION_SECRET_FILE', 'x-prod-credentials']), key),
    pick(['', ' # c', '  ', ' #', '"', '\r']),
    pick(['value: ', '"value": ', 'value:  ']),
    fc.oneof(pick(['Xk9#mP2$vL8qR4nW', '"Tr0ub4dor&3xYz!q"', 'Zq8vR2mK9tL4bN7cZ1wY3jHf6sPaE5gU0iOq2Wd4', '{{ .Values.x }}']), value),
  )
  .map(([ind, dash, k, tail, head, v]) => `${ind}${dash}name: ${k}${tail}\n${' '.repeat(ind.length + dash.length)}${head}${v}`);
const otherLine = fc.oneof(
  fc.tuple(indent, pick(['{name: ', '{"name": "', '- {name: ', '{value: "Tr0ub4dor&3xYz!q", name: ']), key, pick([', value: "Tr0ub4dor&3xYz!q"}', '", "value": "${X}"}', '}', ', value: changeme}', '", "value": "Tr0ub4dor&3xYz!q"}'])).map((p) => p.join('')),
  pick(['', '---', '--- # doc', '...', 'kind: Secret', 'kind: "Secret" # c', 'kind:Secret', 'data:', 'metadata:', '  name: app-prod', '   ', '\t\r', 'name', 'value']),
  chars(' -:="\'#ne\r\u2028\t', 12),
);
export const yamlText = fc
  .tuple(fc.array(fc.oneof({ arbitrary: kvLine, weight: 4 }, { arbitrary: envEntry, weight: 3 }, { arbitrary: plainEnvEntry, weight: 2 }, { arbitrary: otherLine, weight: 1 }), { maxLength: 25 }), pick(['\n', '\r\n']))
  .map(([ls, eol]) => ls.join('\n').replace(/\n/g, eol));

