// Prevent overriding or disabling the default AppArmor profile.
// Restricted fields: metadata.annotations['container.apparmor.security.beta.kubernetes.io/*']
//   (allowed: 'runtime/default', 'localhost/*', empty, undefined) and
//   spec.securityContext.appArmorProfile.type, {initContainers,containers,ephemeralContainers}[*].securityContext.appArmorProfile.type
//   (allowed: RuntimeDefault, Localhost, undefined).
import type { FieldPath } from '../../core/types.js';
import { asString, containersOf, containersPhrase, isObject, joinQuote, pluralize, podSecurityContextOf, securityContextOf, sortedSet } from '../helpers.js';
import { ALLOWED, type Check, type CheckResult, type PodInput } from '../types.js';

export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotationValue(v: string): boolean {
  return v.length === 0 || v === 'runtime/default' || v.startsWith('localhost/');
}

function allowedProfileType(t: string): boolean {
  return t === 'RuntimeDefault' || t === 'Localhost';
}

function appArmorProfile_1_0({ spec, metadata }: PodInput): CheckResult {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const paths: FieldPath[] = [];
  const metadataPaths: FieldPath[] = [];

  const podProfile = podSecurityContextOf(spec)?.appArmorProfile;
  if (isObject(podProfile) && !allowedProfileType(asString(podProfile.type))) {
    badSetters.push('pod');
    badValues.push(asString(podProfile.type));
    paths.push(['securityContext', 'appArmorProfile', 'type']);
  }
  const badContainers: string[] = [];
  for (const c of containersOf(spec)) {
    const profile = securityContextOf(c.container)?.appArmorProfile;
    if (isObject(profile) && !allowedProfileType(asString(profile.type))) {
      badContainers.push(c.name);
      badValues.push(asString(profile.type));
      paths.push([...c.path, 'securityContext', 'appArmorProfile', 'type']);
    }
  }
  if (badContainers.length > 0) badSetters.push(containersPhrase(badContainers));

  const values = sortedSet(badValues);
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  const forbiddenAnnotations: string[] = [];
  for (const [k, v] of Object.entries(annotations)) {
    if (k.startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowedAnnotationValue(asString(v))) {
      forbiddenAnnotations.push(`${k}=${JSON.stringify(asString(v))}`);
      metadataPaths.push(['annotations', k]);
    }
  }
  if (forbiddenAnnotations.length > 0) {
    forbiddenAnnotations.sort();
    values.push(...forbiddenAnnotations);
    badSetters.push(pluralize('annotation', 'annotations', forbiddenAnnotations.length));
  }
  if (badSetters.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    detail: `${badSetters.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
    fieldPaths: paths,
    metadataPaths,
  };
}

export const appArmorProfile: Check = {
  id: 'appArmorProfile',
  level: 'baseline',
  description: 'limits the value of AppArmor profiles in 1.0+',
  versions: [{ minimumVersion: 0, checkPod: appArmorProfile_1_0 }],
};
