// Shapes of the secret scanner: detectors, findings, options.
import type { Finding, Severity } from '../core/types.js';

/** A secret finding. Satisfies the Finding contract; never carries the secret itself. */
export interface SecretFinding extends Finding {
  /** Human name of the credential type, e.g. "GitHub personal access token". */
  kind: string;
  /** First characters of the value followed by "…" (see redact()). */
  preview: string;
}

/** One candidate produced by a detector before filtering, suppression and fingerprinting. */
export interface Candidate {
  ruleId: string;
  kind: string;
  severity: Severity;
  /** The secret value (kept in memory only, hashed for the fingerprint, never output). */
  value: string;
  line: number;
  endLine?: number;
  /** Key the value was assigned to, when known (password, DB_PASSWORD…), for fixes. */
  key?: string;
  /** How the value was written, when a mechanical fix applies. */
  fixHint?: 'env-value' | 'values-literal';
  /** Set when the candidate came out of a decoded `data:` entry of a Kubernetes Secret. */
  via?: string;
  /** Whole regex match around the value (allowlists with regexTarget = "match"). */
  match?: string;
}

/** Read-only view of the text being scanned, shared by all detectors. */
export interface ScanSource {
  text: string;
  path: string;
  /** Text of line n (1-based), without its line terminator. */
  line(n: number): string;
  lineCount: number;
  /** 0-based offset of the first character of line n. */
  lineStart(n: number): number;
  /** Line (1-based) holding offset. */
  lineOf(offset: number): number;
  /** What text.charCodeAt, indexOf, lastIndexOf and slice give, without needing all of the text (ASCII needles). */
  charCodeAt(offset: number): number;
  slice(start: number, end: number): string;
  indexOf(needle: string, from?: number): number;
  lastIndexOf(needle: string, from?: number): number;
}

/** A detector reacts to keyword hits on a line (prefilter) and yields candidates. */
export interface Detector {
  ruleId: string;
  kind: string;
  severity: Severity;
  /** Lower-case literals; the detector runs only on lines containing one. Empty: runs on every line. */
  keywords: string[];
  detect(src: ScanSource, line: number, emit: (c: Candidate) => void): void;
  /**
   * Set by detectors that report only values assigned to keys this verdict accepts, as the key
   * screen reads them (key-screen.ts): hits of keywords only such detectors use are screened
   * before they reach JavaScript.
   */
  keyScreen?: (key: string) => boolean;
  /** gitleaks rule ids that mean the same, so .gitleaksignore entries written for gitleaks apply. */
  gitleaksIds?: string[];
  /** Examples kept beside the pattern (gitleaks-style proof): lines it must flag and lines it must pass. */
  samples?: { flags: string[]; passes: string[] };
}

/** What describes a detector, apart from how it detects. */
export type DetectorMeta = Omit<Detector, 'detect'>;

/** The descriptive fields of a detector spec (specs carry more: patterns, predicates). */
export function detectorMeta(spec: DetectorMeta): DetectorMeta {
  return { ruleId: spec.ruleId, kind: spec.kind, severity: spec.severity, keywords: spec.keywords, gitleaksIds: spec.gitleaksIds, samples: spec.samples };
}

/** An allowlist in the gitleaks sense: matches suppress a finding. */
export interface SecretAllowlist {
  description?: string;
  paths: RegExp[];
  regexes: RegExp[];
  /** What `regexes` are tested against. */
  regexTarget: 'secret' | 'match' | 'line';
  stopwords: string[];
  /** OR (default): any criterion suppresses; AND: all given criteria must match. */
  condition?: 'OR' | 'AND';
  /** Restricts a global allowlist to these rule ids (empty: all rules). */
  ruleIds?: string[];
}

export interface ScanOptions {
  /** Head-side line numbers to report on (review mode); others are ignored. */
  lines?: Set<number>;
  /** Rules added on top of the built-ins (e.g. from .gitleaks.toml). */
  extraRules?: Detector[];
  allowlist?: SecretAllowlist[];
  /** Fingerprints / gitleaks-style `path:rule:line` entries to suppress (.gitleaksignore). */
  ignore?: Set<string>;
  /**
   * `gitops-guard:ignore` comments on these lines silence nothing: what they would hide is reported
   * with the note appended to its message (a review does this for the lines its change adds).
   */
  unheededIgnores?: { lines: Set<number>; note: string };
  /** Names used in fix suggestions ({service}-{environment}-credentials); derived from the path when absent. */
  service?: string;
  environment?: string;
}
