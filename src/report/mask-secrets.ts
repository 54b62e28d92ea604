// Rendered manifests echoed into check runs must not carry credentials: Secret payloads are blanked
// and every line the secret scanner flags has its value replaced by the scanner's redacted preview.
import type { KubeObject } from '../core/types.js';

const MASK = '<redacted by gitops-guard>';

/** A copy of the object with the values of a Secret's `data`/`stringData` blanked. */
export function maskSecretPayload(object: KubeObject): KubeObject {
  if (object.kind !== 'Secret') return object;
  const copy: KubeObject = { ...object };
  for (const field of ['data', 'stringData']) {
    const payload = object[field];
    if (payload && typeof payload === 'object') {
      copy[field] = Object.fromEntries(Object.keys(payload).map((k) => [k, MASK]));
    }
  }
  return copy;
}

export { maskSecretLines } from '../secrets/mask-lines.js';
