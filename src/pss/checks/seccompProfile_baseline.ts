// If seccomp profiles are specified, only runtime default and localhost profiles are allowed.
// v1.0-v1.18: annotations seccomp.security.alpha.kubernetes.io/pod and
//   container.seccomp.security.alpha.kubernetes.io/<name>: 'runtime/default', 'docker/default', 'localhost/*', undefined.
// v1.19+: spec.securityContext.seccompProfile.type and every container's: RuntimeDefault, Localhost, undefined.
import type { FieldPath } from '../../core/types.js';
import { asString, containersOf, containersPhrase, isObject, joinQuote, pluralize, podSecurityContextOf, securityContextOf, sortedSet } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

export function validSeccompType(t: unknown): boolean {
  return t === 'Localhost' || t === 'RuntimeDefault';
}

function validSeccompAnnotationValue(v: string): boolean {
  return v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
}

function seccompProfileBaseline_1_0({ spec, metadata }: PodInput): CheckResult {
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  const forbidden = new Set<string>();
  const metadataPaths: FieldPath[] = [];
  const inspect = (key: string) => {
    if (!(key in annotations)) return;
    const val = asString(annotations[key]);
    if (validSeccompAnnotationValue(val)) return;
    forbidden.add(`${key}=${JSON.stringify(val)}`);
    metadataPaths.push(['annotations', key]);
  };
  inspect(SECCOMP_POD_ANNOTATION);
  for (const c of containersOf(spec)) inspect(SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name);
  if (forbidden.size === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', forbidden.size)} ${sortedSet(forbidden).join(', ')}`,
    fieldPaths: [],
    metadataPaths,
  };
}

function seccompProfileBaseline_1_19({ spec }: PodInput): CheckResult {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const paths: FieldPath[] = [];
  const podProfile = podSecurityContextOf(spec)?.seccompProfile;
  if (isObject(podProfile) && !validSeccompType(podProfile.type)) {
    badSetters.push('pod');
    badValues.push(asString(podProfile.type));
    paths.push(['securityContext', 'seccompProfile', 'type']);
  }
  const badContainers: string[] = [];
  for (const c of containersOf(spec)) {
    const profile = securityContextOf(c.container)?.seccompProfile;
    if (isObject(profile) && !validSeccompType(profile.type)) {
      badContainers.push(c.name);
      badValues.push(asString(profile.type));
      paths.push([...c.path, 'securityContext', 'seccompProfile', 'type']);
    }
  }
  if (badContainers.length > 0) badSetters.push(containersPhrase(badContainers));
  if (badSetters.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'seccompProfile',
    detail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
    fieldPaths: paths,
    remedies: paths.map((path) => ({ path, value: 'RuntimeDefault' })),
  };
}

export const seccompProfile_baseline: Check = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  description: 'allows only RuntimeDefault and Localhost seccomp profiles (annotations before 1.19, fields from 1.19)',
  versions: [
    { minimumVersion: 0, checkPod: seccompProfileBaseline_1_0 },
    { minimumVersion: 19, checkPod: seccompProfileBaseline_1_19 },
  ],
};
