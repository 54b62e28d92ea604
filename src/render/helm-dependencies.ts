// Chart.yaml dependencies that point outside the repository (`repository: file://../../..` or an
// absolute path). helm template never follows them — it renders only what is vendored in charts/ —
// but the chart is then not self-contained, and the finding says what was not loaded.
import type { RenderError } from '../core/types.js';
import { fileRepositoryDir } from '../workspace/chart-dependencies.js';
import { parseYamlFile, type ParseLimits } from './yaml-source.js';

export function escapingFileDependencies(chartYamlPath: string, text: string | undefined, chartDir: string, limits: ParseLimits): RenderError[] {
  if (text === undefined) return [];
  const doc = parseYamlFile(text, chartYamlPath, { maxAliasCount: limits.maxAliasCount, maxDocuments: 1 }).documents[0];
  const deps = (doc?.data as { dependencies?: unknown } | undefined)?.dependencies;
  if (!doc || !Array.isArray(deps)) return [];
  return deps.flatMap((dep, i): RenderError[] => {
    const repo = (dep as { repository?: unknown } | null)?.repository;
    if (typeof repo !== 'string' || !repo.startsWith('file://')) return [];
    if (fileRepositoryDir(chartDir, repo) !== undefined) return [];
    const line = doc.locate(['dependencies', i, 'repository'])?.line ?? 1;
    return [{ path: chartYamlPath, line, ruleId: 'path-escape', message: `dependency repository "${repo}" leads outside the repository: it is not loaded (only charts vendored in charts/ are rendered)` }];
  });
}
