// Detectors that recognise a secret by the key it is assigned to: AWS secret access keys, Azure
// storage keys, Twilio auth tokens, and the generic password/secret/token/apikey assignment with
// an entropy and placeholder filter.
import { assignmentsOf, envAssignmentOf, envKeyOf, parseAssignments, type Assignment } from '../assignments.js';
import { charClasses, shannonEntropy } from '../entropy.js';
import { isPlaceholder } from '../placeholders.js';
import { MIN_ASSIGNED_VALUE_LENGTH, type KeyVerdict } from '../key-screen.js';
import { isSecretKey, mayEndWithSecretTail, SECRET_KEY_KEYWORDS } from '../secret-keys.js';
import { detectorMeta, type Candidate, type Detector, type DetectorMeta, type ScanSource } from '../types.js';

interface AssignedSpec extends DetectorMeta {
  /** Whether a key names this credential; only keys ending in a secret tail are asked (see key-screen.ts). */
  key: (key: string) => boolean;
  value: (value: string) => boolean;
}

function fixHintOf(a: Assignment, path: string): Candidate['fixHint'] {
  if (a.style === 'env') return 'env-value';
  if (a.style === 'line' && /(?:^|\/)values[^/]*\.ya?ml$/i.test(path)) return 'values-literal';
  return undefined;
}

/** Keys without a secret tail are refused before the spec is asked: the key screen relies on it. */
function tailed(spec: AssignedSpec): AssignedSpec {
  return { ...spec, key: (k) => mayEndWithSecretTail(k, 0, k.length) && spec.key(k) };
}


function assignedDetector(spec: AssignedSpec, anyKey: KeyVerdict): Detector {
  return {
    ...detectorMeta(spec),
    keyScreen: anyKey,
    detect(src: ScanSource, n: number, emit) {
      const parsed = parseAssignments(src, n);
      if (parsed.plainKey === undefined) {
        for (const a of assignmentsOf(parsed)) if (spec.key(a.key)) check(spec, a, src.path, emit);
      } else if (spec.key(parsed.plainKey)) {
        for (const a of assignmentsOf(parsed)) check(spec, a, src.path, emit);
      }
      const envKey = envKeyOf(parsed);
      if (envKey !== undefined && spec.key(envKey)) {
        const env = envAssignmentOf(parsed);
        if (env) check(spec, env, src.path, emit);
      }
    },
  };
}

/** Emits an assignment whose key the detector accepts when its value passes. */
function check(spec: AssignedSpec, a: Assignment, path: string, emit: (c: Candidate) => void): void {
  if (a.value.length < MIN_ASSIGNED_VALUE_LENGTH || isPlaceholder(a.value) || !spec.value(a.value)) return;
  emit({
    ruleId: spec.ruleId, kind: spec.kind, severity: spec.severity, value: a.value, line: a.line,
    key: a.key, fixHint: fixHintOf(a, path),
  });
}

