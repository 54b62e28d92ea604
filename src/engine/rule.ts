// The contract every rule implements (ESLint-style: meta + check).
import type {
  FieldPath, Fix, RenderedObject, Severity, Snapshot, SourceLocation, Unit, ValuesView,
} from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';

export interface RuleMeta {
  /** kebab-case, stable forever: it is part of every fingerprint and suppression comment. */
  id: string;
  title: string;
  severity: Severity;
  /** Spec items enforced: GAP-1…GAP-10, REQ-426…REQ-435, PSS:<checkID>, KL:<kube-linter check>, KS:<kube-score check>. */
  refs: string[];
  rationale: string;
  remediation: string;
  docs?: string;
  category: 'pod-security' | 'secrets' | 'network' | 'reliability' | 'supply-chain' | 'rbac' | 'namespace' | 'hygiene' | 'helm' | 'render';
  /** True when the rule can produce a Fix. */
  fixable?: boolean;
}

/** What a rule reports; the engine turns it into a Finding with a location and a fingerprint. */
export interface Report {
  /** The object the finding is about (gives identity for the fingerprint and the default location). */
  target?: RenderedObject;
  /** Field inside `target` (or inside the values when `location` comes from values). */
  path?: FieldPath;
  message: string;
  /** Overrides meta.severity for this occurrence (e.g. GAP-6 error in prod, warning elsewhere). */
  severity?: Severity;
  /** Overrides the location computed from target+path (e.g. a values-file key, a template line). */
  location?: SourceLocation;
  fix?: Fix;
  /** Extra identity for the fingerprint when one object yields several findings of one rule. */
  key?: string;
  /**
   * The field the fingerprint keys on, when `path` only points at where the finding shows (e.g. the
   * first offending field of a finding about a whole pod): a partial fix must not change it.
   */
  identityPath?: FieldPath;
  /**
   * The object the fingerprint keys on, when `target` only says where the finding shows (e.g. a
   * finding about a namespace shown at its first workload, which another workload may precede).
   */
  identityObject?: { kind: string; namespace?: string; name: string };
}

/** Everything known about the repo at head, for cross-object rules (namespaces, PDBs, secrets...). */
export interface ObjectIndex {
  all: RenderedObject[];
  byKind(kind: string): RenderedObject[];
  /** Namespace objects declared anywhere in the repo, by name. */
  namespace(name: string): RenderedObject | undefined;
}

export interface RuleContext {
  /** Objects of this render: one unit in one environment. */
  objects: RenderedObject[];
  /** Objects of every render and manifest known at this ref. */
  index: ObjectIndex;
  unit: Unit;
  environment: string;
  /** True when the environment is a production one (config.prodEnvironments). */
  isProd: boolean;
  /** Helm units: the effective values of this environment. */
  values?: ValuesView;
  snapshot: Snapshot;
  config: ResolvedConfig;
  /** Rule options from config (rules.<id>.options). */
  options: Record<string, unknown>;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
