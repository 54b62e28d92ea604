// Redaction: the only representation of a secret that may leave the scanner.
import { hash } from 'node:crypto';

/**
 * First 4 characters and "…" (fewer for short values, so the preview never reveals most of a
 * short password): ≥ 12 chars → 4, 8–11 → 2, shorter → 1.
 */
export function redact(value: string): string {
  if (!/[\uD800-\uDFFF]/.test(value)) return value.slice(0, shownOf(value.length)) + '…';
  const chars = Array.from(value);
  return chars.slice(0, shownOf(chars.length)).join('') + '…';
}

function shownOf(length: number): number {
  return length >= 12 ? 4 : length >= 8 ? 2 : length > 1 ? 1 : 0;
}

/** One-way hash of a secret, used only as an input to fingerprints. */
export function secretHash(value: string): string {
  return hash('sha256', `gitops-guard/secret\0${value}`, 'hex');
}

/** Stable across line moves: rule + path + hash of the secret. */
export function secretFingerprint(ruleId: string, path: string, value: string): string {
  return hash('sha256', `${ruleId}\0${path}\0${secretHash(value)}`, 'hex').slice(0, 32);
}

const SENSITIVE_KEYS = [
  'password', 'passwd', 'secret', 'token', 'apiKey', 'api_key', 'privateKey', 'private_key',
  'clientSecret', 'webhookSecret', 'accessToken', 'refreshToken', 'authorization', 'cookie',
  'credentials', 'connectionString', 'value',
];

/** pino `redact` option for the app's logger: common secret-bearing fields at the top level and one level down, plus HTTP auth headers. */
export const pinoRedaction = {
  paths: [
    ...SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`]),
    'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
    'request.headers.authorization', 'env.*',
  ],
  censor: '[redacted]',
} as const;
