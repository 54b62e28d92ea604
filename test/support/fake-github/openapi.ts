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
}

let routes: Route[] | undefined;
const validators = new Map<string, ValidateFunction>();

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function load(): Route[] {
  if (routes) return routes;
  const spec = JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.deref.json'), 'utf8')) as {
    paths: Record<string, Record<string, { operationId: string; requestBody?: { content?: Record<string, { schema?: unknown }> } }>>;
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

/** Errors of `body` against the operation's JSON request body schema ([] when valid or when it takes no body). */
export function requestBodyErrors(op: Operation, body: unknown): string[] {
  const key = `${op.method} ${op.template}`;
  let validate = validators.get(key);
  if (!validate) {
    const route = load().find((r) => r.method === op.method && r.template === op.template)!;
    if (!route.bodySchema) return [];
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    validate = ajv.compile(route.bodySchema as object);
    validators.set(key, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}
