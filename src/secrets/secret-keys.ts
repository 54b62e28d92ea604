// Which assignment keys name a credential (password, DB_PASSWORD, apiKey, client-secret…) and
// which only look like it (secretName, existingSecret, passwordSecretRef, tokenTTL…).

const SECRET_TAILS = [
  'password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'credential',
  'credentials', 'accesskey', 'secretkey', 'privatekey', 'signingkey', 'encryptionkey', 'masterkey',
  'accountkey', 'storagekey', 'sharedkey', 'authkey', 'appkey', 'clientsecret', 'authtoken',
  'connectionstring',
];
/** Short tails that only count as a whole word (DB_PASS, pwd) — not "bypass", "compass". */
const WHOLE_WORD_TAILS = new Set(['pass', 'pwd', 'pw', 'dsn']);
const NOT_SECRET_HEADS = /^(?:checksum|checksums|hash|digest|sha1|sha256|sha512|md5|existing|use|enable|enabled|create|generate|auto|automount|require|required|has|is|rotate|show|skip|mount|min|max|no|disable|allow|with|from|ref|path|file|len|length|type|kind|format|header|cookie|csrf|xsrf|next|page|continue|cache|last|sso|expected)/;
const NOT_SECRET_TAILS = /(?:name|names|ref|refs|file|path|dir|url|uri|endpoint|host|port|ttl|timeout|expiry|expiration|expires|length|len|size|type|kind|format|policy|mode|enabled|key_id|keyid|id|ids|arn|version|label|selector|header|field|prefix|suffix|count|template|provider|store|mount|namespace|class|hash|algorithm|algo|rotation|duration|interval|lifetime|age|issuer|audience|scope|scopes|method|source|location|regex|pattern)$/;

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// Keys repeat across a repository (password, DB_PASSWORD, secretName…): remember the verdicts.
const verdicts = new Map<string, boolean>();
const MAX_REMEMBERED = 50_000;

export function isSecretKey(key: string): boolean {
  if (endsWithoutTail(key)) return false;
  let v = verdicts.get(key);
  if (v === undefined) {
    v = classify(key);
    if (verdicts.size >= MAX_REMEMBERED) verdicts.clear();
    verdicts.set(key, v);
  }
  return v;
}

// A key is a secret's only when its letters and digits, lower-cased, end with a tail: most keys
// (name, value, secretKeyRef…) are told apart by their last few characters, before any lookup.
const TAILS = [...SECRET_TAILS, ...WHOLE_WORD_TAILS];
const TAIL_END_LENGTH = Math.min(...TAILS.map((t) => t.length));
/** The last TAIL_END_LENGTH characters of every tail: what mayEndWithSecretTail reads (the WebAssembly screen too). */
export const SECRET_TAIL_ENDS: readonly string[] = TAILS.map((t) => t.slice(-TAIL_END_LENGTH));
const TAIL_ENDS = new Set(TAILS.map((t) => endCode(t, t.length)));

/** The last TAIL_END_LENGTH characters before `end`, lower-case ASCII, as a number. */
function endCode(s: string, end: number): number {
  let code = 0;
  for (let i = end - TAIL_END_LENGTH; i < end; i++) code = code * 128 + s.charCodeAt(i);
  return code;
}

/**
 * Whether the key's letters and digits, lower-cased (the words joined), cannot end with a tail.
 * Read from the end; a non-ASCII character there ends the shortcut (toLowerCase can make letters of those).
 */
function endsWithoutTail(key: string): boolean {
  return !mayEndWithSecretTail(key, 0, key.length);
}

/**
 * Whether a key written at text[start, end) may name a credential, judged by its last letters and
 * digits alone (no string is cut): false means isSecretKey() is false for it, and for any key that
 * ends where it ends (a shorter key has the same last characters, or too few of them).
 */
export function mayEndWithSecretTail(text: string, start: number, end: number): boolean {
  let code = 0;
  let weight = 1;
  let found = 0;
  for (let i = end - 1; i >= start && found < TAIL_END_LENGTH; i--) {
    let c = text.charCodeAt(i);
    if (c >= 128) return true;
    if (c >= 65 && c <= 90) c += 32;
    else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) continue;
    code += c * weight;
    weight *= 128;
    found++;
  }
  return found === TAIL_END_LENGTH && TAIL_ENDS.has(code);
}

function classify(key: string): boolean {
  return NON_ASCII.test(key) ? classifyWords(key) : classifyAscii(key);
}
const NON_ASCII = /[^\x00-\x7f]/;

/** The verdict from the words of the key: the definition, and the path for non-ASCII keys (toLowerCase can turn those into ASCII letters). */
export function classifyWords(key: string): boolean {
  const w = words(key);
  if (w.length === 0) return false;
  const flat = w.join('');
  const last = w[w.length - 1];
  if (NOT_SECRET_TAILS.test(last) || NOT_SECRET_TAILS.test(flat)) return false;
  if (NOT_SECRET_HEADS.test(w[0]) && w.length > 1) return false;
  if (WHOLE_WORD_TAILS.has(last)) return true;
  return SECRET_TAILS.some((t) => flat.endsWith(t));
}

const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** An ASCII letter or digit. */
export const isAlnum = (c: number): boolean => isLower(c) || isUpper(c) || isDigit(c);
/** Whether a word of words() starts at i: an upper-case letter right after a lower-case letter or digit. */
const camelStart = (key: string, i: number): boolean => isUpper(key.charCodeAt(i)) && (isLower(key.charCodeAt(i - 1)) || isDigit(key.charCodeAt(i - 1)));

/**
 * classifyWords() for an ASCII key without building the word list: the words are the runs of
 * letters and digits, also cut before an upper-case letter that follows a lower-case letter or a
 * digit; only the first word, the last word and all of them joined are looked at.
 */
export function classifyAscii(key: string): boolean {
  let end = key.length;
  while (end > 0 && !isAlnum(key.charCodeAt(end - 1))) end--;
  if (end === 0) return false;
  let lastStart = end - 1;
  while (lastStart > 0 && isAlnum(key.charCodeAt(lastStart - 1)) && !camelStart(key, lastStart)) lastStart--;
  const last = key.slice(lastStart, end).toLowerCase();
  const flat = key.toLowerCase().replace(/[^a-z0-9]+/g, '');
  if (!WHOLE_WORD_TAILS.has(last) && !SECRET_TAILS.some((t) => flat.endsWith(t))) return false;
  if (NOT_SECRET_TAILS.test(last) || NOT_SECRET_TAILS.test(flat)) return false;
  let start = 0;
  while (!isAlnum(key.charCodeAt(start))) start++;
  if (start === lastStart) return true; // one word
  let firstEnd = start + 1;
  while (firstEnd < end && isAlnum(key.charCodeAt(firstEnd)) && !camelStart(key, firstEnd)) firstEnd++;
  return !NOT_SECRET_HEADS.test(key.slice(start, firstEnd).toLowerCase());
}

/** Keywords for the prefilter: a line must contain one for key-based detectors to look at it. */
export const SECRET_KEY_KEYWORDS = [
  'pass', 'pwd', 'secret', 'token', 'apikey', 'api_key', 'api-key', 'credential', 'accesskey',
  'access_key', 'access-key', 'privatekey', 'private_key', 'private-key', 'signingkey', 'signing_key',
  'encryptionkey', 'encryption_key', 'masterkey', 'master_key', 'accountkey', 'account_key',
  'storagekey', 'storage_key', 'sharedkey', 'authkey', 'auth_key', 'appkey', 'app_key',
  'connectionstring', 'connection_string', 'dsn',
];
