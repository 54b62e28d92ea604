// Detectors over whole files in the syntaxes a GitOps repo holds (true and false positives).
import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/secrets/index.js';

const ids = (text: string, path = 'manifests/app.yaml') => scanText(text, path).map((f) => `${f.line}:${f.ruleId}`);

// Random-looking values built at run time so that this file holds no literal token.
const AWS_ID = 'AKIA' + 'Q7M2XK5RTB3NWPZ4';
const AWS_SECRET = 'Zq8vR2mK9tL4bN7cZ1wY' + '3jHf6sPaE5gU0iOq2Wd4';
const B64_86 = 'Rk8mQ2xT9vL4bN7cZ1wY3jHf6sPaE5gU0iOq2Wd4Xr7Tb9Nm1Kc3Vz8Lh5Jp0Fs2Gy6Ra4Qe8Wt1Yu3Io5Pa7S';
const PEM_BODY = [
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  'LxoR2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo',
];

describe('AWS', () => {
  it('flags an access key id anywhere and a secret key by its key name', () => {
    expect(ids(`env:\n  AWS_ACCESS_KEY_ID: ${AWS_ID}\n  AWS_SECRET_ACCESS_KEY: ${AWS_SECRET}\n`)).toEqual([
      '2:secret-aws-access-key-id',
      '3:secret-aws-secret-access-key',
    ]);
  });
  it('passes AWS documented examples and a 40-character value under an unrelated key', () => {
    expect(ids('AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE\naws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n')).toEqual([]);
    expect(ids(`commit: ${'a3f9b2c8d1e6f7a0b5c2d9e8f1a4b7c3d6e0f2a9'}\n`)).toEqual([]);
  });
});

describe('GCP service-account JSON', () => {
  const json = JSON.stringify({
    type: 'service_account',
    project_id: 'acme-prod',
    private_key_id: '3f9a2b8c4d1e6f7a0b5c2d9e8f1a4b7c3d6e0f2a',
    private_key: `-----BEGIN PRIVATE KEY-----\n${PEM_BODY.join('\n')}\n-----END PRIVATE KEY-----\n`,
    client_email: 'deployer@acme-prod.iam.gserviceaccount.com',
  }, null, 2);
  it('flags the key id and the \\n-escaped private key', () => {
    const found = scanText(json, 'secrets/sa.json').map((f) => f.ruleId).sort();
    expect(found).toEqual(['secret-gcp-service-account', 'secret-private-key']);
  });
  it('passes a service-account template with empty fields', () => {
    expect(ids('{"type": "service_account", "private_key_id": "", "private_key": ""}', 'sa.json')).toEqual([]);
  });
});

describe('Azure', () => {
  it('flags an account key inside a storage connection string', () => {
    const cs = `AZURE_STORAGE_CONNECTION_STRING: "DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=${B64_86}==;EndpointSuffix=core.windows.net"`;
    expect(ids(cs)).toContain('1:secret-azure-storage-key');
  });
  it('passes a connection string that reads the key from a variable', () => {
    expect(ids('AZURE_STORAGE_CONNECTION_STRING: "DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=${AZURE_KEY}"')).toEqual([]);
  });
});

describe('PEM private keys', () => {
  it('flags a key in a YAML block scalar and reports the block span', () => {
    const yaml = ['apiVersion: v1', 'kind: ConfigMap', 'data:', '  tls.key: |', '    -----BEGIN EC PRIVATE KEY-----', ...PEM_BODY.map((l) => `    ${l}`), '    -----END EC PRIVATE KEY-----', ''].join('\n');
    const [f] = scanText(yaml, 'cm.yaml');
    expect(f).toMatchObject({ ruleId: 'secret-private-key', line: 5, endLine: 9, kind: 'EC private key' });
  });
  it('passes public keys, certificates and elided bodies', () => {
    expect(ids(`-----BEGIN CERTIFICATE-----\n${PEM_BODY.join('\n')}\n-----END CERTIFICATE-----\n`)).toEqual([]);
    expect(ids('key: |\n  -----BEGIN PRIVATE KEY-----\n  ...\n  -----END PRIVATE KEY-----\n')).toEqual([]);
  });
});

