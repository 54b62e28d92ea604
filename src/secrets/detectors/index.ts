// Built-in detectors, most specific first: when two report the same value on one line, the
// earlier one wins (a GitHub token assigned to `password:` is reported as a GitHub token).
import type { Detector } from '../types.js';
import { assignedDetectors } from './assigned.js';
import { gcpServiceAccount, pemPrivateKey, urlCredentials } from './blocks.js';
import { tokenDetectors } from './tokens.js';

export const builtInDetectors: readonly Detector[] = [
  pemPrivateKey,
  gcpServiceAccount,
  ...tokenDetectors,
  urlCredentials,
  ...assignedDetectors,
];
