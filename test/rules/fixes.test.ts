import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyFix, formatScalar, insertEntriesFix, parseKeyLine, replaceBlockFix, replaceScalarFix, setFieldFix } from '../../src/engine/fixes.js';
import { manifestObjects } from '../../src/render/yaml-source.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

const snap = (files: Record<string, string>) => MemorySnapshot.from('t', files);

describe('replaceScalarFix', () => {
  it('keeps key, indentation, quoting and trailing comment', () => {
    const text = 'a:\n  enabled: "false"   # keep me\n';
    const fix = replaceScalarFix(snap({ 'v.yaml': text }), { path: 'v.yaml', line: 2 }, 'true', { expectKey: 'enabled' })!;
    expect(fix).toEqual({ path: 'v.yaml', startLine: 2, endLine: 2, replacement: '  enabled: "true"   # keep me' });
  });
  it('writes plain booleans and single-quoted strings in the old style', () => {
    const s = snap({ 'v.yaml': "x: false\ny: 'a'\n" });
    expect(replaceScalarFix(s, { path: 'v.yaml', line: 1 }, true)!.replacement).toBe('x: true');
    expect(replaceScalarFix(s, { path: 'v.yaml', line: 2 }, "it's")!.replacement).toBe("y: 'it''s'");
  });
  it('quotes strings that would change type as plain scalars', () => {
    expect(formatScalar('true', 'x')).toBe('"true"');
    expect(formatScalar('1000', 'x')).toBe('"1000"');
    expect(formatScalar('abc', 'x')).toBe('abc');
  });
  it('keeps CRLF line endings', () => {
    const text = 'a: 1\r\nb: 2\r\n';
    const fix = replaceScalarFix(snap({ 'v.yaml': text }), { path: 'v.yaml', line: 2 }, 3)!;
    expect(applyFix(text, fix)).toBe('a: 1\r\nb: 3\r\n');
  });
  it('refuses template lines, block scalars and a wrong key', () => {
    const s = snap({ 't.yaml': 'a: {{ .Values.a }}\nb: |\n  x\nc: 1\n' });
    expect(replaceScalarFix(s, { path: 't.yaml', line: 1 }, 1)).toBeUndefined();
    expect(replaceScalarFix(s, { path: 't.yaml', line: 2 }, 1)).toBeUndefined();
    expect(replaceScalarFix(s, { path: 't.yaml', line: 4 }, 1, { expectKey: 'd' })).toBeUndefined();
  });
  it('parses quoted keys and list-item keys', () => {
    expect(parseKeyLine('  - "a/b": 1')).toMatchObject({ prefix: '  - ', key: 'a/b' });
    expect(parseKeyLine('  reloader.stakater.com/auto: "true"')).toMatchObject({ key: 'reloader.stakater.com/auto' });
  });
});

const deployment = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: nginx:1.27',
  '          ports:',
  '            - containerPort: 80',
  '        - name: side',
  '          image: busybox:1.36',
  '          securityContext:',
  '            runAsUser: 0',
  '',
].join('\n');

