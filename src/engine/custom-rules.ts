// Custom rules as data (Polaris style): a JSON Schema every object of the listed kinds must
// satisfy; an object that does not yields a finding with the rule's message and severity.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { CustomRuleSpec } from '../config/config.js';
import type { FieldPath } from '../core/types.js';
import { defineRule, type Rule } from './rule.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

export class CustomRuleError extends Error {
  constructor(readonly ruleId: string, message: string) {
    super(`custom rule "${ruleId}": ${message}`);
    this.name = 'CustomRuleError';
  }
}

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

/** JSON pointer of an ajv error → field path (numbers for array indexes). */
export function pointerToPath(pointer: string): FieldPath {
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(e: ErrorObject): string {
  const at = e.instancePath ? pointerToPath(e.instancePath).map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') : '(object)';
  if (e.keyword === 'required') return `${at} is missing "${(e.params as { missingProperty: string }).missingProperty}"`;
  if (e.keyword === 'additionalProperties') return `${at} has unexpected "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  return `${at} ${e.message ?? 'does not match'}`;
}

/** Errors that explain the failure best: the deepest ones, without schema-combinator noise. */
function primaryErrors(errors: ErrorObject[]): ErrorObject[] {
  const leaf = errors.filter((e) => !['anyOf', 'oneOf', 'allOf', 'if', 'not'].includes(e.keyword));
  const list = leaf.length > 0 ? leaf : errors;
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  const max = Math.max(...list.map(depth));
  return list.filter((e) => depth(e) === max);
}

function kindMatches(kinds: string[] | undefined, apiVersion: string, kind: string): boolean {
  if (!kinds || kinds.length === 0) return true;
  return kinds.some((k) => k === '*' || k === kind || k === `${apiVersion}/${kind}` || k.toLowerCase() === kind.toLowerCase());
}

export function customRuleFromSpec(spec: CustomRuleSpec, ajv: Ajv = newAjv()): Rule {
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(spec.match);
  } catch (e) {
    throw new CustomRuleError(spec.id, `"match" is not a valid JSON Schema: ${(e as Error).message}`);
  }
  return defineRule({
    meta: {
      id: spec.id,
      title: spec.title ?? spec.message,
      severity: spec.severity,
      refs: spec.refs && spec.refs.length > 0 ? spec.refs : [`CUSTOM:${spec.id}`],
      category: 'hygiene',
      rationale: spec.title ? `${spec.title}: ${spec.message}` : spec.message,
      remediation: spec.message,
      fixable: false,
    },
    check(ctx) {
      for (const target of ctx.objects) {
        if (!kindMatches(spec.kinds, target.ref.apiVersion, target.ref.kind)) continue;
        if (validate(target.object)) continue;
        const errors = primaryErrors(validate.errors ?? []);
        const first = errors[0];
        const path = first ? pointerToPath(first.instancePath) : [];
        const detail = errors.slice(0, 3).map(describe).join('; ');
        ctx.report({ target, path, message: detail ? `${spec.message} (${detail})` : spec.message, key: first?.instancePath });
      }
    },
  });
}

/** Builds the custom rules of a config; throws CustomRuleError naming the rule on a bad schema or a duplicate id. */
export function customRulesFromConfig(specs: CustomRuleSpec[]): Rule[] {
  const ajv = newAjv();
  const seen = new Set<string>();
  return specs.map((spec) => {
    if (seen.has(spec.id)) throw new CustomRuleError(spec.id, 'is defined twice');
    seen.add(spec.id);
    return customRuleFromSpec(spec, ajv);
  });
}