describe('credentials in URLs', () => {
  it('flags user:password in database and https URLs', () => {
    expect(ids('DATABASE_URL: postgresql://app:Pq7vX2mK9tLb@db.prod.svc:5432/app\nrepoURL: https://ci:Zq8vR2mK9tL4x@git.example.com/org/r.git\n')).toEqual([
      '1:secret-url-credentials',
      '2:secret-url-credentials',
    ]);
  });
  it('passes URLs with a port, a variable or a template instead of a password', () => {
    expect(ids('a: https://git.example.com:8443/x\nb: postgresql://app:$(DB_PASSWORD)@db/app\nc: redis://:{{ .Values.redis.password }}@redis:6379\n')).toEqual([]);
  });
});

describe('generic assignments', () => {
  const value = 'Tr0ub4dor&3xYz!q';
  it.each([
    ['YAML', 'values.yaml', `db:\n  password: "${value}"\n`, 2],
    ['JSON', 'config.json', `{\n  "apiKey": "${value}"\n}\n`, 2],
    ['.env', '.env', `# app\nDB_PASSWORD=${value}\n`, 2],
    ['properties', 'application.properties', `spring.datasource.password=${value}\n`, 1],
    ['HCL', 'main.tf', `resource "x" "y" {\n  admin_password = "${value}"\n}\n`, 2],
    ['Kubernetes env', 'deploy.yaml', `        env:\n          - name: API_TOKEN\n            value: "${value}"\n`, 3],
  ])('flags a literal credential in %s', (_syntax, path, text, line) => {
    expect(ids(text, path)).toEqual([`${line}:secret-generic-assignment`]);
  });

  it.each([
    ['empty', 'password: ""'],
    ['changeme', 'password: changeme'],
    ['shell variable', 'password: ${DB_PASSWORD}'],
    ['Helm template', 'password: {{ .Values.db.password | quote }}'],
    ['angle placeholder', 'password: <set-me>'],
    ['REPLACE_ME', 'api_key: REPLACE_ME'],
    ['masked', 'token: "*****"'],
    ['secret reference name', 'existingSecret: db-prod-credentials'],
    ['key reference', 'passwordKey: password'],
    ['boolean', 'automountServiceAccountToken: false'],
    ['TTL', 'tokenTTL: 3600s'],
    ['sops ciphertext', 'password: ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]'],
    ['checksum annotation', 'checksum/secret: 2f1e0c9b7a4d3e6f5a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f'],
    ['UUID', 'client_secret_id: 123e4567-e89b-12d3-a456-426614174000'],
  ])('passes %s', (_name, line) => {
    expect(ids(line, 'values.yaml')).toEqual([]);
  });
});

describe('Kubernetes Secret data', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  it('decodes base64 data and reports on the entry line, naming the data key', () => {
    const yaml = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ndata:\n  username: ${b64('svc-api')}\n  password: ${b64('Tr0ub4dor&3xYz!q')}\n  token: ${b64('ghp_' + 'R8x2Lq9VbN4mT7kZ1cW5yH3jF6dS0aPeUoIg')}\n`;
    const found = scanText(yaml, 'secret.yaml');
    expect(found.map((f) => `${f.line}:${f.ruleId}`)).toEqual(['7:secret-generic-assignment', '8:secret-github-token']);
    expect(found[1].message).toContain('base64 data "token" of a Secret');
  });
  it('passes Secret data that decodes to placeholders or to non-credentials', () => {
    expect(ids(`kind: Secret\ndata:\n  host: ${b64('db.prod.svc.cluster.local')}\n`)).toEqual([]);
    expect(ids(`kind: Secret\ndata:\n  password: ${b64('changeme')}\n`)).toEqual([]);
  });
});

describe('provider tokens in context', () => {
  it('reports a provider token under a password key as the provider token, once', () => {
    expect(ids('password: ghp_R8x2Lq9VbN4mT7kZ1cW5yH3jF6dS0aPeUoIg')).toEqual(['1:secret-github-token']);
  });
  it('passes image digests, git SHAs and UUIDs under neutral keys', () => {
    const text = [
      'image: ghcr.io/acme/api@sha256:0c4a9f1e2b3d4c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6',
      'revision: 3f9a2b8c4d1e6f7a0b5c2d9e8f1a4b7c3d6e0f2a',
      'uid: 123e4567-e89b-12d3-a456-426614174000',
    ].join('\n');
    expect(ids(text)).toEqual([]);
  });
});
