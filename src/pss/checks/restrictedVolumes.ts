// In addition to restricting hostPath volumes, the restricted profile limits inline pod volume
// sources to configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim,
// projected and secret. Restricted fields: spec.volumes[*].<every other source>.
import type { FieldPath } from '../../core/types.js';
import { asArray, asString, isObject, joinQuote, pluralize, sortedSet } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';

const ALLOWED_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];

/** Forbidden sources in upstream's evaluation order (the first one present names the volume's type). */
const FORBIDDEN_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk',
  'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

const present = (v: Record<string, unknown>, key: string) => v[key] !== undefined && v[key] !== null;

function restrictedVolumes_1_0({ spec }: PodInput): CheckResult {
  const badVolumes: string[] = [];
  const badTypes: string[] = [];
  const paths: FieldPath[] = [];
  asArray(spec.volumes).forEach((v, i) => {
    if (!isObject(v)) return;
    if (ALLOWED_SOURCES.some((k) => present(v, k))) return;
    const type = FORBIDDEN_SOURCES.find((k) => present(v, k));
    // A volume without any source is defaulted to emptyDir by the API server before admission.
    if (type === undefined) return;
    badVolumes.push(asString(v.name));
    badTypes.push(type);
    paths.push(['volumes', i, type]);
  });
  if (badVolumes.length === 0) return ALLOWED;
  const types = sortedSet(badTypes);
  return {
    allowed: false,
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', badVolumes.length)} ${joinQuote(badVolumes)} ${pluralize('uses', 'use', badVolumes.length)} ${pluralize('restricted volume type', 'restricted volume types', types.length)} ${joinQuote(types)}`,
    fieldPaths: paths,
  };
}

export const restrictedVolumes: Check = {
  id: 'restrictedVolumes',
  level: 'restricted',
  description: 'limits usage of specific volume types in 1.0+',
  versions: [{ minimumVersion: 0, checkPod: restrictedVolumes_1_0, overrideCheckIds: ['hostPathVolumes'] }],
};
