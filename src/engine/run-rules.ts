// Runs rules over one render (unit × environment) and turns their reports into findings.
import { createHash } from 'node:crypto';
import type { Finding, RenderResult, RenderedObject, Severity, Snapshot } from '../core/types.js';
import { isProdEnvironment, type ResolvedConfig, type RuleSetting } from '../config/config.js';
import type { ObjectIndex, Report, Rule, RuleContext } from './rule.js';
import { isSuppressed } from './suppress.js';

export function fingerprintOf(parts: { ruleId: string; object?: { apiVersion?: string; kind: string; namespace?: string; name: string }; fieldPath?: string; environment?: string; key?: string; path?: string }): string {
  const identity = parts.object
    ? `${parts.object.kind}/${parts.object.namespace ?? ''}/${parts.object.name}`
    : `file:${parts.path ?? ''}`;
  return createHash('sha256')
    .update([parts.ruleId, identity, parts.fieldPath ?? '', parts.environment ?? '', parts.key ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 16);
}

export function buildIndex(objects: RenderedObject[]): ObjectIndex {
  const byKind = new Map<string, RenderedObject[]>();
  for (const o of objects) {
    const k = o.ref.kind;
    if (!byKind.has(k)) byKind.set(k, []);
    byKind.get(k)!.push(o);
  }
  return {
    all: objects,
    byKind: (kind) => byKind.get(kind) ?? [],
    namespace: (name) => (byKind.get('Namespace') ?? []).find((n) => n.ref.name === name),
  };
}

export function ruleSetting(config: ResolvedConfig, id: string): { enabled: boolean; severity?: Severity; options: Record<string, unknown> } {
  const s: RuleSetting | undefined = config.rules[id];
  if (s === undefined) return { enabled: true, options: {} };
  if (s === 'off') return { enabled: false, options: {} };
  if (typeof s === 'string') return { enabled: true, severity: s, options: {} };
  return { enabled: s.enabled !== false, severity: s.severity, options: s.options ?? {} };
}

export interface RunInput {
  rules: Rule[];
  render: RenderResult;
  index: ObjectIndex;
  snapshot: Snapshot;
  config: ResolvedConfig;
  /** Receives the findings a suppression hides (a review tells the change's own suppressions from earlier ones). */
  suppressed?: Finding[];
}

/** The fix builders write YAML: a manifest written as JSON (one flow mapping) gets no suggestion. */
const writtenInJson = (path: string): boolean => /\.json$/i.test(path);

export function fieldPathString(path: (string | number)[] | undefined): string | undefined {
  if (!path || path.length === 0) return undefined;
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
}

/** Fields naming a list element, in the order tried; the nested ones name envFrom entries and projected sources. */
const ELEMENT_IDS: readonly (readonly string[])[] = [['name'], ['mountPath'], ['devicePath'], ['secretRef', 'name'], ['configMapRef', 'name'], ['secret', 'name'], ['configMap', 'name']];

function elementId(el: unknown): string | undefined {
  if (!el || typeof el !== 'object') return undefined;
  for (const keys of ELEMENT_IDS) {
    const v = keys.reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), el);
    if (typeof v === 'string') return `${keys.join('.')}=${v}`;
  }
  return undefined;
}

/**
 * The field path as the fingerprint sees it: an element of a list of named things (containers,
 * volumes, env, ports, envFrom sources…) goes by its name, not its position, so adding a container
 * ahead of another does not make the other's findings new.
 */
export function stableFieldPath(object: unknown, path: (string | number)[] | undefined): string | undefined {
  if (!path || path.length === 0) return undefined;
  let node: unknown = object;
  let out = '';
  for (const seg of path) {
    const el = Array.isArray(node) && typeof seg === 'number' ? node[seg] : node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    if (typeof seg === 'number') out += `[${elementId(el) ?? seg}]`;
    else out += `.${seg}`;
    node = el;
  }
  return out.replace(/^\./, '');
}

/** Runs every enabled rule over one render. A rule that throws becomes a `rule-error` finding; the others still run. */
export function runRules(input: RunInput): Finding[] {
  const { render, config } = input;
  const findings: Finding[] = [];
  for (const rule of input.rules) {
    const setting = ruleSetting(config, rule.meta.id);
    if (!setting.enabled) continue;
    const toFinding = (r: Report): Finding | undefined => {
      const loc = r.location ?? (r.target ? r.target.locate(r.path ?? []) : undefined) ?? { path: render.unit.root, line: 1 };
      const suppressed = r.target !== undefined && isSuppressed(rule.meta.id, rule.meta.refs, r.target, r.path ?? [], input.snapshot, loc);
      if (suppressed && !input.suppressed) return undefined;
      const fieldPath = fieldPathString(r.path);
      const f: Finding = {
        ruleId: rule.meta.id,
        refs: rule.meta.refs,
        severity: setting.severity ?? r.severity ?? rule.meta.severity,
        message: r.message,
        path: loc.path,
        line: loc.line,
        unit: render.unit.id,
        environment: render.environment,
      };
      if (loc.endLine && loc.endLine !== loc.line) f.endLine = loc.endLine;
      if (r.target) f.object = r.target.ref;
      if (fieldPath) f.fieldPath = fieldPath;
      if (r.fix && !writtenInJson(r.fix.path)) f.fix = r.fix;
      f.fingerprint = fingerprintOf({ ruleId: f.ruleId, object: r.identityObject ?? f.object, fieldPath: r.target ? stableFieldPath(r.target.object, r.identityPath ?? r.path) : fieldPath, environment: render.environment, key: r.key, path: r.target || r.identityObject ? undefined : f.path });
      if (suppressed) {
        input.suppressed!.push(f);
        return undefined;
      }
      return f;
    };
    const ctx: RuleContext = {
      objects: render.objects,
      index: input.index,
      unit: render.unit,
      environment: render.environment,
      isProd: isProdEnvironment(config, render.environment),
      values: render.values,
      snapshot: input.snapshot,
      config,
      options: setting.options,
      report: (r) => {
        const f = toFinding(r);
        if (f) findings.push(f);
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      findings.push({
        ruleId: 'rule-error',
        refs: [],
        severity: 'medium',
        message: `rule ${rule.meta.id} failed on ${render.unit.id} (${render.environment}): ${(e as Error).message}`,
        path: render.unit.root,
        line: 1,
        unit: render.unit.id,
        environment: render.environment,
        fingerprint: fingerprintOf({ ruleId: 'rule-error', path: render.unit.root, key: rule.meta.id, environment: render.environment }),
      });
    }
  }
  return findings;
}
