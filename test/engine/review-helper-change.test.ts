// A change to one line of a named template (`define` in _helpers.tpl) is reviewed on that line: the
// findings it causes in every object that includes the helper are commented inline there, each kept
// as its own finding, instead of landing on the unchanged `include` lines outside the diff.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { reviewChange } from '../../src/engine/review.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

const helpers = (owner: string, escalation: boolean) => `{{- define "app.labels" -}}
app.kubernetes.io/name: app
app.kubernetes.io/owner: ${owner}
{{- end -}}
{{- define "app.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: ${escalation}
{{- end -}}
`;

const chart = (helpersText: string): Record<string, string> => ({
  'chart/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
  'chart/values.yaml': 'image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000\n',
  'chart/templates/_helpers.tpl': helpersText,
  'chart/templates/deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  selector: {matchLabels: {app: a}}
  template:
    metadata: {labels: {app: a}}
    spec:
      containers:
        - name: app
          image: {{ .Values.image }}
          securityContext:
            {{- include "app.containerSecurityContext" . | nindent 12 }}
`,
  'chart/templates/svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: app
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  selector: {app: a}
  ports: [{port: 80}]
`,
});

describe('review of a change to a helper line', async () => {
  const helpersPath = 'chart/templates/_helpers.tpl';
  const out = await reviewChange({
    base: MemorySnapshot.from('base', chart(helpers('app', false))),
    head: MemorySnapshot.from('head', chart(helpers('"dns team"', true))),
    // As git reports it: only the two edited lines of the helper file are in the diff.
    changedFiles: [{ path: helpersPath, status: 'modified', addedLines: [3, 7], commentableLines: [3, 7] }],
    config: structuredClone(DEFAULT_CONFIG),
    headSha: 'f'.repeat(40),
  });
  const introduced = out.findings.filter((f) => f.introduced);

  it('maps every finding the change introduces to the edited helper line', () => {
    expect(introduced.map((f) => [f.ruleId, f.object?.kind, f.path, f.line]).sort()).toEqual([
      ['label-invalid', 'Deployment', helpersPath, 3],
      ['label-invalid', 'Service', helpersPath, 3],
      ['pss-allow-privilege-escalation', 'Deployment', helpersPath, 7],
    ]);
  });

  it('comments inline on those lines: one comment per line, carrying each object\'s finding', () => {
    const comments = out.review.comments;
    expect(comments.map((c) => [c.path, c.line])).toEqual([[helpersPath, 3], [helpersPath, 7]]);
    const labels = comments[0].body;
    expect(labels).toContain('Deployment app: label value');
    expect(labels).toContain('Service app: label value');
    expect(new Set(introduced.filter((f) => f.ruleId === 'label-invalid').map((f) => f.fingerprint)).size).toBe(2);
    expect(out.review.body).toContain('3 commented inline on 2 lines');
  });

  it('suggests the fix on the helper line itself', () => {
    expect(out.review.comments[1].body).toContain('```suggestion\nallowPrivilegeEscalation: false\n```');
  });
});
