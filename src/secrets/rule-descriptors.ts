// SARIF rule descriptors for the secret detectors (built-in and .gitleaks.toml ones).
import type { RuleDescriptor } from '../report/sarif.js';
import { SECRET_REFS } from './scan.js';
import type { Detector } from './types.js';

export function secretRuleDescriptors(detectors: readonly Detector[]): RuleDescriptor[] {
  const byId = new Map<string, RuleDescriptor>();
  for (const d of detectors) {
    const known = byId.get(d.ruleId);
    if (known) {
      if (!known.title.includes(d.kind)) known.title += ` / ${d.kind}`;
      continue;
    }
    byId.set(d.ruleId, {
      id: d.ruleId,
      title: `Hardcoded ${d.kind}`,
      severity: d.severity,
      refs: [...SECRET_REFS],
      rationale: 'Credentials committed to git are exposed to everyone with read access and stay in history (REQ-429).',
      remediation: 'Reference the credential from a Kubernetes Secret, External Secret or Vault (REQ-435) and rotate it: the committed value is already in git history.',
    });
  }
  return [...byId.values()];
}
