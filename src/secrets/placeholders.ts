// Values that look like a secret slot but hold no secret: templates, references, documented examples.

/** AWS's documented example credentials (docs.aws.amazon.com), never real. */
export const AWS_EXAMPLE_VALUES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
]);

const AWS_EXAMPLE_LENGTHS = new Set([...AWS_EXAMPLE_VALUES].map((v) => v.length));

const PLACEHOLDER_WORDS = new Set([
  'changeme', 'changeit', 'change_me', 'change-me', 'replaceme', 'replace_me', 'replace-me',
  'todo', 'tbd', 'fixme', 'none', 'null', 'nil', 'undefined', 'true', 'false', 'yes', 'no',
  'password', 'passwd', 'secret', 'token', 'apikey', 'api_key', 'example', 'sample', 'dummy',
  'placeholder', 'redacted', 'hidden', 'masked', 'notset', 'not_set', 'unset', 'empty', 'default',
  'xxx', 'test', 'foo', 'bar', 'foobar', 'pass', 'user', 'username', 'admin', 'value',
]);

/** Template / reference syntaxes: Helm, shell, Kustomize/envsubst, Terraform, sops, Vault, External Secrets. */
const REFERENCE_RE = /\{\{|\}\}|\$\{|\$\(|^\$[A-Za-z_]|^%\(|#\{|^ENC\[|^vault:|^ref\+|^arn:aws:(?:secretsmanager|ssm)|^secretref:|^sm:\/\/|^op:\/\/|^azurekeyvault:|^@Microsoft\.KeyVault|^projects\/[^/]+\/secrets\//i;

const LONGEST_WORD = Math.max(...[...PLACEHOLDER_WORDS].map((w) => w.length));

// The checks are independent: the cheapest and most frequent come first, and an expression is
// tried only when the characters it needs at the start or end are there.
export function isPlaceholder(raw: string): boolean {
  const v = raw.trim();
  if (v.length === 0) return true;
  if (REFERENCE_RE.test(v)) return true; // the most frequent: templates and references
  if (v.endsWith('EXAMPLE') || v.endsWith('EXAMPLEKEY')) return true;
  if (AWS_EXAMPLE_LENGTHS.has(v.length) && AWS_EXAMPLE_VALUES.has(v)) return true;
  const first = v.charCodeAt(0);
  if (first === 60 /* < */ && /^<[^<>]*>$/.test(v)) return true;
  if (first === 91 /* [ */ && /^\[[^\]]*\]$/.test(v) && !/^\[\s*"?[A-Za-z0-9+/=]{16,}/.test(v)) return true;
  if (v.charCodeAt(1) === first && /^(.)\1+$/.test(v)) return true; // xxxxx, *****, 00000
  if (v.endsWith('...') || v.endsWith('…')) return true; // truncated examples: sk-ant-api03-..., eyJ…
  if (v.length >= 3 && FILLER_FIRST.has(first) && /^[*•.x#-]{3,}$/i.test(v)) return true;
  if (v.length <= LONGEST_WORD && PLACEHOLDER_WORDS.has(v.toLowerCase())) return true;
  if (/^(?:your|my|some|insert|enter|put|add)[-_ ]?(?:own[-_ ]?)?[a-z_-]*(?:here)?$/i.test(v) && /[-_]/.test(v)) return true;
  if (endsWithHere(v) && /(?:^|[-_])(?:here|goes[-_]here)$/i.test(v)) return true;
  if (/^(?:replace|change|set|insert|fill)[-_ ]?(?:me|this|it|in)\b/i.test(v)) return true;
  if (/^(?:dummy|fake|example|sample|placeholder|redacted)[-_]/i.test(v)) return true;
  return false;
}

/** What /^[*•.x#-]{3,}$/i can start with. */
const FILLER_FIRST = new Set([42, 0x2022, 46, 120, 88, 35, 45]);

/** Whether v ends with `here` in any ASCII case. */
function endsWithHere(v: string): boolean {
  const n = v.length;
  return n >= 4 && (v.charCodeAt(n - 4) | 32) === 104 && (v.charCodeAt(n - 3) | 32) === 101 && (v.charCodeAt(n - 2) | 32) === 114 && (v.charCodeAt(n - 1) | 32) === 101;
}