describe('setFieldFix', () => {
  const s = snap({ 'd.yaml': deployment });
  const [target] = manifestObjects(deployment, 'd.yaml', 'u').objects;
  it('edits a mapping inside a flow sequence on an item line sharing its key (- a: [ { a: 0 } ]) correctly or not at all', () => {
    const text = 'kind: Thing\nbody:\n  name:\n    - a: [ { a: 0 } ]\n';
    const [target] = manifestObjects(text, 'f.yaml', 'u').objects;
    const fix = setFieldFix(MemorySnapshot.from('t', { 'f.yaml': text }), target, ['body', 'name', 0, 'a', 0, 'zz'], true);
    if (fix) expect(parse(applyFix(text, fix))).toEqual({ kind: 'Thing', body: { name: [{ a: [{ a: 0, zz: true }] }] } });
    // the item itself is still edited
    const item = setFieldFix(MemorySnapshot.from('t', { 'f.yaml': text }), target, ['body', 'name', 0, 'zz'], true);
    expect(parse(applyFix(text, item!))).toEqual({ kind: 'Thing', body: { name: [{ a: [{ a: 0 }], zz: true }] } });
  });

  it('creates a securityContext block under a container that has none', () => {
    const fix = setFieldFix(s, target, ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'], false)!;
    expect(fix.startLine).toBe(12);
    expect(applyFix(deployment, fix)).toContain([
      '            - containerPort: 80',
      '          securityContext:',
      '            allowPrivilegeEscalation: false',
      '        - name: side',
    ].join('\n'));
  });
  it('inserts under an existing mapping key at the children\'s indentation', () => {
    const fix = setFieldFix(s, target, ['spec', 'template', 'spec', 'containers', 1, 'securityContext', 'runAsNonRoot'], true)!;
    expect(applyFix(deployment, fix)).toContain('            runAsUser: 0\n            runAsNonRoot: true\n');
  });
  it('replaces an existing scalar', () => {
    const fix = setFieldFix(s, target, ['spec', 'template', 'spec', 'containers', 1, 'securityContext', 'runAsUser'], 1000)!;
    expect(fix).toMatchObject({ startLine: 16, endLine: 16, replacement: '            runAsUser: 1000' });
  });
  it('inserts a key in the pod spec and a nested annotation in metadata', () => {
    const a = setFieldFix(s, target, ['spec', 'template', 'spec', 'automountServiceAccountToken'], false)!;
    expect(applyFix(deployment, a).split('\n').slice(-3, -1)).toEqual(['            runAsUser: 0', '      automountServiceAccountToken: false']);
    const b = setFieldFix(s, target, ['metadata', 'annotations', 'reloader.stakater.com/auto'], 'true')!;
    expect(applyFix(deployment, b)).toContain('metadata:\n  name: web\n  annotations:\n    reloader.stakater.com/auto: "true"\nspec:');
  });
  it('rewrites an empty flow mapping `key: {}`', () => {
    const text = 'kind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext: {} # pod level\n  containers: []\n';
    const [pod] = manifestObjects(text, 'p.yaml', 'u').objects;
    const fix = setFieldFix(snap({ 'p.yaml': text }), pod, ['spec', 'securityContext', 'runAsNonRoot'], true)!;
    expect(applyFix(text, fix)).toContain('  securityContext: # pod level\n    runAsNonRoot: true\n  containers: []');
  });
  it('refuses to edit Helm template text', () => {
    const text = 'kind: Pod\nmetadata:\n  name: p\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\nspec: {}\n';
    const [pod] = manifestObjects(text.replace(/\{\{.*\}\}/, 'a: b'), 't.yaml', 'u').objects;
    expect(setFieldFix(snap({ 't.yaml': text }), pod, ['metadata', 'labels', 'x'], 'y')).toBeUndefined();
  });
});

describe('insertEntriesFix / replaceBlockFix', () => {
  it('inserts under a key with an empty value', () => {
    const text = 'metadata:\n  labels:\n  name: x\n';
    const fix = insertEntriesFix(snap({ 'n.yaml': text }), { path: 'n.yaml', line: 2 }, 'key', { a: 'b' })!;
    expect(applyFix(text, fix)).toBe('metadata:\n  labels:\n    a: b\n  name: x\n');
  });
  it('refuses to insert a mapping entry into a sequence', () => {
    const text = 'drop:\n  - ALL\n';
    expect(insertEntriesFix(snap({ 'n.yaml': text }), { path: 'n.yaml', line: 1, endLine: 2 }, 'key', { a: 1 })).toBeUndefined();
  });
  it('replaces a block, refusing template lines unless allowed', () => {
    const text = 'a:\n  b: 1\n  c: 2\nd: {{ x }}\n';
    const s = snap({ 'f.yaml': text });
    expect(replaceBlockFix(s, { path: 'f.yaml', line: 2, endLine: 3 }, '  {{- include "h" . | nindent 2 }}', { allowTemplate: true })!.replacement).toBe('  {{- include "h" . | nindent 2 }}');
    expect(replaceBlockFix(s, { path: 'f.yaml', line: 3, endLine: 4 }, 'x')).toBeUndefined();
  });
});

describe('insertEntriesFix without a mapping span (template-style locations)', () => {
  const s = (t: string) => snap({ 't.yaml': t });
  it('inserts as the first child at the existing children\'s indentation', () => {
    const text = 'spec:\n    containers: []\n';
    const fix = insertEntriesFix(s(text), { path: 't.yaml', line: 1 }, 'key', { automountServiceAccountToken: false })!;
    expect(applyFix(text, fix)).toBe('spec:\n    automountServiceAccountToken: false\n    containers: []\n');
  });
  it('refuses when the first child is template output', () => {
    const text = 'securityContext:\n  {{- include "x.sc" . | nindent 2 }}\n';
    expect(insertEntriesFix(s(text), { path: 't.yaml', line: 1 }, 'key', { a: 1 })).toBeUndefined();
  });
  it('inserts after an item\'s inline scalar, refuses after a block value', () => {
    const text = '- name: app\n  image: x\n';
    expect(applyFix(text, insertEntriesFix(s(text), { path: 't.yaml', line: 1 }, 'item', { a: 1 })!)).toBe('- name: app\n  a: 1\n  image: x\n');
    const block = '- command:\n    - sh\n  name: app\n';
    expect(insertEntriesFix(s(block), { path: 't.yaml', line: 1 }, 'item', { a: 1 })).toBeUndefined();
  });
  it('keeps CRLF when inserting', () => {
    const text = 'metadata:\r\n  name: x\r\n';
    const fix = insertEntriesFix(s(text), { path: 't.yaml', line: 1, endLine: 2 }, 'key', { labels: { a: 'b' } })!;
    expect(fix.replacement).toBe('  name: x\r\n  labels:\r\n    a: b');
    expect(applyFix(text, fix)).toBe('metadata:\r\n  name: x\r\n  labels:\r\n    a: b\r\n');
  });
  it('refuses to write a key the mapping already writes in a branch the render skipped, above or below', () => {
    const below = '        - name: app\n          image: x\n          {{- with .Values.securityContext }}\n          securityContext:\n            {{- toYaml . | nindent 12 }}\n          {{- end }}\n';
    expect(insertEntriesFix(s(below), { path: 't.yaml', line: 1, endLine: 2 }, 'item', { securityContext: { readOnlyRootFilesystem: true } })).toBeUndefined();
    expect(insertEntriesFix(s(below), { path: 't.yaml', line: 1, endLine: 2 }, 'item', { resources: { limits: { memory: '1Gi' } } })).toBeDefined();
    const above = 'spec:\n  {{- if .Values.sa }}\n  automountServiceAccountToken: true\n  {{- end }}\n  containers: []\n';
    expect(insertEntriesFix(s(above), { path: 't.yaml', line: 1 }, 'key', { automountServiceAccountToken: false })).toBeUndefined();
    const item = '- securityContext: {}\n  name: app\n';
    expect(insertEntriesFix(s(item), { path: 't.yaml', line: 1 }, 'item', { securityContext: { a: 1 } })).toBeUndefined();
    expect(insertEntriesFix(s(item), { path: 't.yaml', line: 1 }, 'item', { image: 'x' })).toBeDefined();
  });
  it('falls back to the first line when the span disagrees with the text', () => {
    const text = 'a:\n  b: 1\n  c: 2\n';
    const fix = insertEntriesFix(s(text), { path: 't.yaml', line: 1, endLine: 2 }, 'key', { d: 3 })!;
    expect(applyFix(text, fix)).toBe('a:\n  d: 3\n  b: 1\n  c: 2\n');
  });
});

describe('fixes in flow collections', () => {
  const fixFor = (text: string, path: (string | number)[], value: unknown) => {
    const [target] = manifestObjects(text, 'f.yaml', 'u').objects;
    const fix = setFieldFix(snap({ 'f.yaml': text }), target, path, value);
    return fix && applyFix(text, fix);
  };
  it('adds an entry inside the braces of a one-line flow mapping', () => {
    const text = 'kind: Pod\nspec:\n  volumeMounts:\n  - {name: root, mountPath: /host} # host\n';
    expect(fixFor(text, ['spec', 'volumeMounts', 0, 'readOnly'], true)).toBe('kind: Pod\nspec:\n  volumeMounts:\n  - {name: root, mountPath: /host, readOnly: true} # host\n');
    const keyed = 'kind: Pod\nspec:\n  securityContext: { runAsNonRoot: true }\n';
    expect(fixFor(keyed, ['spec', 'securityContext', 'seccompProfile', 'type'], 'RuntimeDefault')).toBe('kind: Pod\nspec:\n  securityContext: { runAsNonRoot: true, seccompProfile: {type: RuntimeDefault} }\n');
  });
  it('refuses a mapping nested in a flow item it cannot tell apart', () => {
    const text = 'kind: Pod\nspec:\n  containers:\n  - volumeMounts: [{name: root, mountPath: /host}]\n    name: c\n';
    expect(fixFor(text, ['spec', 'containers', 0, 'volumeMounts', 0, 'readOnly'], true)).toBeUndefined();
  });
  it('refuses to edit inside a flow collection spread over lines', () => {
    const text = 'kind: Pod\nspec:\n  securityContext: {\n    runAsUser: 0,\n    runAsGroup: 0\n  }\n';
    expect(fixFor(text, ['spec', 'securityContext', 'runAsUser'], 1000)).toBeUndefined();
    expect(fixFor(text, ['spec', 'securityContext', 'runAsNonRoot'], true)).toBeUndefined();
    expect(replaceBlockFix(snap({ 'f.yaml': text }), { path: 'f.yaml', line: 4, endLine: 4 }, '    runAsUser: 1')).toBeUndefined();
  });
});

describe('indentation of new nested mappings', () => {
  it('follows the file\'s indent step when the item has no nested mapping to copy', () => {
    const text = 'kind: Job\nspec:\n    template:\n        spec:\n            containers:\n            - name: c\n              image: x\n';
    const [job] = manifestObjects(text, 'j.yaml', 'u').objects;
    const fix = setFieldFix(snap({ 'j.yaml': text }), job, ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], true)!;
    expect(fix.replacement).toBe('              image: x\n              securityContext:\n                  runAsNonRoot: true');
  });
});
