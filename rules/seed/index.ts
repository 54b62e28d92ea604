// The seed-control rules (GAP-1…GAP-10 of 000_4b046e55df62c2b5.txt, REQ-426…REQ-435 of 004_ffa1b871ba65c15c.txt).
import type { Rule } from '../../src/engine/rule.js';
import imageNotPinnedByDigest from './image-not-pinned-by-digest.js';
import secretConsumerWithoutReloader from './secret-consumer-without-reloader.js';
import serviceAccountTokenAutomount from './service-account-token-automount.js';

export const seedRules: Rule[] = [
  imageNotPinnedByDigest,
  serviceAccountTokenAutomount,
  secretConsumerWithoutReloader,
];
