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

export interface BoundRole {
  kind: string;
  name: string;
  rules: PolicyRule[];
}

const rule = (resources: string[], verbs: string[], index: number): PolicyRule => ({ apiGroups: [''], resources, verbs, resourceNames: [], index });

/**
 * The sensitive part of Kubernetes' built-in user-facing ClusterRoles, which no repository defines
 * (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles).
 */
const BUILT_IN_CLUSTER_ROLES: Record<string, PolicyRule[]> = {
  admin: [rule(['secrets'], ['get', 'list', 'watch', 'create', 'delete', 'deletecollection', 'patch', 'update'], 0), rule(['pods'], ['create', 'delete', 'deletecollection', 'patch', 'update'], 1)],
  edit: [rule(['secrets'], ['get', 'list', 'watch', 'create', 'delete', 'deletecollection', 'patch', 'update'], 0), rule(['pods'], ['create', 'delete', 'deletecollection', 'patch', 'update'], 1)],
};

/** The Role/ClusterRole a binding refers to: defined in the repository, or a built-in one. */
export function boundRole(binding: RenderedObject, all: RenderedObject[]): BoundRole | undefined {
  const ref = binding.object.roleRef as Json | undefined;
  if (!ref || typeof ref.name !== 'string') return undefined;
  const defined = ref.kind === 'ClusterRole'
    ? all.find((o) => o.ref.kind === 'ClusterRole' && o.ref.name === ref.name)
    : all.find((o) => o.ref.kind === 'Role' && o.ref.name === ref.name && namespaceOf(o) === namespaceOf(binding));
  if (defined) return { kind: defined.ref.kind, name: defined.ref.name, rules: policyRules(defined) };
  const builtIn = ref.kind === 'ClusterRole' ? BUILT_IN_CLUSTER_ROLES[ref.name] : undefined;
  return builtIn ? { kind: 'ClusterRole', name: `${ref.name} (built-in)`, rules: builtIn } : undefined;
}

export function subjectsText(binding: RenderedObject): string {
  const subjects = Array.isArray(binding.object.subjects) ? (binding.object.subjects as Json[]) : [];
  if (subjects.length === 0) return 'no subjects';
  return subjects.map((s) => `${String(s?.kind ?? '?')} ${s?.namespace ? `${String(s.namespace)}/` : ''}${String(s?.name ?? '?')}`).join(', ');
}
