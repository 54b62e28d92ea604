// RuleTester: runs one rule over YAML manifests held in memory, the way ESLint's RuleTester does.
import type { FieldPath, Finding, RenderResult, SourceLocation, Unit, ValuesView } from '../../src/core/types.js';
import { DEFAULT_CONFIG, resolveConfig, type ResolvedConfig } from '../../src/config/config.js';
import type { Rule } from '../../src/engine/rule.js';
import { buildIndex, runRules } from '../../src/engine/run-rules.js';
import { renderHelm } from '../../src/render/helm.js';
import { manifestObjects, parseYamlFile } from '../../src/render/yaml-source.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

export interface RuleCase {
  /** Manifest YAML (one or more documents), written to `path`. */
  yaml: string;
  path?: string;
  environment?: string;
  /** Extra repo files (other manifests are also indexed for cross-object rules). */
  files?: Record<string, string>;
  config?: Partial<ResolvedConfig> | Record<string, unknown>;
  /** Helm values of this environment (YAML text), written to `valuesPath` (default values.yaml, or values-<env>.yaml). */
  values?: string;
  valuesPath?: string;
  /** The chart's values.yaml when `values` is an environment override file. */
  baseValues?: string;
  /** Overrides of the unit (e.g. `{ kind: 'helm', root: 'charts/x' }`). */
  unit?: Partial<Unit>;
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (base && over && typeof base === 'object' && typeof over === 'object' && !Array.isArray(base) && !Array.isArray(over)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(over as Record<string, unknown>)) out[k] = deepMerge(out[k], v);
    return out;
  }
  return over === undefined ? base : over;
}

/** A ValuesView over an environment values file layered on a base values.yaml, with line locations. */
export function valuesViewFromYaml(text: string, file: string, base?: { text: string; file: string }): ValuesView {
  const own = parseYamlFile(text, file).documents[0];
  const baseDoc = base ? parseYamlFile(base.text, base.file).documents[0] : undefined;
  const values = deepMerge(baseDoc?.data ?? {}, own?.data ?? {}) as Record<string, unknown>;
  return {
    file,
    values: values && typeof values === 'object' ? values : {},
    locate: (path: FieldPath): SourceLocation | undefined => own?.locate(path) ?? baseDoc?.locate(path),
  };
}

export function runRuleOn(rule: Rule, c: RuleCase): Finding[] {
  const path = c.path ?? 'manifests/test.yaml';
  const environment = c.environment ?? 'default';
  const files: Record<string, string> = { ...(c.files ?? {}), [path]: c.yaml };
  const unitRoot = c.unit?.root ?? path;
  let values: ValuesView | undefined;
  if (c.values !== undefined) {
    const dir = c.unit?.kind === 'helm' ? `${unitRoot}/` : '';
    const valuesPath = c.valuesPath ?? `${dir}${environment === 'default' ? 'values.yaml' : `values-${environment}.yaml`}`;
    files[valuesPath] = c.values;
    let base: { text: string; file: string } | undefined;
    if (c.baseValues !== undefined) {
      base = { text: c.baseValues, file: `${dir}values.yaml` };
      files[base.file] = c.baseValues;
    }
    values = valuesViewFromYaml(c.values, valuesPath, base);
  }
  const snapshot = MemorySnapshot.from('test', files);
  const config = c.config ? resolveConfig(c.config) : structuredClone(DEFAULT_CONFIG);
  const unit: Unit = { id: path, kind: 'manifest', root: path, environments: [environment], ...c.unit };
  const own = manifestObjects(c.yaml, path, unit.id, environment);
  const others = Object.entries(c.files ?? {})
    .filter(([p]) => /\.ya?ml$/.test(p))
    .flatMap(([p, text]) => manifestObjects(text, p, p, environment).objects);
  const render: RenderResult = { unit, environment, objects: own.objects, errors: own.errors, values };
  return runRules({ rules: [rule], render, index: buildIndex([...own.objects, ...others]), snapshot, config });
}

/** Runs one rule over a chart rendered by the real helm: `files` is the chart (Chart.yaml, values*.yaml, templates/…) at `root`. */
export async function runRuleOnChart(rule: Rule, files: Record<string, string>, opts: { environment?: string; root?: string; config?: Partial<ResolvedConfig> | Record<string, unknown> } = {}): Promise<Finding[]> {
  const root = opts.root ?? 'charts/app';
  const environment = opts.environment ?? 'default';
  const snapshot = MemorySnapshot.from('test', Object.fromEntries(Object.entries(files).map(([p, text]) => [`${root}/${p}`, text])));
  const config = opts.config ? resolveConfig(opts.config) : structuredClone(DEFAULT_CONFIG);
  const unit: Unit = { id: root, kind: 'helm', root, environments: [environment] };
  const render = await renderHelm(unit, environment, snapshot, config);
  if (render.errors.length) throw new Error(`render failed: ${render.errors.map((e) => `${e.path}:${e.line} ${e.message}`).join('; ')}`);
  return runRules({ rules: [rule], render, index: buildIndex(render.objects), snapshot, config });
}
