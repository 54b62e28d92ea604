// Kubernetes API versions that were deprecated and removed, from the upstream deprecation guide
// (https://kubernetes.io/docs/reference/using-api/deprecation-guide/), up to v1.35.

export interface RemovedApi {
  groupVersion: string;
  /** Kinds concerned; undefined = every kind of the group version. */
  kinds?: string[];
  /** Minor version (1.N) from which the API server warns. */
  deprecatedIn: number;
  /** Minor version (1.N) that no longer serves it. */
  removedIn: number;
  replacement?: string;
  /** True when changing apiVersion alone yields a valid, equivalent object. */
  dropIn: boolean;
}

const WORKLOADS = ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'];

export const REMOVED_APIS: RemovedApi[] = [
  { groupVersion: 'extensions/v1beta1', kinds: WORKLOADS, deprecatedIn: 9, removedIn: 16, replacement: 'apps/v1', dropIn: false },
  { groupVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], deprecatedIn: 9, removedIn: 16, replacement: 'networking.k8s.io/v1', dropIn: false },
  { groupVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: 10, removedIn: 16, replacement: 'policy/v1beta1', dropIn: false },
  { groupVersion: 'extensions/v1beta1', kinds: ['Ingress'], deprecatedIn: 14, removedIn: 22, replacement: 'networking.k8s.io/v1', dropIn: false },
  { groupVersion: 'apps/v1beta1', deprecatedIn: 9, removedIn: 16, replacement: 'apps/v1', dropIn: false },
  { groupVersion: 'apps/v1beta2', deprecatedIn: 9, removedIn: 16, replacement: 'apps/v1', dropIn: false },
  { groupVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], deprecatedIn: 19, removedIn: 22, replacement: 'networking.k8s.io/v1', dropIn: false },
  { groupVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], deprecatedIn: 16, removedIn: 22, replacement: 'admissionregistration.k8s.io/v1', dropIn: false },
  { groupVersion: 'apiextensions.k8s.io/v1beta1', deprecatedIn: 16, removedIn: 22, replacement: 'apiextensions.k8s.io/v1', dropIn: false },
  { groupVersion: 'apiregistration.k8s.io/v1beta1', deprecatedIn: 19, removedIn: 22, replacement: 'apiregistration.k8s.io/v1', dropIn: true },
  { groupVersion: 'authentication.k8s.io/v1beta1', deprecatedIn: 19, removedIn: 22, replacement: 'authentication.k8s.io/v1', dropIn: true },
  { groupVersion: 'authorization.k8s.io/v1beta1', deprecatedIn: 19, removedIn: 22, replacement: 'authorization.k8s.io/v1', dropIn: true },
  { groupVersion: 'certificates.k8s.io/v1beta1', deprecatedIn: 19, removedIn: 22, replacement: 'certificates.k8s.io/v1', dropIn: false },
  { groupVersion: 'coordination.k8s.io/v1beta1', deprecatedIn: 19, removedIn: 22, replacement: 'coordination.k8s.io/v1', dropIn: true },
  { groupVersion: 'rbac.authorization.k8s.io/v1beta1', deprecatedIn: 17, removedIn: 22, replacement: 'rbac.authorization.k8s.io/v1', dropIn: true },
  { groupVersion: 'rbac.authorization.k8s.io/v1alpha1', deprecatedIn: 17, removedIn: 22, replacement: 'rbac.authorization.k8s.io/v1', dropIn: true },
  { groupVersion: 'scheduling.k8s.io/v1beta1', deprecatedIn: 14, removedIn: 22, replacement: 'scheduling.k8s.io/v1', dropIn: true },
  { groupVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], deprecatedIn: 19, removedIn: 22, replacement: 'storage.k8s.io/v1', dropIn: true },
  { groupVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: 21, removedIn: 25, replacement: 'batch/v1', dropIn: true },
  { groupVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], deprecatedIn: 21, removedIn: 25, replacement: 'discovery.k8s.io/v1', dropIn: false },
  { groupVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecatedIn: 19, removedIn: 25, replacement: 'events.k8s.io/v1', dropIn: false },
  { groupVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: 22, removedIn: 25, replacement: 'autoscaling/v2', dropIn: false },
  { groupVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], deprecatedIn: 21, removedIn: 25, replacement: 'policy/v1', dropIn: false },
  { groupVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: 21, removedIn: 25, dropIn: false },
  { groupVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], deprecatedIn: 20, removedIn: 25, replacement: 'node.k8s.io/v1', dropIn: true },
  { groupVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: 23, removedIn: 26, replacement: 'autoscaling/v2', dropIn: true },
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', deprecatedIn: 23, removedIn: 26, replacement: 'flowcontrol.apiserver.k8s.io/v1', dropIn: false },
  { groupVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: 24, removedIn: 27, replacement: 'storage.k8s.io/v1', dropIn: true },
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', deprecatedIn: 26, removedIn: 29, replacement: 'flowcontrol.apiserver.k8s.io/v1', dropIn: false },
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', deprecatedIn: 29, removedIn: 32, replacement: 'flowcontrol.apiserver.k8s.io/v1', dropIn: true },
];

export function removedApiFor(apiVersion: string, kind: string): RemovedApi | undefined {
  return REMOVED_APIS.find((a) => a.groupVersion === apiVersion && (!a.kinds || a.kinds.includes(kind)));
}

/** "1.35.0" / "v1.35" → 35; undefined for anything that is not a 1.x version. */
export function minorOf(version: string): number | undefined {
  const m = /^v?1\.(\d+)/.exec(version.trim());
  return m ? Number(m[1]) : undefined;
}
