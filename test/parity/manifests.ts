// Small manifest builders for the parity rule tests: a Deployment with one container whose body
// (indented YAML under `- name: app`) and pod-spec extras the test chooses.

export interface DeploymentParts {
  name?: string;
  namespace?: string;
  replicas?: number;
  labels?: string;
  /** Extra lines of the container, indented 10 spaces (under `- name: app`). */
  container?: string;
  /** Extra lines of the pod spec, indented 6 spaces. */
  pod?: string;
  kind?: string;
  apiVersion?: string;
}

export function deployment(p: DeploymentParts = {}): string {
  const labels = p.labels ?? 'app: web';
  return [
    `apiVersion: ${p.apiVersion ?? 'apps/v1'}`,
    `kind: ${p.kind ?? 'Deployment'}`,
    'metadata:',
    `  name: ${p.name ?? 'web'}`,
    ...(p.namespace ? [`  namespace: ${p.namespace}`] : []),
    'spec:',
    ...(p.replicas !== undefined ? [`  replicas: ${p.replicas}`] : []),
    '  selector:',
    `    matchLabels: {${labels}}`,
    '  template:',
    '    metadata:',
    `      labels: {${labels}}`,
    '    spec:',
    ...(p.pod ? [p.pod.replace(/\n$/, '')] : []),
    '      containers:',
    '        - name: app',
    '          image: registry.example/web@sha256:0123',
    ...(p.container ? [p.container.replace(/\n$/, '')] : []),
    '',
  ].join('\n');
}
