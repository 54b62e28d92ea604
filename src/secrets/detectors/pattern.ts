// Builds a detector from a keyword list and a linear-time regular expression (bounded
// quantifiers, no nested repetition), gitleaks-style.
import { shannonEntropy } from '../entropy.js';
import { isPlaceholder } from '../placeholders.js';
import { detectorMeta, type Detector, type DetectorMeta } from '../types.js';

export interface PatternSpec extends DetectorMeta {
  /** Must carry the `g` flag. */
  regex: RegExp;
  /** Capture group holding the secret (0: whole match; 'first': the first group that matched, as gitleaks does without secretGroup). */
  group?: number | 'first';
  minEntropy?: number;
  /** A literal every match contains: lines without it are not searched. */
  requires?: string;
  validate?: (value: string, line: string, match: RegExpExecArray) => boolean;
}

export function patternDetector(spec: PatternSpec): Detector {
  if (!spec.regex.global) throw new Error(`${spec.ruleId}: regex needs the g flag`);
  const group = spec.group ?? 1;
  return {
    ...detectorMeta(spec),
    detect(src, n, emit) {
      const text = src.line(n);
      if (spec.requires !== undefined && !text.includes(spec.requires)) return;
      const re = spec.regex;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) re.lastIndex++;
        const value = group === 'first' ? (m.find((g, i) => i > 0 && g) ?? m[0]) : (m[group] ?? m[0]);
        if (!value || isPlaceholder(value)) continue;
        if (spec.minEntropy !== undefined && shannonEntropy(value) < spec.minEntropy) continue;
        if (spec.validate && !spec.validate(value, text, m)) continue;
        emit({ ruleId: spec.ruleId, kind: spec.kind, severity: spec.severity, value, line: n, match: m[0] });
      }
    },
  };
}
