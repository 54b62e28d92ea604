// Threat: leaking the app's own secrets. The webhook secret, the private key and cloud credentials
// are planted in the reviewer's environment; charts and kustomizations try every way to print
// environment and files. helm and kubectl see a scrubbed environment and no cluster, and output that
// carries one of the secrets anyway (here: a chart that knows the value) is withheld with a finding.
import { describe, expect, it } from 'vitest';
import { findingsOf, runCli } from './support/cli.js';
import { gitRepo, type Tree } from './support/git-repo.js';

const WEBHOOK_SECRET = 'whsec-planted-9f8e7d6c5b4a39281706';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTED1';
const PLANTED_ENV = { WEBHOOK_SECRET, AWS_SECRET_ACCESS_KEY: AWS_SECRET, AWS_ACCESS_KEY_ID: 'AKIAPLANTED000000001', GITHUB_TOKEN: 'ghs_plantedtoken0000000000000000000000' };

function expectNoSecret(text: string): void {
  for (const value of Object.values(PLANTED_ENV)) {
    expect(text).not.toContain(value);
    for (let offset = 0; offset < 3; offset++) {
      // the value base64-encoded at any alignment, as inside a Secret's data
      const b64 = Buffer.from('x'.repeat(offset) + value).toString('base64').slice(4 * Math.ceil(offset / 3) + 1, -4);
      expect(text).not.toContain(b64);
    }
  }
}

const chart = (name: string, template: string, values = 'x: 1\n'): Tree => ({
  [`charts/${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`,
  [`charts/${name}/values.yaml`]: values,
  [`charts/${name}/templates/t.yaml`]: template,
});

const CM = (data: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: probe\ndata:\n${data}`;

describe("the app's own secrets never leave through a render", () => {
  it('charts and kustomizations that try to print the environment get nothing; a chart that knows a secret is withheld', () => {
    const repo = gitRepo({}, {
      ...chart('envfunc', CM('  a: {{ env "WEBHOOK_SECRET" | quote }}\n')),
      ...chart('expandenv', CM('  a: {{ expandenv "$WEBHOOK_SECRET" | quote }}\n')),
      ...chart('lookup', CM('  a: {{ (lookup "v1" "Secret" "kube-system" "") | toJson | quote }}\n  b: {{ .Capabilities.KubeVersion.Version | quote }}\n')),
      ...chart('files', CM('  a: {{ .Files.Get "/proc/self/environ" | quote }}\n  b: {{ .Files.Get "../../../../proc/self/environ" | quote }}\n')),
      // knows the value (as if it had read it): the output is withheld, plain and base64 at any offset
      ...chart('knows', CM('  a: {{ .Values.s | quote }}\n'), `s: ${WEBHOOK_SECRET}\n`),
      ...chart('knows-b64', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: {{ printf "xy%s" .Values.s | b64enc }}\n', `s: ${AWS_SECRET}\n`),
      'overlays/exec/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\ngenerators:\n  - gen.yaml\n',
      'overlays/exec/cm.yaml': CM('  a: b\n'),
      'overlays/exec/gen.yaml': 'apiVersion: example.com/v1\nkind: Leak\nmetadata:\n  name: leak\n  annotations:\n    config.kubernetes.io/function: |\n      exec:\n        path: /usr/bin/env\n',
    });
    const r = runCli(['review', '--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json'], { env: PLANTED_ENV });
    expect(r.code, r.stderr).toBe(1);
    expectNoSecret(r.stdout + r.stderr);
    const findings = findingsOf(r);
    const at = (chartName: string) => findings.filter((f) => f.path.startsWith(`charts/${chartName}/`));

    // env and expandenv are not template functions in helm; the error names the template line
    for (const c of ['envfunc', 'expandenv']) expect(at(c).find((f) => f.ruleId === 'render-error')?.line).toBe(6);
    // lookup reaches no cluster: the chart renders (with an empty result and the configured kube version)
    expect(at('lookup').filter((f) => f.ruleId === 'render-error')).toEqual([]);
    expect(at('files').filter((f) => f.ruleId === 'render-error')).toEqual([]);
    for (const c of ['knows', 'knows-b64']) {
      const w = at(c).find((f) => f.ruleId === 'secret-leak');
      expect(w, JSON.stringify(at(c))).toBeDefined();
      expect(w!.message).toMatch(/withheld/);
      expect(w!.message).toMatch(/WEBHOOK_SECRET|AWS_SECRET_ACCESS_KEY/);
    }
    // the exec KRM function never runs (it would print the environment)
    const exec = findings.filter((f) => f.path.startsWith('overlays/exec/') && /render-error|path-escape/.test(f.ruleId));
    expect(exec.length).toBeGreaterThan(0);
  });
});
