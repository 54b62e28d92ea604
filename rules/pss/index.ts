// Pod Security Standards rules: one per Pod Security Admission check, each evaluated against the
// namespace the workload lands in (its pod-security.kubernetes.io labels).
import type { Rule } from '../../src/engine/rule.js';
import { DEFAULT_CHECKS } from '../../src/pss/index.js';
import { pssRuleFor } from './rule-for-check.js';

export const pssRules: Rule[] = DEFAULT_CHECKS.map(pssRuleFor);
