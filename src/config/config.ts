// Loads and validates .gitops-guard.yml / .github/gitops-guard.yml against schemas/config.schema.json.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { packageFile } from '../core/package-file.js';
import { DEFAULT_CONFIG, findConfigFile, type ResolvedConfig } from './defaults.js';
import { depthMessage, yamlDepthExcess } from '../workspace/yaml-depth.js';

export { CONFIG_PATHS, DEFAULT_CONFIG } from './defaults.js';
export type { CustomRuleSpec, Limits, ResolvedConfig, RuleSetting } from './defaults.js';

export class ConfigError extends Error {
  constructor(message: string, readonly path: string, readonly line: number) {
    super(`${path}:${line}: ${message}`);
    this.name = 'ConfigError';
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validator = ajv.compile(JSON.parse(readFileSync(packageFile('schemas/config.schema.json'), 'utf8')));
  }
  return validator(data) ? [] : (validator.errors ?? []);
}

/** Validates already-parsed config data (from Probot's context.config or a parsed file). */
export function resolveConfig(data: unknown, path = '.github/gitops-guard.yml', lineOf: (p: string[]) => number = () => 1): ResolvedConfig {
  if (data === null || data === undefined) return structuredClone(DEFAULT_CONFIG);
  const errors = validate(data);
  if (errors.length > 0) {
    const e = errors[0];
    const segments = e.instancePath.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const key = e.keyword === 'additionalProperties' ? [...segments, String((e.params as { additionalProperty: string }).additionalProperty)] : segments;
    const name = key.length ? key.join('.') : '(root)';
    const detail = e.keyword === 'additionalProperties' ? 'is not a known setting' : (e.message ?? 'is invalid');
    throw new ConfigError(`invalid config: "${name}" ${detail}`, path, lineOf(key));
  }
  const d = data as Partial<ResolvedConfig>;
  const base = structuredClone(DEFAULT_CONFIG);
  return {
    ...base,
    ...d,
    namespaces: { ...base.namespaces, ...d.namespaces },
    review: { ...base.review, ...d.review },
    limits: { ...base.limits, ...d.limits },
    rules: { ...d.rules },
    customRules: d.customRules ?? [],
    kubeVersion: (d.kubeVersion ?? base.kubeVersion).replace(/^v/, ''),
  } as ResolvedConfig;
}

/** Parses config file text; errors name the file and line. */
export function parseConfig(text: string, path: string): ResolvedConfig {
  const tooDeep = yamlDepthExcess(text);
  if (tooDeep) throw new ConfigError(depthMessage(tooDeep), path, tooDeep.line);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = err.linePos?.[0]?.line ?? lineCounter.linePos(err.pos[0]).line;
    throw new ConfigError(`invalid YAML: ${err.message.split('\n')[0]}`, path, line);
  }
  const lineOf = (keyPath: string[]): number => {
    for (let n = keyPath.length; n > 0; n--) {
      const node = doc.getIn(keyPath.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      const pair = findKeyNode(doc.contents, keyPath.slice(0, n));
      const offset = pair ?? node?.range?.[0];
      if (offset !== undefined) return lineCounter.linePos(offset).line;
    }
    return 1;
  };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 10 });
  } catch (e) {
    // alias bombs ("billion laughs") and nesting too deep for the stack
    throw new ConfigError(`invalid YAML: ${(e as Error).message.split('\n')[0]}`, path, lineCounter.linePos(doc.contents?.range?.[0] ?? 0).line);
  }
  return resolveConfig(data, path, lineOf);
}

function findKeyNode(node: unknown, keyPath: string[]): number | undefined {
  let cur = node as { items?: { key?: { value?: unknown; range?: [number, number, number] }; value?: unknown }[] } | undefined;
  let offset: number | undefined;
  for (const seg of keyPath) {
    const pair = cur?.items?.find((it) => String(it.key?.value) === seg);
    if (!pair) return undefined;
    offset = pair.key?.range?.[0];
    cur = pair.value as typeof cur;
  }
  return offset;
}

/** Finds the config in a file reader (snapshot or disk) and parses it, or returns defaults. */
export function loadConfig(read: (path: string) => string | undefined): { config: ResolvedConfig; path?: string } {
  const file = findConfigFile(read);
  return file ? { config: parseConfig(file.text, file.path), path: file.path } : { config: structuredClone(DEFAULT_CONFIG) };
}

export function isProdEnvironment(config: ResolvedConfig, environment: string): boolean {
  return config.prodEnvironments.includes(environment);
}
