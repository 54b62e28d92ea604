// Secrets that span more than a token: PEM private keys (plain, in YAML block scalars, or
// `\n`-escaped in JSON strings), GCP service-account keys, and credentials inside URLs.
import { isPlaceholder } from '../placeholders.js';
import type { Detector, ScanSource } from '../types.js';
import { patternDetector } from './pattern.js';

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]{1,20} ){0,3})PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_WINDOW = 64 * 1024;

// Offset of the first marker at or after an offset, memoised per text and marker so that many
// BEGIN lines without an END cost one pass over the text, not one pass each.
const markerCache = new WeakMap<object, Map<string, { from: number; at: number }>>();
function nextMarker(src: Pick<ScanSource, 'indexOf'>, marker: string, from: number): number {
  let byMarker = markerCache.get(src);
  if (!byMarker) markerCache.set(src, (byMarker = new Map()));
  const c = byMarker.get(marker);
  if (c && c.from <= from && (c.at === -1 || c.at >= from)) return c.at;
  const at = src.indexOf(marker, from);
  byMarker.set(marker, { from, at });
  return at;
}

export const pemPrivateKey: Detector = {
  ruleId: 'secret-private-key',
  kind: 'private key',
  severity: 'critical',
  keywords: ['private key'],
  gitleaksIds: ['private-key'],
  samples: {
    flags: [
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----',
      '"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\\n-----END PRIVATE KEY-----\\n"',
    ],
    passes: ['-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----', 'tls.key: <private key>'],
  },
  detect(src, n, emit) {
    const line = src.line(n);
    PEM_BEGIN.lastIndex = 0;
    for (let m = PEM_BEGIN.exec(line); m; m = PEM_BEGIN.exec(line)) {
      const from = src.lineStart(n) + m.index + m[0].length;
      const end = nextMarker(src, '-----END', from);
      if (end === -1 || end - from > PEM_WINDOW) continue;
      if (src.lastIndexOf('-----BEGIN', end - 1) >= from) continue; // an inner BEGIN owns this END
      // Body without escapes, quotes, YAML indentation, headers (Proc-Type: …) or whitespace.
      const body = src
        .slice(from, end)
        .replace(/\\r|\\n/g, '\n')
        .split('\n')
        .filter((l) => !/^\s*[\w-]+:\s/.test(l))
        .join('')
        .replace(/[\s"'\\|]/g, '');
      if (body.length < 64 || !/^[A-Za-z0-9+/=]+$/.test(body)) continue;
      emit({ ruleId: this.ruleId, kind: `${m[1] ? m[1].trim() + ' ' : ''}private key`, severity: this.severity, value: body, line: n, endLine: src.lineOf(end) });
    }
  },
};

export const gcpServiceAccount = patternDetector({
  ruleId: 'secret-gcp-service-account',
  kind: 'GCP service account key',
  severity: 'critical',
  keywords: ['private_key_id'],
  regex: /["']?private_key_id["']?\s*[:=]\s*["']?([a-f0-9]{40})(?![a-f0-9])/g,
  minEntropy: 3,
  gitleaksIds: ['gcp-service-account'],
  samples: {
    flags: ['  "private_key_id": "3f9a2b8c4d1e6f7a0b5c2d9e8f1a4b7c3d6e0f2a",'],
    passes: ['  "private_key_id": "<key id>",', '  "private_key_id": "0000000000000000000000000000000000000000",'],
  },
});

const URL_CREDS = /(?<![A-Za-z0-9+.-])([a-z][a-z0-9+.-]{1,30}):\/\/([^\s:@/'"`<>{}]{1,128}):([^\s@/'"`<>]{1,256})@[A-Za-z0-9[]/gi;

export const urlCredentials = patternDetector({
  ruleId: 'secret-url-credentials',
  kind: 'credentials in URL',
  severity: 'high',
  keywords: ['://'],
  regex: URL_CREDS,
  group: 3,
  validate: (password, _line, m) => {
    const user = m[2];
    let decoded = password;
    try {
      decoded = decodeURIComponent(password);
    } catch {
      /* keep raw */
    }
    return !isPlaceholder(decoded) && decoded !== user && !/^\$|^%24|^\{\{|^\*+$/.test(decoded) && decoded.length >= 3;
  },
  gitleaksIds: ['generic-credentials-in-url'],
  samples: {
    flags: ['DATABASE_URL: postgresql://app:S3cr3tPassw0rd@db.prod.svc:5432/app', 'repo: https://deploy:Zq8vR2mK9tL4@git.example.com/org/repo.git'],
    passes: ['DATABASE_URL: postgresql://app:${DB_PASSWORD}@db:5432/app', 'url: https://user:<password>@example.com', 'url: https://example.com:8443/path', 'url: postgresql://user:password@localhost/db'],
  },
});
