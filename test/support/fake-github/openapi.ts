// GitHub's REST description (@octokit/openapi): finds the operation for a request and validates its
// JSON body against the operation's requestBody schema, the way GitHub rejects malformed bodies.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);

export interface Operation {
  method: string;
  template: string;
  operationId: string;
  params: Record<string, string>;
}

interface Route {
  method: string;
  template: string;
  operationId: string;
  regex: RegExp;
  names: string[];
  literalSegments: number;
  bodySchema?: unknown;
  responseSchemas: Record<string, unknown>;
}

let routes: Route[] | undefined;
const validators = new Map<string, ValidateFunction>();

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function load(): Route[] {
  if (routes) return routes;
  const spec = JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.deref.json'), 'utf8')) as {
    paths: Record<string, Record<string, {
      operationId: string;
      requestBody?: { content?: Record<string, { schema?: unknown }> };
      responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
    }>>;
  };
  const out: Route[] = [];
  for (const [template, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!op || typeof op !== 'object' || !('operationId' in op)) continue;
      const names: string[] = [];
      let re = '';
      let literalSegments = 0;
      for (const seg of template.split('/').filter(Boolean)) {
        const m = /^\{(.+)\}$/.exec(seg);
        if (m) {
          names.push(m[1]);
          // `path` and `ref` values carry slashes (contents/{path}, tarball/{ref}).
          re += m[1] === 'path' || m[1] === 'ref' || m[1] === 'basehead' ? '/(.+)' : '/([^/]+)';
        } else {
          literalSegments++;
          re += `/${escapeRe(seg)}`;
        }
      }
      out.push({
        method: method.toUpperCase(),
        template,
        operationId: op.operationId,
        regex: new RegExp(`^${re}$`),
        names,
        literalSegments,
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
        responseSchemas: Object.fromEntries(Object.entries(op.responses ?? {}).map(([status, r]) => [status, r.content?.['application/json']?.schema])),
      });
    }
  }
  // Literal segments win over parameters (pulls/{n}/files before contents/{path}).
  out.sort((a, b) => b.literalSegments - a.literalSegments || a.names.length - b.names.length);
  routes = out;
  return out;
}

export function findOperation(method: string, pathname: string): Operation | undefined {
  for (const r of load()) {
    if (r.method !== method) continue;
    const m = r.regex.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
    return { method, template: r.template, operationId: r.operationId, params };
  }
  return undefined;
}

function errorsOf(key: string, schema: unknown, value: unknown): string[] {
  let validate = validators.get(key);
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    validate = ajv.compile(schema as object);
    validators.set(key, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

function routeOf(op: Operation): Route {
  return load().find((r) => r.method === op.method && r.template === op.template)!;
}

/** Errors of `body` against the operation's JSON request body schema ([] when valid or when it takes no body). */
export function requestBodyErrors(op: Operation, body: unknown): string[] {
  const schema = routeOf(op).bodySchema;
  return schema ? errorsOf(`${op.method} ${op.template}`, schema, body) : [];
}

/** OpenAPI 3.0's `nullable: true` as JSON Schema (Ajv takes it only beside `type`; responses also put it beside `oneOf`). */
function withNullables(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withNullables);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) if (!(k === 'nullable' && typeof v === 'boolean')) out[k] = withNullables(v);
  return (schema as { nullable?: unknown }).nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

/** Errors of a JSON response against what the description says the operation answers with that status (for testing the fake itself). */
export function responseErrors(op: Operation, status: number, body: unknown): string[] {
  const schema = routeOf(op).responseSchemas[String(status)];
  if (!schema) return [`the description has no JSON response ${status} for ${op.operationId}`];
  return errorsOf(`${op.method} ${op.template} → ${status}`, withNullables(schema), body);
}
