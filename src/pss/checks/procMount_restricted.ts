// The default /proc masks should be required by the restricted profile, with no user-namespace
// exemption. Before 1.35 the baseline procMount check already blocked unmasked procMount
// unconditionally; from 1.35 baseline relaxes for hostUsers=false, so restricted keeps the
// unconditional block and overrides the weaker baseline revision.
import { procMount_1_0 } from './procMount.js';
import type { Check } from '../types.js';

export const procMount_restricted: Check = {
  id: 'procMount_restricted',
  level: 'restricted',
  description: 'forbids unmasked procMount (no user-namespace exemption) in 1.35+',
  versions: [{ minimumVersion: 35, checkPod: procMount_1_0, overrideCheckIds: ['procMount'] }],
};
