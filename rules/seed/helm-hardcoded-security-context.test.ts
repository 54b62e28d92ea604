import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/engine/fixes.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule, { hardcodedBlocks } from './helm-hardcoded-security-context.js';

const helpers = `{{- define "floe-platform.podSecurityContext" -}}
{{ toYaml .Values.podSecurityContext }}
{{- end }}

{{- define "floe-platform.containerSecurityContext" -}}
{{ toYaml .Values.containerSecurityContext }}
{{- end }}
`;
const template = (containerSc: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ include "floe-platform.fullname" . }}-postgresql
spec:
  template:
    spec:
      securityContext:
        {{- include "floe-platform.podSecurityContext" . | nindent 8 }}
      containers:
        - name: postgresql
          image: postgres:16
          securityContext:
${containerSc}          resources: {}
`;
const hardcoded = `            runAsUser: 1000
            runAsNonRoot: true
            allowPrivilegeEscalation: false
            capabilities:
              drop:
                - ALL
`;
const values = 'containerSecurityContext:\n  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true\n  capabilities:\n    drop: [ALL]\n';
const chart = (tpl: string) => ({ 'charts/floe/Chart.yaml': 'name: floe-platform\n', 'charts/floe/templates/_helpers.tpl': helpers, 'charts/floe/templates/statefulset-postgresql.yaml': tpl });
const rendered = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: unrelated\n';

describe('helm-hardcoded-security-context', () => {
  it('finds hardcoded container blocks and their container', () => {
    const blocks = hardcodedBlocks(template(hardcoded).split('\n'));
    expect(blocks).toEqual([expect.objectContaining({ keyLine: 13, firstLine: 14, lastLine: 19, childIndent: 12, context: 'container', containerName: 'postgresql' })]);
  });
  it('flags the hardcoded block and replaces it with the helper include at the right indent', () => {
    const tpl = template(hardcoded);
    const findings = runRuleOn(rule, { yaml: rendered, values, unit: { kind: 'helm', root: 'charts/floe', environments: ['default', 'prod'] }, files: chart(tpl) });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ ruleId: 'helm-hardcoded-security-context', refs: ['GAP-4'], path: 'charts/floe/templates/statefulset-postgresql.yaml', line: 13 });
    expect(f.message).toContain('the helper also sets readOnlyRootFilesystem');
    expect(applyFix(tpl, f.fix!)).toBe(template('            {{- include "floe-platform.containerSecurityContext" . | nindent 12 }}\n'));
  });
  it('keeps the fingerprint when lines are added above the block', () => {
    const unit = { kind: 'helm' as const, root: 'charts/floe', environments: ['default'] };
    const tpl = template(hardcoded);
    const labelled = tpl.replace('metadata:\n', 'metadata:\n  labels:\n    team: payments\n');
    const [before] = runRuleOn(rule, { yaml: rendered, values, unit, files: chart(tpl) });
    const [after] = runRuleOn(rule, { yaml: rendered, values, unit, files: chart(labelled) });
    expect(after.line).toBe(before.line + 2);
    expect(after.fingerprint).toBe(before.fingerprint);
  });
  it('passes templates that include the helper, charts without a helper, and non-default environments', () => {
    const good = template('            {{- include "floe-platform.containerSecurityContext" . | nindent 12 }}\n');
    expect(runRuleOn(rule, { yaml: rendered, unit: { kind: 'helm', root: 'charts/floe', environments: ['default'] }, files: chart(good) })).toEqual([]);
    const noHelper = { ...chart(template(hardcoded)), 'charts/floe/templates/_helpers.tpl': '{{- define "x.labels" -}}{{- end }}' };
    expect(runRuleOn(rule, { yaml: rendered, unit: { kind: 'helm', root: 'charts/floe', environments: ['default'] }, files: noHelper })).toEqual([]);
    expect(runRuleOn(rule, { yaml: rendered, environment: 'prod', unit: { kind: 'helm', root: 'charts/floe', environments: ['default', 'prod'] }, files: chart(template(hardcoded)) })).toEqual([]);
  });
  it('leaves init containers alone unless the chart has an init-container helper', () => {
    const init = template('            {{- include "floe-platform.containerSecurityContext" . | nindent 12 }}\n').replace('      containers:\n', '      initContainers:\n        - name: init\n          image: busybox\n          securityContext:\n            runAsUser: 0\n      containers:\n');
    const unit = { kind: 'helm' as const, root: 'charts/floe', environments: ['default'] };
    expect(runRuleOn(rule, { yaml: rendered, unit, files: chart(init) })).toEqual([]);
    const withInit = { ...chart(init), 'charts/floe/templates/_init.tpl': '{{- define "floe-platform.initContainerSecurityContext" -}}\nrunAsUser: 0\n{{- end }}\n' };
    expect(runRuleOn(rule, { yaml: rendered, unit, files: withInit })[0].message).toContain('init container "init"');
  });
});
