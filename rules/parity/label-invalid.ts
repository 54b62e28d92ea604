// kube-score label-values: label keys and values (of labels and selectors) the API server rejects (the sync fails on apply;
// neither helm template nor kubectl kustomize checks them).
import type { FieldPath, RenderedObject } from '../../src/core/types.js';
import { defineRule } from '../../src/engine/rule.js';
import { getIn, podSpecOf } from '../../src/k8s/workloads.js';
import { objectLabel } from './support.js';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why a label key is invalid (`[prefix/]name`), or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return 'has a prefix that is not a lower-case DNS subdomain of at most 253 characters';
  if (name.length === 0 || name.length > 63) return 'must have a name part of 1 to 63 characters';
  if (!NAME.test(name)) return 'must start and end with a letter or digit and contain only letters, digits, "-", "_" and "."';
  return undefined;
}

/** Why a label value is invalid, or undefined (the empty value is valid). */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be at most 63 characters';
  if (value !== '' && !NAME.test(value)) return 'must start and end with a letter or digit and contain only letters, digits, "-", "_" and "."';
  return undefined;
}

/** Invalid keys and values can be arbitrarily long; messages quote at most 80 characters. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** What to call a label of the map at `path` in a message: the object's own, its pod template's, or its selector's. */
function mapName(path: FieldPath): string {
  if (path[path.length - 1] !== 'labels') return 'selector label';
  return path.length > 2 ? 'pod template label' : 'label';
}

/** The object's labels, its pod template's labels, and the label maps of its selector. */
function labelMaps(o: RenderedObject): { path: FieldPath; labels: unknown }[] {
  const out = [{ path: ['metadata', 'labels'] as FieldPath, labels: o.object.metadata?.labels }];
  const pod = podSpecOf(o.object);
  if (pod && o.ref.kind !== 'Pod') out.push({ path: [...pod.metadataPath, 'labels'], labels: pod.metadata?.labels });
  const selector = getIn(o.object, ['spec', 'selector']);
  if (o.ref.kind === 'Service' || o.ref.kind === 'ReplicationController') out.push({ path: ['spec', 'selector'], labels: selector });
  else if (selector && typeof selector === 'object') out.push({ path: ['spec', 'selector', 'matchLabels'], labels: selector.matchLabels });
  return out;
}

export default defineRule({
  meta: {
    id: 'label-invalid',
    title: 'Label key or value the API server rejects',
    severity: 'high',
    refs: ['KS:label-values'],
    category: 'hygiene',
    rationale: 'Label values are limited to 63 characters of letters, digits, "-", "_" and ".", starting and ending alphanumeric; keys to an optional DNS-subdomain prefix and a 63-character name. Rendering does not check this, so a version string with "+" or a long generated name only fails when the sync applies it.',
    remediation: 'Shorten or sanitise the value (e.g. `{{ .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}` in Helm templates) and keep keys to `prefix/name` form.',
    docs: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set',
    fixable: false,
  },
  check(ctx) {
    for (const o of ctx.objects) {
      for (const { path, labels } of labelMaps(o)) {
        if (!labels || typeof labels !== 'object' || Array.isArray(labels)) continue;
        for (const [key, raw] of Object.entries(labels)) {
          const value = raw === null ? '' : String(raw);
          const problem = labelKeyProblem(key) ? `key "${clip(key)}" ${labelKeyProblem(key)}` : labelValueProblem(value) ? `value "${clip(value)}" of "${clip(key)}" ${labelValueProblem(value)}` : undefined;
          if (!problem) continue;
          ctx.report({ target: o, path: [...path, key], key: `${path.join('.')}:${key}`, message: `${objectLabel(o)}: ${mapName(path)} ${problem}` });
        }
      }
    }
  },
});
