// Names used in fix suggestions: the `{service}-{environment}-credentials` Secret (REQ-435).
import type { ScanSource } from './types.js';

const ENV_WORDS = new Set(['prod', 'production', 'staging', 'stage', 'stg', 'dev', 'development', 'qa', 'test', 'uat', 'preprod', 'sandbox', 'demo', 'int', 'integration', 'perf']);

function dnsLabel(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'app';
}

// Findings of one file ask for the same path in a row.
let lastPath: string | undefined;
let lastEnvironment = '';

export function environmentOf(path: string): string {
  if (path !== lastPath) {
    lastEnvironment = environmentOfPath(path);
    lastPath = path;
  }
  return lastEnvironment;
}

function environmentOfPath(path: string): string {
  const file = path.split('/').pop() ?? '';
  const values = /^values[-_.]([\w-]+)\.ya?ml$/i.exec(file);
  if (values) return dnsLabel(values[1]);
  const segs = path.toLowerCase().split('/');
  for (let i = 0; i < segs.length - 1; i++) {
    if (/^(?:overlays|envs|environments|clusters)$/.test(segs[i]) && segs[i + 1]) return dnsLabel(segs[i + 1].replace(/\.ya?ml$/, ''));
  }
  for (const s of segs) {
    const base = s.replace(/\.ya?ml$/, '');
    if (ENV_WORDS.has(base)) return base;
    const suffix = /[-_.](\w+)$/.exec(base)?.[1];
    if (suffix && ENV_WORDS.has(suffix)) return suffix;
  }
  return 'default';
}

/** Chart folder for Helm files, else the metadata.name of the manifest document holding `line`, else the file name. */
export function serviceOf(src: ScanSource, line: number): string {
  const segs = src.path.split('/');
  const file = segs[segs.length - 1];
  if (/^values[^/]*\.ya?ml$/i.test(file) && segs.length >= 2) return dnsLabel(segs[segs.length - 2]);
  const tmpl = segs.lastIndexOf('templates');
  if (tmpl >= 1) return dnsLabel(segs[tmpl - 1]);
  const start = documentStart(src, line);
  for (let n = start; n <= src.lineCount; n++) {
    const l = src.line(n);
    if (n > start && /^---/.test(l)) break;
    if (/^metadata:\s*$/.test(l)) {
      for (let k = n + 1; k <= src.lineCount && /^\s/.test(src.line(k)); k++) {
        const m = /^\s{1,4}name:\s*["']?([A-Za-z0-9][\w.-]*)["']?\s*$/.exec(src.line(k));
        if (m) return dnsLabel(m[1]);
      }
      break;
    }
  }
  return dnsLabel(file.replace(/\.[^.]+$/, '').replace(/[-_.](?:prod|production|staging|stage|dev|qa|test)$/i, ''));
}

/** The nearest line at or above `line` that starts with `---` (line 1 when none does). */
function documentStart(src: ScanSource, line: number): number {
  if (line <= 1) return line;
  const at = src.lastIndexOf('\n---', src.lineStart(line) - 1);
  return at < 0 ? 1 : src.lineOf(at + 1);
}

/**
 * The Secret a service's credentials belong in, by the naming convention of REQ-435:
 * {service}-{environment}-credentials. A file of no particular environment (a chart's values.yaml,
 * a base) is taken as dev's, as the naming rule (secret-reference-validation) suggests.
 */
export function credentialsSecretName(service: string, environment: string): string {
  return `${dnsLabel(service)}-${environment === 'default' ? 'dev' : dnsLabel(environment)}-credentials`;
}
