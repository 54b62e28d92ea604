// GAP-4: a chart template hardcodes a securityContext block although the chart defines a helper
// for it; the fix swaps the block for `{{- include "<helper>" . | nindent N }}`.
import { parse } from 'yaml';
import type { RenderedObject, SourceLocation } from '../../src/core/types.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { readLines, replaceLinesFix } from '../../src/engine/fixes.js';
import { occurrenceKeys } from '../../src/engine/occurrence-keys.js';
import { containersOf, podSpecOf } from '../../src/k8s/workloads.js';
import { yamlDepthExcess } from '../../src/workspace/yaml-depth.js';

type Context = 'container' | 'initContainer' | 'pod';

export interface HelperDef {
  name: string;
  /** `.Values.x.y` the helper renders with toYaml, when it does. */
  valuesPath?: string[];
}

/** `define "name"` blocks of every template file of the chart. */
export function chartHelpers(files: { path: string; text: string }[]): HelperDef[] {
  const out: HelperDef[] = [];
  for (const f of files) {
    const re = /\{\{-?\s*define\s+"([^"]+)"\s*-?\}\}([\s\S]*?)\{\{-?\s*end\s*-?\}\}/g;
    for (const m of f.text.matchAll(re)) {
      const v = /toYaml\s+\.Values\.([\w.]+)/.exec(m[2]);
      out.push({ name: m[1], valuesPath: v ? v[1].split('.') : undefined });
    }
  }
  return out;
}

export function pickHelper(helpers: HelperDef[], context: Context): HelperDef | undefined {
  const lower = (h: HelperDef) => h.name.toLowerCase();
  if (context === 'initContainer') return helpers.find((h) => /initcontainer-?securitycontext$/.test(lower(h)));
  if (context === 'pod') return helpers.find((h) => /pod-?securitycontext$/.test(lower(h)));
  return helpers.find((h) => /(^|\.)containersecuritycontext$/.test(lower(h))) ?? helpers.find((h) => /container-?securitycontext$/.test(lower(h)) && !/init/.test(lower(h)));
}

const indentOf = (l: string) => /^ */.exec(l)![0].length;
const isContent = (l: string | undefined) => l !== undefined && l.trim() !== '' && !l.trim().startsWith('#');

export interface HardcodedBlock {
  keyLine: number;
  firstLine: number;
  lastLine: number;
  childIndent: number;
  context: Context;
  containerName?: string;
  text: string;
}

