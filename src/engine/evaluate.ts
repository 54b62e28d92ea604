// Renders units and runs the rules over them: Snapshot + Units → RenderResults + Findings.
import type { Finding, RenderResult, RenderedObject, Snapshot, Unit } from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';
import { renderUnit } from '../render/render-unit.js';
import { manifestObjects } from '../render/yaml-source.js';
import type { Discovery } from '../workspace/discover.js';
import type { ObjectIndex, Rule } from './rule.js';
import { buildIndex, fingerprintOf, runRules } from './run-rules.js';
import { maskSecretLines } from '../secrets/mask-lines.js';
import { renderWithStandIns } from './stand-ins.js';

export interface Evaluation {
  renders: RenderResult[];
  findings: Finding[];
  /** What suppressions (`gitops-guard:ignore`, the ignore annotation) hid. */
  suppressed: Finding[];
}

const RENDER_CONCURRENCY = 4;

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}

/** A render that failed (or partly failed) becomes findings at the file and line the tool named. */
export function renderErrorFindings(render: RenderResult): Finding[] {
  return render.errors.map((e) => {
    const ruleId = e.ruleId ?? 'render-error';
    return {
      ruleId,
      refs: [],
      severity: e.severity ?? 'high',
      // The tools quote the input they fail on: a line the secret scanner flags is masked.
      message: e.partial
        ? `${maskSecretLines(e.message, e.path)}${render.environment !== 'default' ? ` (environment ${render.environment})` : ''}`
        : `${render.unit.kind === 'helm' ? 'helm template' : render.unit.kind === 'kustomize' ? 'kustomize build' : 'parsing'} failed${render.environment !== 'default' ? ` for environment ${render.environment}` : ''}: ${maskSecretLines(e.message, e.path)}`,
      path: e.path,
      line: Math.max(1, e.line),
      unit: render.unit.id,
      environment: render.environment,
      fingerprint: fingerprintOf({ ruleId, path: e.path, environment: render.environment, key: e.message.replace(/\d+/g, '#') }),
    };
  });
}

export async function renderUnits(units: Unit[], snapshot: Snapshot, config: ResolvedConfig): Promise<RenderResult[]> {
  const jobs = units.flatMap((unit) => unit.environments.map((environment) => ({ unit, environment })));
  return mapLimit(jobs, RENDER_CONCURRENCY, async ({ unit, environment }) => {
    try {
      return await renderUnit(unit, environment, snapshot, config);
    } catch (e) {
      return { unit, environment, objects: [], errors: [{ message: `renderer crashed: ${(e as Error).message}`, path: unit.root, line: 1 }] };
    }
  });
}

/**
 * Objects every rule may look up (namespaces, PDBs, secrets, policies): the renders at hand plus
 * every plain manifest of the snapshot, parsed without rendering.
 */
export function contextObjects(renders: RenderResult[], discovery: Discovery, snapshot: Snapshot, config: ResolvedConfig): RenderedObject[] {
  const rendered = new Set(renders.map((r) => r.unit.id));
  const extra = discovery.units
    .filter((u) => u.kind === 'manifest' && !rendered.has(u.id))
    .flatMap((u) => manifestObjects(snapshot.read(u.root) ?? '', u.root, u.id, 'default', config.limits).objects);
  return [...renders.flatMap((r) => r.objects), ...extra];
}

/**
 * The index one render's rules look objects up in. A chart's other environments deploy to other
 * clusters: a PodDisruptionBudget or ResourceQuota rendered for dev does not protect prod, so a
 * multi-environment unit sees only its own environment's objects (plus everything else).
 */
export function indexForRender(render: RenderResult, shared: ObjectIndex): ObjectIndex {
  if (render.unit.environments.length <= 1) return shared;
  return buildIndex(shared.all.filter((o) => o.unitId !== render.unit.id || o.environment === render.environment));
}

export async function evaluate(units: Unit[], discovery: Discovery, snapshot: Snapshot, config: ResolvedConfig, rules: Rule[]): Promise<Evaluation> {
  const renders = await renderWithStandIns(units, discovery, (some) => renderUnits(some, snapshot, config));
  const index = buildIndex(contextObjects(renders, discovery, snapshot, config));
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const render of renders) {
    findings.push(...renderErrorFindings(render));
    findings.push(...runRules({ rules, render, index: indexForRender(render, index), snapshot, config, suppressed }));
  }
  return { renders, findings: dedupe(findings), suppressed: dedupe(suppressed) };
}

/** The same fingerprint reported twice (e.g. one template line feeding two environments' renders) is kept once per location. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.fingerprint}|${f.path}|${f.line}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
