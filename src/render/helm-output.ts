// Splits `helm template` output into one section per rendered document, keyed by its `# Source:` path.

export interface HelmSection {
  /** Path after `# Source: `, e.g. `app/templates/deployment.yaml` or `app/charts/sub/templates/x.yaml`. */
  source: string;
  /** The document text without the separator and the Source header. */
  text: string;
}

const SOURCE_HEADER = /^# Source: (.+?)\s*$/;

export function splitHelmOutput(stdout: string): HelmSection[] {
  const sections: HelmSection[] = [];
  let current: { source: string; lines: string[] } | undefined;
  const flush = (): void => {
    if (current && current.lines.some((l) => l.trim() !== '')) sections.push({ source: current.source, text: current.lines.join('\n') });
    current = undefined;
  };
  for (const line of stdout.split(/\r?\n/)) {
    if (line === '---' || line.startsWith('--- ')) {
      flush();
      continue;
    }
    const header = SOURCE_HEADER.exec(line);
    if (header && (!current || current.lines.every((l) => l.trim() === ''))) {
      current = { source: header[1], lines: [] };
      continue;
    }
    if (!current) current = { source: '', lines: [] };
    current.lines.push(line);
  }
  flush();
  return sections;
}

/** `app/charts/sub/templates/x.yaml` → `charts/sub/templates/x.yaml` (relative to the top chart's folder). */
export function sourceRelativeToChart(source: string): string {
  const slash = source.indexOf('/');
  return slash < 0 ? source : source.slice(slash + 1);
}
