// Deterministic Kubernetes YAML corpus with planted secrets (recorded by file and line) and
// false-positive traps: image digests, checksums, UUIDs, git SHAs, base64 config, template
// expressions, placeholders, secret references. Used by the no-leak test and bench/secrets.ts.

export interface Planted {
  path: string;
  line: number;
  kind: string;
  /** The secret as written (or, for Secret data, before base64 encoding). */
  value: string;
}

export interface CorpusFile {
  path: string;
  text: string;
}

export interface Corpus {
  files: CorpusFile[];
  planted: Planted[];
  bytes: number;
}

/** mulberry32: small, seedable, good enough to make values look random. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;
const HEX = '0123456789abcdef';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DIGITS = '0123456789';

type Emit = (lines: string[], secretAt: number, kind: string, value: string) => void;

export function generateCorpus(targetBytes: number, seed = 42): Corpus {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const str = (alphabet: string, n: number) => Array.from({ length: n }, () => pick(alphabet.split(''))).join('');
  const b64url = (s: string) => Buffer.from(s).toString('base64url');
  const uuid = () => `${str(HEX, 8)}-${str(HEX, 4)}-4${str(HEX, 3)}-a${str(HEX, 3)}-${str(HEX, 12)}`;
  const name = () => `${pick(['billing', 'orders', 'search', 'auth', 'ledger', 'gateway', 'catalog', 'notify'])}-${str('abcdefghijklmnopqrstuvwxyz', 4)}`;

  // Each planter returns the document lines and the index of the line holding the secret.
  const planters: (() => { lines: string[]; at: number; kind: string; value: string })[] = [
    () => envSecret('GITHUB_TOKEN', `ghp_${str(ALNUM, 36)}`, 'GitHub token'),
    () => envSecret('AWS_ACCESS_KEY_ID', `AKIA${str(B32, 16)}`, 'AWS access key ID'),
    () => envSecret('AWS_SECRET_ACCESS_KEY', str(B64, 40), 'AWS secret access key'),
    () => envSecret('SLACK_BOT_TOKEN', `xoxb-${str(DIGITS, 11)}-${str(DIGITS, 13)}-${str(ALNUM, 24)}`, 'Slack token'),
    () => envSecret('SLACK_WEBHOOK', `https://hooks.slack.com/services/T${str(B32, 8)}/B${str(B32, 10)}/${str(ALNUM, 24)}`, 'Slack webhook', (v) => v.split('/services/')[1]),
    () => envSecret('STRIPE_KEY', `sk_live_${str(ALNUM, 24)}`, 'Stripe key'),
    () => envSecret('NPM_TOKEN', `npm_${str(ALNUM, 36)}`, 'npm token'),
    () => envSecret('SENDGRID_API_KEY', `SG.${str(ALNUM, 22)}.${str(ALNUM, 43)}`, 'SendGrid key'),
    () => envSecret('OPENAI_API_KEY', `sk-proj-${str(ALNUM, 24)}T3BlbkFJ${str(ALNUM, 24)}`, 'OpenAI key'),
    () => envSecret('ANTHROPIC_API_KEY', `sk-ant-api03-${str(ALNUM, 93)}AA`, 'Anthropic key'),
    () => envSecret('GITLAB_TOKEN', `glpat-${str(ALNUM, 20)}`, 'GitLab token'),
    () => envSecret('MAPS_KEY', `AIza${str(ALNUM, 35)}`, 'Google API key'),
    () => envSecret('TWILIO_API_KEY', `SK${str(HEX, 32)}`, 'Twilio key'),
    () => envSecret('DB_PASSWORD', `${str(ALNUM, 10)}!${str(ALNUM, 6)}`, 'generic password'),
    () => envSecret('SERVICE_JWT', `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(`{"sub":"${name()}","iat":${1700000000 + Math.floor(rand() * 1e7)}}`)}.${str(ALNUM, 43)}`, 'JWT'),
    () => envSecret('DATABASE_URL', `postgresql://app:${str(ALNUM, 14)}@db.${name()}.svc:5432/app`, 'URL credentials', (v) => v.slice(18, 32)),
    () => envSecret('AZURE_STORAGE', `DefaultEndpointsProtocol=https;AccountName=${str('abcdefghijklmnopqrstuvwxyz', 10)};AccountKey=${str(B64, 86)}==;EndpointSuffix=core.windows.net`, 'Azure storage key', (v) => v.split('AccountKey=')[1].split(';')[0]),
    () => {
      const body = Array.from({ length: 12 }, () => str(B64, 64));
      const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name()}-tls`, 'data:', '  tls.key: |', '    -----BEGIN RSA PRIVATE KEY-----', ...body.map((l) => `    ${l}`), '    -----END RSA PRIVATE KEY-----'];
      return { lines, at: 6, kind: 'private key', value: body.join('') };
    },
    () => {
      const pw = `${str(ALNUM, 12)}#${str(ALNUM, 4)}`;
      const lines = ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name()}-db`, 'type: Opaque', 'data:', `  username: ${Buffer.from('app').toString('base64')}`, `  password: ${Buffer.from(pw).toString('base64')}`];
      return { lines, at: 7, kind: 'Secret data password', value: pw };
    },
    () => {
      const pw = `${str(ALNUM, 14)}$${str(ALNUM, 3)}`;
      const lines = ['# values for the chart', 'postgresql:', '  auth:', '    username: app', `    password: "${pw}"`, '    database: app'];
      return { lines, at: 4, kind: 'values password', value: pw };
    },
  ];

  function envSecret(key: string, value: string, kind: string, secretPart: (v: string) => string = (v) => v) {
    const lines = deployment([`            - name: ${key}`, `              value: "${value}"`]);
    return { lines, at: lines.indexOf(`              value: "${value}"`), kind, value: secretPart(value) };
  }

  function deployment(extraEnv: string[]): string[] {
    const app = name();
    return [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${app}`, '  annotations:',
      `    checksum/config: ${str(HEX, 64)}`, `    checksum/secret: ${str(HEX, 64)}`,
      `    deployment.kubernetes.io/revision: "${Math.floor(rand() * 90) + 1}"`,
      'spec:', '  replicas: 3', '  selector:', '    matchLabels:', `      app: ${app}`, '  template:', '    metadata:', '      labels:', `        app: ${app}`,
      `        git-sha: ${str(HEX, 40)}`,
      '    spec:', '      serviceAccountName: ' + app, '      automountServiceAccountToken: false', '      containers:', '        - name: app',
      `          image: ghcr.io/acme/${app}@sha256:${str(HEX, 64)}`,
      '          env:',
      '            - name: REQUEST_ID_NAMESPACE', `              value: "${uuid()}"`,
      '            - name: DB_PASSWORD', '              valueFrom:', '                secretKeyRef:', `                  name: ${app}-prod-credentials`, '                  key: password',
      '            - name: API_TOKEN', '              value: "{{ .Values.api.token }}"',
      '            - name: CACHE_PASSWORD', '              value: "${CACHE_PASSWORD}"',
      '            - name: ADMIN_PASSWORD', `              value: "${pick(['changeme', '<admin-password>', 'REPLACE_ME', '*****', ''])}"`,
      '            - name: AWS_ACCESS_KEY_ID', '              value: AKIAIOSFODNN7EXAMPLE',
      '            - name: SESSION_SECRET_FILE', '              value: /var/run/secrets/session',
      ...extraEnv,
      '          resources:', '            limits:', '              memory: 256Mi', '              cpu: 500m',
    ];
  }

  function trapConfigMap(): string[] {
    const config = Buffer.from(JSON.stringify({ featureFlags: { search: rand() > 0.5 }, endpoints: [`https://${name()}.svc:8443`], requestId: uuid() })).toString('base64');
    return [
      'apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name()}-config`, '  annotations:', `    checksum/values: sha256:${str(HEX, 64)}`,
      'binaryData:', `  config.json: ${config}`, 'data:', `  CLIENT_ID: "${uuid()}"`, `  BUILD_COMMIT: ${str(HEX, 40)}`,
      '  tokenTTL: "3600"', '  passwordMinLength: "12"', `  secretName: ${name()}-credentials`,
      `  existingSecret: ${name()}-prod-credentials`, '  password: "{{ .Values.db.password | b64enc }}"',
      '  apiKey: ${API_KEY}', `  token: "<your-token-here>"`, `  integrity: sha512-${str(B64, 86)}==`,
    ];
  }

  const files: CorpusFile[] = [];
  const planted: Planted[] = [];
  let bytes = 0;
  let fileIndex = 0;
  const FILE_BYTES = 256 * 1024;
  while (bytes < targetBytes) {
    const path = `apps/${name()}/${fileIndex % 3 === 0 ? 'values-prod.yaml' : `manifest-${fileIndex}.yaml`}`;
    fileIndex++;
    const lines: string[] = [];
    let size = 0;
    const push = (doc: string[]) => {
      if (lines.length) lines.push('---');
      lines.push(...doc);
      size += doc.reduce((n, l) => n + l.length + 1, 4);
    };
    while (size < Math.min(FILE_BYTES, targetBytes - bytes)) {
      const r = rand();
      if (r < 0.08) {
        const p = planters[planted.length % planters.length]();
        const at = lines.length + (lines.length ? 1 : 0) + p.at;
        push(p.lines);
        planted.push({ path, line: at + 1, kind: p.kind, value: p.value });
      } else if (r < 0.6) push(deployment([]));
      else push(trapConfigMap());
    }
    const text = lines.join('\n') + '\n';
    files.push({ path, text });
    bytes += Buffer.byteLength(text);
  }
  return { files, planted, bytes };
}
