// The shapes that flow through the pipeline, edge to edge:
// Snapshot → Unit → RenderedObject → Finding → Report.
// Everything here is plain data; no module in src/core does I/O.

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Path to a field inside a Kubernetes object or a values file: ['spec', 'template', 'spec', 'containers', 0, 'image']. */
export type FieldPath = (string | number)[];

/**
 * Characters `start` (inclusive) to `end` (exclusive) of a field's string value: the part a finding
 * is about, such as the tag of `registry/app:1.2`.
 */
export interface ValuePart {
  start: number;
  end: number;
}

/** A place in a repository file. `path` is relative to the repo root, lines are 1-based. */
export interface SourceLocation {
  path: string;
  line: number;
  endLine?: number;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** A mechanical fix: replace lines startLine..endLine (inclusive) of `path` with `replacement` (full text of the new lines, no trailing newline). */
export interface Fix {
  path: string;
  startLine: number;
  endLine: number;
  replacement: string;
  description?: string;
}

/** The JSON contract of DESIGN.md, plus a few fields used by the delta and the reports. */
export interface Finding {
  ruleId: string;
  refs: string[];
  severity: Severity;
  message: string;
  path: string;
  line: number;
  endLine?: number;
  object?: ObjectRef;
  introduced?: boolean;
  fix?: Fix;
  /** Stable across line moves: rule, object identity, field path, environment. */
  fingerprint?: string;
  environment?: string;
  unit?: string;
  fieldPath?: string;
}

export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
};

export type UnitKind = 'helm' | 'kustomize' | 'manifest';

/**
 * What gets rendered as one piece. `root` is the chart folder, the overlay folder or the manifest
 * file, relative to the repo root. Helm units have one environment per `values*.yaml` beside
 * Chart.yaml (`values.yaml` → `default`, `values-prod.yaml` → `prod`); other units have one
 * environment, `default`.
 */
export interface Unit {
  id: string;
  kind: UnitKind;
  root: string;
  environments: string[];
}

/** A file of the repository a snapshot does not hold: over the size limits, or not text. */
export interface SkippedFile {
  path: string;
  reason: 'too-large' | 'over-budget' | 'binary';
  bytes: number;
}

/** Read-only view of a repository's files at one ref. Paths are repo-relative with '/' separators. */
export interface Snapshot {
  readonly ref: string;
  list(): string[];
  read(path: string): string | undefined;
  /** Files left out of list() because of their size or content (reported as findings, never silently ignored). */
  skipped?(): SkippedFile[];
  /**
   * Symlinks of the tree, repo-relative, with the target each stores. list() and read() never
   * follow them; src/workspace/symlinks.ts resolves one to a listed file, or says why it is refused.
   */
  links?(): ReadonlyMap<string, string>;
  /** Absolute directory holding the files on disk (materialised lazily for the renderers). */
  materialize(): Promise<string>;
}

export interface RenderedObject {
  object: KubeObject;
  ref: ObjectRef;
  unitId: string;
  environment: string;
  /** Where the object as a whole comes from (template file, manifest document start). */
  source: SourceLocation;
  /**
   * The line a human edits to change this field: the manifest line, the template line that
   * produced it, or the values-file key that fed that template line. Falls back to the nearest
   * located ancestor of the field, then to `source`. With `part`, a value made up of several values
   * keys (`{{ .Values.registry }}/app:{{ .Values.tag }}`) points at the key that supplies that part,
   * or at the template line when no single key does.
   */
  locate(path: FieldPath, part?: ValuePart): SourceLocation;
  /** Comment text written on or directly above the source line of the field (for justifications). */
  commentsAt(path: FieldPath): string[];
  /**
   * Helm renders: whether the template line that wrote the field makes up a value at render time
   * (randAlphaNum, genPrivateKey…, directly or in an included template). The value may still come
   * from the repository, as in `.Values.password | default (randAlphaNum 16)`.
   */
  generatedAtRender?(path: FieldPath): boolean;
}

/** A Helm chart's effective values for one environment, with the file lines that set them. */
export interface ValuesView {
  /** The environment's values file (e.g. charts/x/values-prod.yaml), or values.yaml for `default`. */
  file: string;
  values: Record<string, unknown>;
  /** Line of a values key: in the environment's file if set there, else in values.yaml. */
  locate(path: FieldPath): SourceLocation | undefined;
}

/** One render of one unit in one environment, or the error that stopped it. */
export interface RenderResult {
  unit: Unit;
  environment: string;
  objects: RenderedObject[];
  values?: ValuesView;
  errors: RenderError[];
}

export interface RenderError {
  message: string;
  path: string;
  line: number;
  /** e.g. 'render-error', 'path-escape', 'limit-exceeded' */
  ruleId?: string;
  /** Default high: the unit, or part of it, was not reviewed. */
  severity?: Severity;
  /** The render went on without what the message names (the finding does not say it failed). */
  partial?: boolean;
}

export function objectRefOf(obj: KubeObject): ObjectRef {
  const ref: ObjectRef = {
    apiVersion: String(obj.apiVersion ?? ''),
    kind: String(obj.kind ?? ''),
    name: String(obj.metadata?.name ?? ''),
  };
  if (obj.metadata?.namespace) ref.namespace = String(obj.metadata.namespace);
  return ref;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) >= severityRank(threshold);
}

/** The finding without its fix (a fix that would show a secret, or that another finding's fix covers). */
export function withoutFix(f: Finding): Finding {
  if (!f.fix) return f;
  const { fix: _left, ...rest } = f;
  return rest;
}