/** Hardcoded (template-free) securityContext blocks of one template file. */
export function hardcodedBlocks(lines: string[]): HardcodedBlock[] {
  const out: HardcodedBlock[] = [];
  lines.forEach((line, i) => {
    const m = /^(\s*)securityContext:\s*(#.*)?$/.exec(line);
    if (!m) return;
    const keyIndent = m[1].length;
    let last = i;
    for (let j = i + 1; j < lines.length; j++) {
      if (!isContent(lines[j])) continue;
      if (indentOf(lines[j]) <= keyIndent) break;
      last = j;
    }
    if (last === i) return;
    const block = lines.slice(i + 1, last + 1);
    if (block.some((l) => /\{\{|\}\}/.test(l))) return;
    // Parent: nearest content line above with less indentation.
    let p = i - 1;
    while (p >= 0 && (!isContent(lines[p]) || indentOf(lines[p]) >= keyIndent)) p--;
    if (p < 0) return;
    let context: Context;
    let containerName: string | undefined;
    const item = /^(\s*)-\s+/.exec(lines[p]);
    if (item) {
      let q = p - 1;
      while (q >= 0 && (!isContent(lines[q]) || indentOf(lines[q]) >= item[1].length)) q--;
      const listKey = q >= 0 ? /^\s*(\w+):/.exec(lines[q])?.[1] : undefined;
      if (listKey === 'initContainers') context = 'initContainer';
      else if (listKey === 'containers') context = 'container';
      else return;
      for (let k = p; k <= last && k < i; k++) {
        const n = /^\s*(?:-\s+)?name:\s*["']?([^"'\s#]+)/.exec(lines[k]);
        if (n && (k === p || indentOf(lines[k]) === keyIndent)) { containerName = n[1]; break; }
      }
    } else if (/^\s*spec:\s*(#.*)?$/.test(lines[p])) {
      context = 'pod';
    } else {
      return;
    }
    const firstChild = block.find(isContent)!;
    out.push({ keyLine: i + 1, firstLine: i + 2, lastLine: last + 1, childIndent: indentOf(firstChild), context, containerName, text: block.join('\n') });
  });
  return out;
}

function describeDifference(hardcoded: unknown, helperValues: unknown): string {
  if (!hardcoded || typeof hardcoded !== 'object' || !helperValues || typeof helperValues !== 'object') return '';
  const a = hardcoded as Record<string, unknown>;
  const b = helperValues as Record<string, unknown>;
  const onlyHelper = Object.keys(b).filter((k) => !(k in a));
  const differs = Object.keys(a).filter((k) => k in b && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  const onlyHere = Object.keys(a).filter((k) => !(k in b));
  const parts = [
    onlyHelper.length ? `the helper also sets ${onlyHelper.join(', ')}` : '',
    differs.length ? `values differ for ${differs.join(', ')}` : '',
    onlyHere.length ? `${onlyHere.join(', ')} would move to the helper's values` : '',
  ].filter(Boolean);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

export default defineRule({
  meta: {
    id: 'helm-hardcoded-security-context',
    title: 'Helm template hardcodes a securityContext the chart has a helper for',
    severity: 'medium',
    refs: ['GAP-4'],
    category: 'helm',
    rationale: 'When one template copies the security context instead of including the chart\'s helper, a hardening change made once in the helper (or its values) silently skips that workload, and the copies drift apart (e.g. readOnlyRootFilesystem missing on one StatefulSet).',
    remediation: 'Replace the hardcoded block with `{{- include "<chart>.containerSecurityContext" . | nindent N }}` (or the pod/init-container helper); move any deliberate difference into a dedicated helper or the helper\'s values.',
    docs: 'https://helm.sh/docs/chart_template_guide/named_templates/',
    fixable: true,
  },
  check(ctx: RuleContext) {
    if (ctx.unit.kind !== 'helm') return;
    // Template text does not vary by environment: review it once per chart.
    const first = ctx.unit.environments.includes('default') ? 'default' : ctx.unit.environments[0];
    if (ctx.environment !== first) return;
    const prefix = `${ctx.unit.root.replace(/\/$/, '')}/templates/`;
    const files = ctx.snapshot.list().filter((p) => p.startsWith(prefix)).map((path) => ({ path, text: ctx.snapshot.read(path) ?? '' }));
    const helpers = chartHelpers(files);
    if (helpers.length === 0) return;
    for (const f of files) {
      if (!/\.ya?ml$/.test(f.path)) continue;
      const file = readLines(ctx.snapshot, f.path);
      if (!file) continue;
      const keyOf = occurrenceKeys();
      for (const b of hardcodedBlocks(file.lines)) {
        // Never the line: a label added above must not make the finding new.
        const key = keyOf(`${f.path}:${b.context}:${b.containerName ?? ''}`);
        const helper = pickHelper(helpers, b.context);
        if (!helper) continue;
        let parsed: unknown;
        const block = b.text.split('\n').map((l) => l.slice(Math.min(b.childIndent, indentOf(l)))).join('\n');
        try { parsed = yamlDepthExcess(block) ? undefined : parse(block); } catch { parsed = undefined; }
        const helperValues = helper.valuesPath && ctx.values ? helper.valuesPath.reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], ctx.values.values) : undefined;
        const { target, path } = findTarget(ctx.objects, f.path, b);
        const location: SourceLocation = { path: f.path, line: b.keyLine, endLine: b.lastLine };
        const what = b.context === 'pod' ? 'pod securityContext' : `securityContext of ${b.context === 'initContainer' ? 'init container' : 'container'}${b.containerName ? ` "${b.containerName}"` : ''}`;
        ctx.report({
          target, path, location, key,
          message: `${f.path} hardcodes the ${what} although the chart defines "${helper.name}"; include the helper${describeDifference(parsed, helperValues)}`,
          fix: replaceLinesFix(ctx.snapshot, f.path, b.firstLine, b.lastLine, `${' '.repeat(b.childIndent)}{{- include "${helper.name}" . | nindent ${b.childIndent} }}`, { description: `Use the ${helper.name} helper` }),
        });
      }
    }
  },
});

/** The rendered object and field the block belongs to, so the finding carries object identity. */
function findTarget(objects: RenderedObject[], file: string, b: HardcodedBlock): { target?: RenderedObject; path?: (string | number)[] } {
  for (const o of objects) {
    if (o.source.path !== file) continue;
    const pod = podSpecOf(o.object);
    if (!pod) continue;
    if (b.context === 'pod') return { target: o, path: [...pod.path, 'securityContext'] };
    const c = containersOf(pod, [b.context === 'initContainer' ? 'initContainers' : 'containers']).find((x) => x.container.name === b.containerName);
    if (c) return { target: o, path: [...c.path, 'securityContext'] };
  }
  return {};
}
