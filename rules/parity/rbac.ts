// RBAC helpers: the rules a Role/ClusterRole grants and the role a binding points at.
import type { RenderedObject } from '../../src/core/types.js';
import type { Json } from '../../src/k8s/workloads.js';
import { namespaceOf } from './support.js';

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  /** Restricts the rule to these object names (empty: every object). */
  resourceNames: string[];
  index: number;
}

export function policyRules(role: RenderedObject): PolicyRule[] {
  const rules = Array.isArray(role.object.rules) ? (role.object.rules as Json[]) : [];
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return rules.map((r, index) => ({ apiGroups: list(r?.apiGroups), resources: list(r?.resources), verbs: list(r?.verbs), resourceNames: list(r?.resourceNames), index }));
}

export const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

/** The Role/ClusterRole a binding refers to, when the repository defines it. */
export function boundRole(binding: RenderedObject, all: RenderedObject[]): RenderedObject | undefined {
  const ref = binding.object.roleRef as Json | undefined;
  if (!ref || typeof ref.name !== 'string') return undefined;
  if (ref.kind === 'ClusterRole') return all.find((o) => o.ref.kind === 'ClusterRole' && o.ref.name === ref.name);
  return all.find((o) => o.ref.kind === 'Role' && o.ref.name === ref.name && namespaceOf(o) === namespaceOf(binding));
}

export function subjectsText(binding: RenderedObject): string {
  const subjects = Array.isArray(binding.object.subjects) ? (binding.object.subjects as Json[]) : [];
  if (subjects.length === 0) return 'no subjects';
  return subjects.map((s) => `${String(s?.kind ?? '?')} ${s?.namespace ? `${String(s.namespace)}/` : ''}${String(s?.name ?? '?')}`).join(', ');
}
