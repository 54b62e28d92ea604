// One template line feeding several environments yields the same finding once per environment;
// readers want it once, naming the environments. Runs after the delta, so `introduced` is per group.
import type { Finding } from '../core/types.js';

export function collapseEnvironments(findings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = [f.ruleId, f.path, f.line, f.endLine ?? '', f.message, f.introduced ?? '', f.fix ? `${f.fix.startLine}:${f.fix.replacement}` : ''].join('\u0000');
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.values()].map((list) => {
    if (list.length === 1) return list[0];
    const environments = [...new Set(list.map((f) => f.environment).filter((e): e is string => !!e))].sort();
    const first = [...list].sort((a, b) => (a.fingerprint ?? '').localeCompare(b.fingerprint ?? ''))[0];
    return { ...first, environment: environments.join(', ') || undefined };
  });
}
