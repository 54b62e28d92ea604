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
  let v = verdicts.get(key);
  if (v === undefined) {
    v = classify(key);
    if (verdicts.size >= MAX_REMEMBERED) verdicts.clear();
    verdicts.set(key, v);
  }
  return v;
}

function classify(key: string): boolean {
  const w = words(key);
  if (w.length === 0) return false;
  const flat = w.join('');
  const last = w[w.length - 1];
  if (NOT_SECRET_TAILS.test(last) || NOT_SECRET_TAILS.test(flat)) return false;
  if (NOT_SECRET_HEADS.test(w[0]) && w.length > 1) return false;
  if (WHOLE_WORD_TAILS.has(last)) return true;
  return SECRET_TAILS.some((t) => flat.endsWith(t));
}

/** Keywords for the prefilter: a line must contain one for key-based detectors to look at it. */
export const SECRET_KEY_KEYWORDS = [
  'pass', 'pwd', 'secret', 'token', 'apikey', 'api_key', 'api-key', 'credential', 'accesskey',
  'access_key', 'access-key', 'privatekey', 'private_key', 'private-key', 'signingkey', 'signing_key',
  'encryptionkey', 'encryption_key', 'masterkey', 'master_key', 'accountkey', 'account_key',
  'storagekey', 'storage_key', 'sharedkey', 'authkey', 'auth_key', 'appkey', 'app_key',
  'connectionstring', 'connection_string', 'dsn',
];
