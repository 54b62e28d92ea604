// The app's own secrets (from its environment) that a renderer's output must never carry: if helm or
// kubectl print one of them, the output is withheld instead of reviewed and echoed into comments.
import { readFileSync } from 'node:fs';

export interface ProcessSecret {
  /** The environment variable the value comes from (safe to show). */
  name: string;
  /** Strings whose presence in output means the secret leaked. */
  needles: string[];
}

const SECRET_NAME = /PRIVATE_KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|API_?KEY|ACCESS_KEY|(^|_)KEY$/i;
/** Variables naming a file or a place hold no secret themselves. */
const NOT_A_VALUE = /_(PATH|FILE|DIR|ARN|URL)$/i;
/** Shorter values would match ordinary output by chance. */
const MIN_NEEDLE = 8;

/**
 * The value as it shows inside any base64 text, whatever its byte offset there: encode it after 0, 1
 * and 2 filler bytes and keep only the characters that depend on the value alone.
 */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value);
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const head = Math.ceil((offset * 4) / 3);
    const tail = (offset + bytes.length) % 3 === 0 ? 0 : 4;
    return encoded.slice(head, encoded.length - tail);
  }).filter((b) => b.length >= MIN_NEEDLE);
}

/**
 * A multi-line value (a PEM key) is matched line by line, since a template may re-indent it; a
 * value is also looked for base64-encoded, as a Secret's `data` would carry it.
 */
function needlesOf(value: string): string[] {
  const text = value.replace(/\\n/g, '\n').trim();
  const parts = text.includes('\n') ? text.split(/\r?\n/).map((l) => l.trim()).filter((l) => !/^-----(BEGIN|END) /.test(l)) : [text];
  const out = new Set<string>();
  for (const p of parts) {
    if (p.length < MIN_NEEDLE) continue;
    out.add(p);
    if (!text.includes('\n')) for (const b of base64Forms(p)) out.add(b);
  }
  return [...out];
}

function readKeyFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Secrets held by this process: secret-looking variables and the private key file Probot reads. */
export function processSecrets(env: NodeJS.ProcessEnv = process.env): ProcessSecret[] {
  const out: ProcessSecret[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value || NOT_A_VALUE.test(name) || !SECRET_NAME.test(name)) continue;
    const needles = needlesOf(value);
    if (needles.length) out.push({ name, needles });
  }
  const keyFile = env.PRIVATE_KEY_PATH ? readKeyFile(env.PRIVATE_KEY_PATH) : undefined;
  if (keyFile) {
    const needles = needlesOf(keyFile);
    if (needles.length) out.push({ name: 'PRIVATE_KEY_PATH', needles });
  }
  return out;
}

/** The name of the first secret whose value appears in `texts`, if any. */
export function leakedSecret(texts: string[], secrets: ProcessSecret[]): string | undefined {
  for (const s of secrets) if (s.needles.some((n) => texts.some((t) => t.includes(n)))) return s.name;
  return undefined;
}
