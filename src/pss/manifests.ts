// Evaluates every pod-bearing object of a YAML manifest text: one result per object, with the
// object's line and the line of each violation's first offending field.
import { manifestObjects } from '../render/yaml-source.js';
import type { RenderError } from '../core/types.js';
import { evaluateWorkload } from './evaluate.js';
import type { PssLevel } from './types.js';

export interface ManifestViolation {
  check: string;
  message: string;
  line: number;
}

export interface ManifestResult {
  path: string;
  line: number;
  object: { kind: string; name: string; namespace?: string };
  allowed: boolean;
  violations: ManifestViolation[];
}

export interface ManifestEvaluation {
  results: ManifestResult[];
  /** YAML that could not be parsed, with file and line. */
  errors: RenderError[];
}

export function evaluateManifest(text: string, path: string, level: PssLevel, version: string): ManifestEvaluation {
  const { objects, errors } = manifestObjects(text, path, path);
  const results: ManifestResult[] = [];
  for (const o of objects) {
    const evaluation = evaluateWorkload(o.object, level, version);
    if (!evaluation) continue;
    const object: ManifestResult['object'] = { kind: o.ref.kind, name: o.ref.name };
    if (o.ref.namespace) object.namespace = o.ref.namespace;
    results.push({
      path,
      line: o.source.line,
      object,
      allowed: evaluation.allowed,
      violations: evaluation.violations.map((v) => ({
        check: v.check,
        message: v.message,
        line: o.locate(v.objectPaths[0] ?? evaluation.pod.path).line,
      })),
    });
  }
  return { results, errors };
}
