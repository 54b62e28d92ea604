// Threat: breaking the report through the file's own bytes. A CRLF file must get suggestions whose
// every line ends in CRLF (accepting one must not leave a mixed-line-ending file), findings must land
// on the right lines, and tabs inside lines survive a suggestion unchanged.
import { describe, expect, it } from 'vitest';
import { reviewChange } from '../../src/engine/review.js';
import { pullRequest } from './support/change.js';
import { renderGfm, suggestionsOf } from './support/markdown.js';

const JOB_LINES = [
  'apiVersion: batch/v1',
  'kind: Job',
  'metadata:',
  '  name: migrate',
  '  namespace: floe-jobs',
  'spec:',
  '  template:',
  '    spec:',
  '      restartPolicy: Never',
  '      containers:',
  '        - name: migrate',
  '          image:\t"registry.example/migrate@sha256:' + 'a'.repeat(64) + '"',
  '          securityContext:',
  '            runAsUser:\t0\t# tab-separated',
  '',
];

async function suggestionsFor(text: string): Promise<{ blocks: string[]; lines: string[] }> {
  const out = await reviewChange(pullRequest({}, { 'jobs/migrate.yaml': text }));
  const blocks = out.review.comments.flatMap((c) => suggestionsOf(renderGfm(c.body)));
  expect(blocks.length).toBeGreaterThan(0);
  return { blocks, lines: out.findings.filter((f) => f.path === 'jobs/migrate.yaml').map((f) => `${f.ruleId}:${f.line}`) };
}

describe('line endings and tabs in suggestions', () => {
  it('a CRLF file gets CRLF on every suggested line, single-line fixes included, and the same finding lines as LF', async () => {
    const crlf = await suggestionsFor(JOB_LINES.join('\r\n'));
    const lf = await suggestionsFor(JOB_LINES.join('\n'));
    expect(crlf.lines.sort()).toEqual(lf.lines.sort());
    expect(crlf.blocks.length).toBe(lf.blocks.length);
    for (const block of crlf.blocks) {
      expect(block.endsWith('\r\n')).toBe(true);
      expect(block.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
    for (const block of lf.blocks) expect(block).not.toContain('\r');
    expect(crlf.blocks.map((b) => b.replace(/\r\n/g, '\n')).sort()).toEqual([...lf.blocks].sort());
  });

  it('a suggestion keeps the tabs of the line it rewrites', async () => {
    const { blocks } = await suggestionsFor(JOB_LINES.join('\n'));
    const runAsUser = blocks.find((b) => /^\s*runAsUser:/m.test(b) && !/runAsUser:\t0/.test(b));
    expect(runAsUser, blocks.join('\n---\n')).toBeDefined();
    expect(runAsUser).toMatch(/^ {12}runAsUser:\t\d{4,}\t# tab-separated\n$/m);
  });

  it('a file with a lone CR (old Mac) or mixed endings is reviewed without lines going out of the file', async () => {
    const mixed = JOB_LINES.slice(0, 8).join('\r\n') + '\n' + JOB_LINES.slice(8).join('\n');
    const out = await reviewChange(pullRequest({}, { 'jobs/migrate.yaml': mixed, 'cr.yaml': 'apiVersion: v1\rkind: ConfigMap\rmetadata:\r  name: x\r' }));
    const lineCount = (p: string): number => (p === 'cr.yaml' ? 4 : mixed.split(/\r?\n/).length);
    for (const f of out.findings) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.line).toBeLessThanOrEqual(lineCount(f.path));
    }
    for (const c of out.review.comments) expect(c.line).toBeLessThanOrEqual(lineCount(c.path));
  });
});
