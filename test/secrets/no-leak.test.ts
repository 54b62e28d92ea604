// Planted secrets never leave the scanner: not in any report format (text, json, sarif, markdown),
// not in the review or check-run bodies, not in the CLI output, not in logs. The same corpus also
// checks recall (every planted secret found) and the traps (nothing else found).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { register as registerScan } from '../../src/cli/commands/scan.js';
import { register } from '../../src/cli/commands/secrets.js';
import { CliExit } from '../../src/cli/exit.js';
import { buildCheckRun } from '../../src/report/check-run.js';
import { toMarkdown } from '../../src/report/markdown.js';
import { planReview } from '../../src/report/review-comments.js';
import { toSarif } from '../../src/report/sarif.js';
import { toText } from '../../src/report/text.js';
import { builtInDetectors, pinoRedaction, scanText, secretRuleDescriptors, type SecretFinding } from '../../src/secrets/index.js';
import { generateCorpus } from './corpus.js';

const corpus = generateCorpus(600_000, 7);

/** Every 8-character window of a planted value: the preview shows at most 4 characters. */
function leaks(output: string): string[] {
  const out: string[] = [];
  for (const p of corpus.planted) {
    for (let i = 0; i + 8 <= p.value.length; i++) {
      if (output.includes(p.value.slice(i, i + 8))) {
        out.push(`${p.kind} at ${p.path}:${p.line}`);
        break;
      }
    }
  }
  return out;
}

let findings: SecretFinding[];
beforeAll(() => {
  findings = corpus.files.flatMap((f) => scanText(f.text, f.path));
});

describe('planted corpus', () => {
  it('holds every kind of planted secret', () => {
    expect(new Set(corpus.planted.map((p) => p.kind)).size).toBe(20);
  });
  it('finds every planted secret and nothing on the traps', () => {
    const at = (path: string, line: number) => `${path}:${line}`;
    const planted = new Set(corpus.planted.map((p) => at(p.path, p.line)));
    const found = new Set(findings.map((f) => at(f.path, f.line)));
    expect(corpus.planted.filter((p) => !found.has(at(p.path, p.line))).map((p) => p.kind)).toEqual([]);
    expect(findings.filter((f) => !planted.has(at(f.path, f.line))).map((f) => `${f.ruleId} ${f.path}:${f.line}`)).toEqual([]);
  });
});

describe('no planted value appears in any output', () => {
  it('report formats', () => {
    const descriptors = secretRuleDescriptors(builtInDetectors);
    const outputs = {
      text: toText(findings, { colour: false }),
      json: JSON.stringify({ findings }, null, 2),
      sarif: JSON.stringify(toSarif(findings, descriptors, '0.0.0')),
      markdown: toMarkdown(findings),
    };
    for (const [format, out] of Object.entries(outputs)) {
      expect(out.length, format).toBeGreaterThan(1000);
      expect(leaks(out), format).toEqual([]);
    }
  });

  it('review and check-run bodies', () => {
    const changedFiles = corpus.files.map((f) => {
      const lines = Array.from({ length: f.text.split('\n').length }, (_, i) => i + 1);
      return { path: f.path, status: 'added' as const, addedLines: lines, commentableLines: lines };
    });
    const plan = planReview(findings, changedFiles, { event: 'REQUEST_CHANGES', maxComments: 1000, onlyIntroduced: false });
    const check = buildCheckRun(findings, { failOn: 'high', onlyIntroduced: false, renderDiffs: [], resolved: [], leftOut: plan.leftOut, units: [] });
    expect(plan.inline.length).toBeGreaterThan(0);
    expect(leaks(JSON.stringify(plan.review))).toEqual([]);
    expect(leaks(JSON.stringify(check))).toEqual([]);
  });

  it('logs through the exported pino redaction', () => {
    const p = corpus.planted[0];
    let logged = '';
    const sink = new Writable({ write(chunk, _enc, done) { logged += String(chunk); done(); } });
    const log = pino({ redact: { paths: [...pinoRedaction.paths], censor: pinoRedaction.censor } }, sink);
    log.info({ password: p.value, token: p.value, config: { apiKey: p.value }, req: { headers: { authorization: `Bearer ${p.value}` } } }, 'loaded');
    expect(logged).toContain('[redacted]');
    expect(logged).not.toContain(p.value.slice(4, 12));
  });

  describe('CLI output', () => {
    const cwd = process.cwd();
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'gg-noleak-'));
      for (const f of corpus.files) {
        mkdirSync(join(dir, dirname(f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.text);
      }
      process.chdir(dir);
    });
    afterAll(() => process.chdir(cwd));

    async function run(args: string[]): Promise<{ code: number; out: string }> {
      let out = '';
      const spies = [process.stdout, process.stderr].map((s) => vi.spyOn(s, 'write').mockImplementation((c) => { out += String(c); return true; }));
      const program = new Command('gitops-guard').exitOverride();
      register(program);
      registerScan(program);
      let code = -1;
      try {
        await program.parseAsync(['node', 'gitops-guard', ...args]);
      } catch (e) {
        if (!(e instanceof CliExit)) throw e;
        code = e.code;
      } finally {
        spies.forEach((s) => s.mockRestore());
      }
      return { code, out };
    }

    it.each(['text', 'json', 'sarif'])('secrets --format %s', async (format) => {
      const { code, out } = await run(['secrets', '--format', format]);
      expect(code).toBe(1);
      expect(leaks(out)).toEqual([]);
    });

    // Rule findings and their fixes too (test/engine/fix-secrets.test.ts has the fix that would keep a secret's line).
    it.each(['text', 'json', 'sarif'])('scan --format %s, rule fixes included', async (format) => {
      const { code, out } = await run(['scan', '.', '--format', format, '--fail-on', 'never']);
      expect(code).toBe(0);
      expect(out).toMatch(/readOnlyRootFilesystem: true/);
      expect(leaks(out)).toEqual([]);
    }, 60_000);
  });
});
