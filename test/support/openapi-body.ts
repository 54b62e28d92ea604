// Validates a request body against GitHub's own OpenAPI description (@octokit/openapi).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
let spec: any;
const cache = new Map<string, ValidateFunction>();

export function requestBodyValidator(method: string, pathTemplate: string): ValidateFunction {
  const key = `${method} ${pathTemplate}`;
  const hit = cache.get(key);
  if (hit) return hit;
  spec ??= JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.deref.json'), 'utf8'));
  const schema = spec.paths[pathTemplate]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`no request body schema for ${key}`);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const fn = ajv.compile(schema);
  cache.set(key, fn);
  return fn;
}

export function bodyErrors(method: string, pathTemplate: string, body: unknown): string[] {
  const validate = requestBodyValidator(method, pathTemplate);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
