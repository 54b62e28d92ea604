// The config's shape, its defaults and where it lives: light on purpose (no YAML parser, no
// schema validator), so a command that finds no config file never loads them.
import type { Severity } from '../core/types.js';

export interface CustomRuleSpec {
  id: string;
  title?: string;
  message: string;
  severity: Severity;
  refs?: string[];
  kinds?: string[];
  match: Record<string, unknown>;
}

export type RuleSetting = 'off' | Severity | { enabled?: boolean; severity?: Severity; options?: Record<string, unknown> };

export interface Limits {
  renderTimeoutMs: number;
  maxRenderOutputBytes: number;
  maxRenderMemoryBytes: number;
  maxFileBytes: number;
  maxDocuments: number;
  maxAliasCount: number;
}

export interface ResolvedConfig {
  failOn: Severity | 'never';
  kubeVersion: string;
  prodEnvironments: string[];
  ignorePaths: string[];
  namespaces: { platform: string[]; jobs: string[] };
  rules: Record<string, RuleSetting>;
  customRules: CustomRuleSpec[];
  review: {
    event: 'COMMENT' | 'REQUEST_CHANGES';
    maxComments: number;
    drafts: boolean;
    onlyIntroduced: boolean;
    /**
     * What a review does with a suppression (`gitops-guard:ignore`, the ignore annotation, a
     * .gitleaksignore entry) that the change itself adds: `report` keeps the findings it would hide
     * (with a note) until the suppression is merged, `honor` applies it at once.
     */
    newSuppressions: 'report' | 'honor';
  };
  limits: Limits;
}

export const DEFAULT_CONFIG: ResolvedConfig = {
  failOn: 'high',
  kubeVersion: '1.35.0',
  prodEnvironments: ['prod', 'production'],
  ignorePaths: [],
  namespaces: { platform: ['floe-platform'], jobs: ['floe-jobs', '*-jobs'] },
  rules: {},
  customRules: [],
  review: { event: 'COMMENT', maxComments: 30, drafts: true, onlyIntroduced: true, newSuppressions: 'report' },
  limits: {
    renderTimeoutMs: 30_000,
    maxRenderOutputBytes: 32 * 1024 * 1024,
    maxRenderMemoryBytes: 1024 * 1024 * 1024,
    maxFileBytes: 5 * 1024 * 1024,
    maxDocuments: 5_000,
    maxAliasCount: 100,
  },
};

export const CONFIG_PATHS = ['.gitops-guard.yml', '.gitops-guard.yaml', '.github/gitops-guard.yml', '.github/gitops-guard.yaml'];

/** The first config file a reader holds, in CONFIG_PATHS order. */
export function findConfigFile(read: (path: string) => string | undefined): { path: string; text: string } | undefined {
  for (const path of CONFIG_PATHS) {
    const text = read(path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}
