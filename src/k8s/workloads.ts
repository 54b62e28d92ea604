// Where the pod spec lives in each workload kind, and the containers inside it, with field paths.
import type { FieldPath, KubeObject } from '../core/types.js';

export type Json = Record<string, any>;

const POD_SPEC_PATHS: Record<string, FieldPath> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  DeploymentConfig: ['spec', 'template', 'spec'],
  // Argo Rollouts (a Rollout with workloadRef instead of a template has no pod spec of its own) and a bare PodTemplate.
  Rollout: ['spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

export const WORKLOAD_KINDS = Object.keys(POD_SPEC_PATHS);

export function getIn(obj: unknown, path: FieldPath): any {
  let cur: any = obj;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[seg as any];
  }
  return cur;
}

export interface PodSpecRef {
  spec: Json;
  path: FieldPath;
  /** Pod template metadata (labels/annotations), or the Pod's own metadata. */
  metadata: Json;
  metadataPath: FieldPath;
}

export function podSpecOf(obj: KubeObject): PodSpecRef | undefined {
  const path = POD_SPEC_PATHS[String(obj.kind)];
  if (!path) return undefined;
  const spec = getIn(obj, path);
  if (!spec || typeof spec !== 'object') return undefined;
  const metadataPath = [...path.slice(0, -1), 'metadata'];
  return { spec, path, metadata: getIn(obj, metadataPath) ?? {}, metadataPath };
}

export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  container: Json;
  kind: ContainerKind;
  index: number;
  path: FieldPath;
}

export function containersOf(pod: PodSpecRef, kinds: ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers']): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const kind of kinds) {
    const list = pod.spec[kind];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (container && typeof container === 'object') out.push({ container, kind, index, path: [...pod.path, kind, index] });
    });
  }
  return out;
}

/** Replicas the workload asks for (Deployment-like kinds default to 1; DaemonSet counts as many). */
export function replicasOf(obj: KubeObject): number | undefined {
  const kind = String(obj.kind);
  if (['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig'].includes(kind)) {
    const r = getIn(obj, ['spec', 'replicas']);
    return typeof r === 'number' ? r : 1;
  }
  return undefined;
}

/** Does a label selector (matchLabels/matchExpressions or a plain map) select these labels? */
export function selectorMatches(selector: Json | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || typeof selector !== 'object') return false;
  const l = labels ?? {};
  const hasStructured = 'matchLabels' in selector || 'matchExpressions' in selector;
  const matchLabels: Json = hasStructured ? (selector.matchLabels ?? {}) : selector;
  for (const [k, v] of Object.entries(matchLabels)) if (l[k] !== String(v)) return false;
  for (const expr of (hasStructured ? selector.matchExpressions ?? [] : []) as Json[]) {
    const val = l[expr.key];
    const values: string[] = (expr.values ?? []).map(String);
    switch (expr.operator) {
      case 'In': if (val === undefined || !values.includes(val)) return false; break;
      case 'NotIn': if (val !== undefined && values.includes(val)) return false; break;
      case 'Exists': if (val === undefined) return false; break;
      case 'DoesNotExist': if (val !== undefined) return false; break;
      default: return false;
    }
  }
  return true;
}
