// A chart's environments are its values files: values.yaml → default, values-prod.yaml / values.prod.yaml → prod.

const VALUES_RE = /^values(?:[-.]([A-Za-z0-9_.-]+?))?\.ya?ml$/;

export interface HelmEnvironment {
  environment: string;
  /** File name of the environment's values file, beside Chart.yaml. */
  file: string;
}

export function helmEnvironments(valuesFileNames: string[]): HelmEnvironment[] {
  const out: HelmEnvironment[] = [];
  for (const name of [...valuesFileNames].sort()) {
    const m = VALUES_RE.exec(name);
    if (!m) continue;
    if (name === 'values.schema.json') continue;
    out.push({ environment: m[1] ?? 'default', file: name });
  }
  out.sort((a, b) => (a.environment === 'default' ? -1 : b.environment === 'default' ? 1 : a.environment.localeCompare(b.environment)));
  const seen = new Set<string>();
  return out.filter((e) => (seen.has(e.environment) ? false : (seen.add(e.environment), true)));
}

/** The values file of an environment in a chart folder listing. */
export function valuesFileFor(environment: string, valuesFileNames: string[]): string | undefined {
  return helmEnvironments(valuesFileNames).find((e) => e.environment === environment)?.file;
}