/** A literal that could be a credential rather than a name, path, number, URL or flag. */
export function looksLikeSecretValue(v: string): boolean {
  if (v.length < MIN_ASSIGNED_VALUE_LENGTH || v.length > 1000) return false;
  if (/^[|>][-+0-9]*$/.test(v)) return false; // YAML block scalar header
  if (v.startsWith('-----BEGIN ')) return false; // PEM blocks: the private-key detector decides
  if (/^-?\d+(?:\.\d+)?[a-zA-Z]{0,3}$/.test(v)) return false; // numbers, durations, sizes
  if (/^[a-z][a-z0-9]*(?:[-.][a-z0-9]+)+$/.test(v) && !/\d/.test(v.replace(/-v?\d+$/, ''))) return false; // k8s-style names: db-credentials
  if (/^[a-z]+(?:[A-Z][a-z]+)+$/.test(v) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return false; // identifiers: secretKeyRef, DB_PASSWORD
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(v) && !/\s/.test(v)) return false; // file paths
  if (/^[a-z][a-z._-]*(?:\/[a-z._-]+)+$/.test(v)) return false; // relative paths: link-etc/passwd
  if (/^[{()`]/.test(v)) return false; // code: object literals, calls, template literals
  if (/^[A-Za-z_$][\w$]*(?:[!?]?\.[A-Za-z_$][\w$]*)*\(/.test(v)) return false; // function calls: pem.replace(…
  if (/^[a-z_$][a-zA-Z_$]*(?:[!?]?\.[A-Za-z_$][\w$]*)+;?$/.test(v)) return false; // member access: env.TOKEN, secrets.privateKey
  if (/\S\s+\S+\s+\S/.test(v)) return false; // sentences and code, not credentials
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(v)) return false; // URLs without credentials (those have their own rule)
  if (/^(?:sha\d+|md5):[0-9a-f]+$/i.test(v)) return false; // digests
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return false; // UUID ids
  if (/^[a-z]+(?: [a-z]+){2,}$/i.test(v)) return false; // prose
  if (v.length >= 200 && /^Ag[A-Za-z0-9+/]+=*$/.test(v)) return false; // sealed-secrets ciphertext (safe to commit)
  if (v.length >= 8) return shannonEntropy(v) >= 3 || (charClasses(v) >= 3 && shannonEntropy(v) >= 2.5);
  return charClasses(v) >= 3;
}

const awsSecretKey = (k: string): boolean => /(?:secret.?access.?key|aws.?secret(?:.?key)?|^(?:aws_?)?secret_?key)$/i.test(k);

const specs: AssignedSpec[] = ([
  {
    ruleId: 'secret-aws-secret-access-key',
    kind: 'AWS secret access key',
    severity: 'critical',
    keywords: ['secret'],
    key: awsSecretKey,
    value: (v) => /^[A-Za-z0-9/+]{40}$/.test(v) && shannonEntropy(v) >= 4,
    gitleaksIds: ['aws-secret-access-key'],
    samples: {
      flags: ['aws_secret_access_key = Zq8vR2mK9tL4bN7cZ1wY3jHf6sPaE5gU0iOq2Wd4', '  AWS_SECRET_ACCESS_KEY: "Zq8vR2mK9tL4bN7cZ1wY3jHf6sPaE5gU0iOq2Wd4"'],
      passes: ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key: ${AWS_SECRET_ACCESS_KEY}', 'checksum: Zq8vR2mK9tL4bN7cZ1wY3jHf6sPaE5gU0iOq2Wd4'],
    },
  },
  {
    ruleId: 'secret-azure-storage-key',
    kind: 'Azure storage account key',
    severity: 'critical',
    keywords: ['accountkey', 'account_key', 'storagekey', 'storage_key', 'azure'],
    key: (k) => /(?:account.?key|storage.?key|azure.*key)$/i.test(k),
    value: (v) => /^[A-Za-z0-9+/]{86}==$/.test(v),
    gitleaksIds: ['azure-storage-account-key'],
    samples: {
      flags: ['AZURE_STORAGE_KEY: Rk8mQ2xT9vL4bN7cZ1wY3jHf6sPaE5gU0iOq2Wd4Xr7Tb9Nm1Kc3Vz8Lh5Jp0Fs2Gy6Ra4Qe8Wt1Yu3Io5Pa7S=='],
      passes: ['AZURE_STORAGE_KEY: <storage-key>', 'azureStorageKeyRef: storage-prod-credentials'],
    },
  },
  {
    ruleId: 'secret-twilio-auth-token',
    kind: 'Twilio auth token',
    severity: 'critical',
    keywords: ['twilio'],
    key: (k) => /twilio.*(?:token|secret)$/i.test(k),
    value: (v) => /^[0-9a-f]{32}$/.test(v) && shannonEntropy(v) >= 3,
    gitleaksIds: ['twilio-api-key'],
    samples: {
      flags: ['TWILIO_AUTH_TOKEN=9f2b8e4a6c1d3e5f7a0b2c4d6e8f1a3c'],
      passes: ['TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}', 'TWILIO_ACCOUNT_SID=AC9f2b8e4a6c1d3e5f7a0b2c4d6e8f1a3c'],
    },
  },
  {
    ruleId: 'secret-generic-assignment',
    kind: 'credential',
    severity: 'high',
    keywords: SECRET_KEY_KEYWORDS,
    key: isSecretKey,
    value: looksLikeSecretValue,
    gitleaksIds: ['generic-api-key'],
    samples: {
      flags: [
        'password: "Xk9#mP2$vL8qR4nW"',
        '"db_password": "Tr0ub4dor&3xYz!q",',
        'DB_PASSWORD=Tr0ub4dor&3xYz!q',
        'spring.datasource.password=Tr0ub4dor&3xYz',
        'admin_password = "Tr0ub4dor&3xYz!q"',
        'args: ["--db-password=Tr0ub4dor&3xYz!q"]',
        '- {name: DB_PASSWORD, value: "Tr0ub4dor&3xYz!q"}',
        '{ "name": "API_TOKEN", "value": "Tr0ub4dor&3xYz!q" },',
      ],
      passes: [
        'password: ""', 'password: changeme', 'password: ${DB_PASSWORD}', 'password: "{{ .Values.db.password }}"',
        'password: <your-password>', 'password: REPLACE_ME', 'password: "*****"', 'secretName: db-prod-credentials',
        'existingSecret: postgres-prod-credentials', 'passwordSecretRef: db-credentials', 'tokenTTL: 3600',
        'automountServiceAccountToken: false', 'key: password', 'secretKeyRef:', 'password: ENC[AES256_GCM,data:abc,iv:def,tag:x,type:str]',
        'passwordFile: /etc/secrets/db-password',
        'const privateKey = env.PRIVATE_KEY_PARAMETER;', 'overrides: { privateKey: secrets.privateKey, secret: app!.webhookSecret }',
        'const token = processSecrets({ GITHUB_TOKEN: process.env.GITHUB_TOKEN });', "'/gg/private-key': privateKey.replace(/\\n/g, '\\\\n'),",
        "'      - passwd=link-etc/passwd',", '// `fooSecret: my-app-secret` names a Secret; it is not one.', 'const secret = `apiVersion: v1',
      ],
    },
  },
] satisfies AssignedSpec[]).map(tailed);

// The key screen asks once per key it has not seen and remembers the answer itself.
const anyKey: KeyVerdict = (key) => specs.some((s) => s.key(key));
export const assignedDetectors: Detector[] = specs.map((spec) => assignedDetector(spec, anyKey));
