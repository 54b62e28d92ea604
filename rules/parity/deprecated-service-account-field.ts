// kube-linter deprecated-service-account-field: `serviceAccount` is the pre-1.0 alias of
// `serviceAccountName`.
import { defineRule } from '../../src/engine/rule.js';
import { parseKeyLine, readLines, replaceLinesFix } from '../../src/engine/fixes.js';
import type { Fix, RenderedObject, Snapshot, FieldPath } from '../../src/core/types.js';
import { deleteLinesFix, objectLabel, workloadsOf } from './support.js';

/** `serviceAccount: x` → `serviceAccountName: x` on the same line. */
function renameKeyFix(snapshot: Snapshot, target: RenderedObject, path: FieldPath): Fix | undefined {
  const loc = target.locate(path);
  // A values key named serviceAccount (a chart's settings block) is not the pod field.
  if (loc.path !== target.source.path) return undefined;
  const line = readLines(snapshot, loc.path)?.lines[loc.line - 1];
  const kv = line === undefined ? undefined : parseKeyLine(line);
  if (!line || !kv || kv.key !== 'serviceAccount') return undefined;
  const at = kv.prefix.length;
  const renamed = `${line.slice(0, at)}${line.slice(at).replace(/^(["']?)serviceAccount\1/, 'serviceAccountName')}`;
  return replaceLinesFix(snapshot, loc.path, loc.line, loc.line, [renamed], { description: 'Use serviceAccountName' });
}

export default defineRule({
  meta: {
    id: 'deprecated-service-account-field',
    title: 'Pod uses the deprecated serviceAccount field',
    severity: 'low',
    refs: ['KL:deprecated-service-account-field'],
    category: 'hygiene',
    rationale: '`serviceAccount` is a deprecated alias of `serviceAccountName`. When both are set and differ, which one wins depends on the component reading them, and tools that only read serviceAccountName (policies, RBAC audits) see the wrong identity.',
    remediation: 'Rename `serviceAccount` to `serviceAccountName` (the fix does it, or drops the alias when serviceAccountName already says the same).',
    docs: 'https://kubernetes.io/docs/concepts/security/service-accounts/',
    fixable: true,
  },
  check(ctx) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      const alias = pod.spec.serviceAccount;
      if (typeof alias !== 'string' || alias === '') continue;
      const path = [...pod.path, 'serviceAccount'];
      const name = pod.spec.serviceAccountName;
      const conflict = typeof name === 'string' && name !== '' && name !== alias;
      const fix = name === undefined || name === ''
        ? renameKeyFix(ctx.snapshot, target, path)
        : !conflict && target.locate(path).path === target.source.path ? deleteLinesFix(ctx.snapshot, { ...target.locate(path), endLine: target.locate(path).line }, 'Drop the deprecated alias', 'serviceAccount') : undefined;
      ctx.report({
        target, path, severity: conflict ? 'medium' : undefined,
        message: conflict
          ? `${objectLabel(target)} sets serviceAccount "${alias}" and serviceAccountName "${String(name)}": the deprecated alias contradicts the real field`
          : `${objectLabel(target)} sets the deprecated serviceAccount field ("${alias}"); use serviceAccountName`,
        fix,
      });
    }
  },
});
