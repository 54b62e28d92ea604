// Turns `helm template` stderr into RenderErrors that name the repo file and line helm points at.
import type { RenderError } from '../core/types.js';
import { sourceRelativeToChart } from './helm-output.js';

export interface HelmErrorContext {
  /** Chart folder, repo-relative. */
  chartDir: string;
  /** Reads a repo-relative file (for clamping lines and finding dependency entries). */
  read(path: string): string | undefined;
  /** The line of a values key in the environment's file or values.yaml. */
  locateValue?(path: string[]): { path: string; line: number } | undefined;
  /** The top chart's name, as helm prints it in schema errors. */
  chartName?: string;
}

function joinPath(dir: string, rel: string): string {
  return dir ? `${dir}/${rel}` : rel;
}

function lineCount(text: string | undefined): number {
  return text === undefined ? 1 : Math.max(1, text.split(/\r?\n/).length);
}

/** The one-line reason: helm's message without the `Error:` prefix and the --debug hint. */
export function helmMessage(stderr: string): string {
  const text = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^Use --debug flag/.test(l) && !/^(WARNING|walk\.go|level=)/.test(l))
    .join(' ')
    .replace(/^Error:\s*/, '');
  return text.length > 600 ? `${text.slice(0, 600)}…` : text || 'helm template failed';
}

/** The line of `- name: <name>` (or `alias: <name>`) among Chart.yaml's dependencies. */
export function dependencyLine(chartYaml: string | undefined, name: string): number | undefined {
  const entry = new RegExp(`^\\s*-?\\s*(?:name|alias):\\s*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*$`);
  const idx = (chartYaml ?? '').split(/\r?\n/).findIndex((l) => entry.test(l));
  return idx < 0 ? undefined : idx + 1;
}

/**
 * `values don't meet the specifications of the schema(s)`: the first `at '/a/b'` pointer helm lists,
 * under a section per chart (a subchart's values sit under its name), as a values key line.
 */
function schemaErrorAt(stderr: string, ctx: HelmErrorContext): { path: string; line: number } | undefined {
  if (!ctx.locateValue || !/values don't meet the specifications of the schema/.test(stderr)) return undefined;
  let section: string[] = [];
  for (const line of stderr.split(/\r?\n/)) {
    const chart = /^([A-Za-z0-9_.-]+):\s*$/.exec(line);
    if (chart) section = chart[1] === ctx.chartName ? [] : [chart[1]];
    const at = /^\s*- at '([^']*)'/.exec(line);
    if (!at) continue;
    const pointer = at[1].split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    for (let n = pointer.length; n >= 0; n--) {
      if (section.length + n === 0) break;
      const loc = ctx.locateValue([...section, ...pointer.slice(0, n)]);
      if (loc) return loc;
    }
  }
  return undefined;
}

export function helmErrors(stderr: string, ctx: HelmErrorContext): RenderError[] {
  const message = helmMessage(stderr);
  const chartYaml = joinPath(ctx.chartDir, 'Chart.yaml');
  const at = (path: string, line: number): RenderError[] => [{ message, path, line: Math.max(1, Math.min(line, lineCount(ctx.read(path)))), ruleId: 'render-error' }];

  const yamlOn = /YAML parse error on ([^\s:]+):.*?\bline (\d+)/.exec(stderr);
  if (yamlOn) return at(joinPath(ctx.chartDir, sourceRelativeToChart(yamlOn[1])), Number(yamlOn[2]));

  const template = /(?:^|[\s(<])([A-Za-z0-9_.-]+\/(?:[^\s:()<>"]+\/)*[^\s:()<>"]+\.(?:ya?ml|tpl|txt|json)):(\d+)/m.exec(stderr);
  if (template) return at(joinPath(ctx.chartDir, sourceRelativeToChart(template[1])), Number(template[2]));

  // `failed to parse values-prod.yaml` (a -f file), `cannot load values.yaml` / `cannot load Chart.yaml` (the chart's own)
  const values = /(?:failed to parse|cannot load) ([^\s:]+):.*?\bline (\d+)/.exec(stderr);
  if (values) return at(joinPath(ctx.chartDir, values[1].replace(/^\.\//, '')), Number(values[2]));

  const schema = schemaErrorAt(stderr, ctx);
  if (schema) return at(schema.path, schema.line);

  const missing = /missing in charts\/ directory: ([^\s]+(?:, [^\s]+)*)/.exec(stderr);
  if (missing) {
    return at(chartYaml, dependencyLine(ctx.read(chartYaml), missing[1].split(',')[0].trim()) ?? 1);
  }

  return at(chartYaml, 1);
}
