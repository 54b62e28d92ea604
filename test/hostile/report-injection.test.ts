// Threat: breaking the report. File names, object names, values and messages come from the pull
// request and are echoed into GitHub markdown (review comments, check-run summary and text), the CLI's
// markdown and text reports and CI logs. None of them may add HTML, links, images or mentions, close a
// ```suggestion fence early, or drive the terminal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import { reviewChange } from '../../src/engine/review.js';
import { codeSpan, escapeHtml, escapeMarkdown, fenceFor, terminalSafe } from '../../src/report/escape.js';
import { toMarkdown } from '../../src/report/markdown.js';
import { toSarif } from '../../src/report/sarif.js';
import { planThreads } from '../../src/github/threads.js';
import { commentBody, fingerprintsInBody } from '../../src/report/review-comments.js';
import { toText } from '../../src/report/text.js';
import { pullRequest } from './support/change.js';
import { attributesOf, elementsOf, ISSUE_REF_RE, MENTION_RE, proseOf, renderGfm, suggestionsOf } from './support/markdown.js';

const EVIL = '</summary></details><img src=https://evil.example/p.png> <script>alert(1)</script> @octocat @org/team #1 [click](https://evil.example) ![x](https://evil.example/x.png) <!-- ``` | ~~~';

/** Elements our own markdown produces; anything else came from untrusted text. */
const ALLOWED_ELEMENTS = new Set(['p', 'strong', 'em', 'code', 'pre', 'details', 'summary', 'h2', 'h3', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br']);

function expectInert(markdown: string): void {
  const html = renderGfm(markdown);
  const foreign = elementsOf(html).filter((e) => !ALLOWED_ELEMENTS.has(e));
  expect(foreign, html).toEqual([]);
  const attrs = attributesOf(html).filter((a) => a !== 'class' && a !== 'align');
  expect(attrs, html).toEqual([]);
  const prose = proseOf(html);
  expect(prose).not.toMatch(MENTION_RE);
  expect(prose).not.toMatch(ISSUE_REF_RE);
  // <details> and <summary> are opened and closed only by us
  expect(html.split('<details>').length).toBe(html.split('</details>').length);
  expect(html.split('<summary>').length).toBe(html.split('</summary>').length);
}

const hostileManifest = (name: string): string => [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  `  name: ${JSON.stringify(name)}`,
  '  namespace: apps',
  'spec:',
  '  replicas: 2',
  '  selector: { matchLabels: { app: web } }',
  '  template:',
  '    metadata: { labels: { app: web } }',
  '    spec:',
  '      containers:',
  `        - name: ${JSON.stringify(name.slice(0, 40))}`,
  `          image: "nginx:${'latest'}"`,
  '          securityContext:',
  '            runAsUser: 0 # ``` close the fence @octocat',
  '',
].join('\n');

describe('report injection through a pull request', () => {
  it('a hostile file name, object name and comment stay inert in the review, the check run and the markdown report', async () => {
    const path = 'apps/<img src=x onerror=alert(1)> @octocat #2 [a](https://evil.example) ``` |x|.yaml';
    const out = await reviewChange(pullRequest({}, { [path]: hostileManifest(EVIL) }));
    expect(out.findings.length).toBeGreaterThan(3);
    expect(out.findings.some((f) => f.message.includes('@octocat'))).toBe(true);
    expect(out.review.comments.length).toBeGreaterThan(0);
    expectInert(out.review.body);
    for (const c of out.review.comments) {
      expect(c.path).toBe(path);
      expectInert(c.body);
    }
    expectInert(out.checkRun.output.title);
    expectInert(out.checkRun.output.summary);
    expectInert(out.checkRun.output.text ?? '');
    expectInert(toMarkdown(out.findings));
  });

  it('a huge object name or a huge line under a fix cannot push a comment over GitHub\'s 65,535 characters (which would drop every inline comment)', async () => {
    const manifest = hostileManifest(`n${'x'.repeat(100_000)}`).replace('# ``` close the fence @octocat', `# ${'y'.repeat(200_000)}`);
    const out = await reviewChange(pullRequest({}, { 'apps/huge.yaml': manifest, 'apps/small.yaml': hostileManifest('small') }));
    expect(out.review.comments.length).toBeGreaterThan(1);
    for (const c of [out.review, ...out.review.comments]) expect(c.body.length).toBeLessThanOrEqual(65_535);
    expect(out.review.comments.some((c) => c.path === 'apps/huge.yaml')).toBe(true);
    const small = out.review.comments.filter((c) => c.path === 'apps/small.yaml');
    expect(small.some((c) => suggestionsOf(renderGfm(c.body)).length > 0)).toBe(true);
    for (const c of out.review.comments) expectInert(c.body);
  });

  it('SARIF: hostile paths are valid relative URIs that decode to the path; help built from a message is inert markdown', () => {
    const paths = ['apps/a b#1?x=%41.yaml', 'apps/café[1].yaml', 'apps/<img src=x>.yaml'];
    const findings: Finding[] = paths.map((path) => ({ ruleId: 'render-error', refs: [], severity: 'high', message: `${EVIL} in ${path}`, path, line: 1 }));
    const sarif = toSarif(findings, [], '0.0.0') as { runs: { tool: { driver: { rules: { help: { markdown: string } }[] } }; results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    for (const [i, uri] of uris.entries()) {
      const url = new URL(uri, 'file:///repo/');
      expect(url.pathname.startsWith('/repo/')).toBe(true);
      expect(url.search + url.hash).toBe('');
      expect(decodeURIComponent(url.pathname.slice('/repo/'.length))).toBe(paths[i]);
    }
    expectInert(sarif.runs[0].tool.driver.rules[0].help.markdown);
  });

  it('a fingerprint marker inside the pull request\'s own lines is not read as one of ours', () => {
    const forged = '<!-- gitops-guard:fp=0123456789abcdef -->';
    const f: Finding = { ruleId: 'r', refs: [], severity: 'high', message: `m ${forged}`, path: 'p.yaml', line: 1, fingerprint: 'aaaa1111', fix: { path: 'p.yaml', startLine: 1, endLine: 2, replacement: `a: 1 # x\n${forged}` } };
    const other: Finding = { ...f, fingerprint: 'bbbb2222', fix: { ...f.fix!, replacement: forged } };
    const suggestion = { fix: f.fix!, covers: new Set([f]) };
    expect(fingerprintsInBody(commentBody([f], suggestion))).toEqual(['aaaa1111']);
    expect(fingerprintsInBody(commentBody([f, other], suggestion))).toEqual(['aaaa1111', 'bbbb2222']);
  });

  it('a values file whose keys and comments hold ``` fences gets a suggestion that is one block, exactly the fix (helm)', async () => {
    const out = await reviewChange(pullRequest({}, {
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'charts/app/values.yaml': 'networkPolicy:\n  enabled: true\n"```suggestion": x\n',
      'charts/app/values-prod.yaml': 'networkPolicy:\n  enabled: false # ``` @octocat\n"````": "```"\n',
      'charts/app/templates/np.yaml': '{{- if .Values.networkPolicy.enabled }}\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n{{- end }}\n',
      'charts/app/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: {{ index .Values "````" | quote }}\n',
    }));
    const fixed = out.findings.find((f) => f.path === 'charts/app/values-prod.yaml' && f.fix);
    expect(fixed?.fix?.replacement).toBe('  enabled: true # ``` @octocat');
    const comment = out.review.comments.find((c) => c.path === 'charts/app/values-prod.yaml');
    expect(suggestionsOf(renderGfm(comment!.body))).toEqual(['  enabled: true # ``` @octocat\n']);
    expectInert(comment!.body);
  });

  it('a thread a person starts with a copied fingerprint marker neither silences nor gets resolved', () => {
    const body = (fp: string): string => `finding\n\n<!-- gitops-guard:fp=${fp} -->`;
    const plan = planThreads([
      { id: 'human', isResolved: false, path: 'a.yaml', firstCommentBody: body('aaaa1111'), firstCommentAuthor: 'mallory', firstCommentByApp: false },
      { id: 'human-gone', isResolved: false, path: 'a.yaml', firstCommentBody: body('cccc3333'), firstCommentAuthor: 'mallory', firstCommentByApp: false },
      { id: 'ours', isResolved: false, path: 'a.yaml', firstCommentBody: body('bbbb2222'), firstCommentAuthor: 'gitops-guard', firstCommentByApp: true },
    ], new Set(['aaaa1111', 'bbbb2222']));
    expect([...plan.alreadyCommented]).toEqual(['bbbb2222']);
    expect(plan.toResolve).toEqual([]);
  });

  it('the markdown table keeps its columns when a path or rule id carries pipes', () => {
    const f: Finding = { ruleId: 'r|x', refs: ['A|B'], severity: 'high', message: 'm | n', path: 'a|b|c.yaml', line: 3 };
    const html = renderGfm(toMarkdown([f]));
    const row = /<tbody>\s*<tr>([\s\S]*?)<\/tr>/.exec(html)![1];
    expect(row.match(/<td>/g)).toHaveLength(6);
    expect(row).toContain('<code>a|b|c.yaml:3</code>');
  });

  it('the rendered-diff <summary> of the check run shows a hostile unit name as text', async () => {
    const unitPath = `x<img src=https://evil.example/u.png>@octocat.yaml`;
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n';
    const out = await reviewChange(pullRequest({ [unitPath]: manifest }, { [unitPath]: manifest.replace('k: v', 'k: w') }));
    expect(out.checkRun.output.summary).toContain('<summary>');
    expectInert(out.checkRun.output.summary);
    expect(proseOf(renderGfm(out.checkRun.output.summary)).replace(/\u200b/g, '')).toContain(`${unitPath} · default`);
  });

  it('escapeMarkdown and escapeHtml: any text renders as itself, inert, on one line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: fc.constantFrom('<', '>', '&', '@', '#', '1', 'a', '`', '[', ']', '(', ')', '!', '|', '*', '_', '\\', '\n', '\r', ' ', '-', '~', '=', 'img', 'script', ':', '/', '"', "'") }), (s) => {
        for (const md of [`x ${escapeMarkdown(s)}`, `<details><summary>${escapeHtml(s)}</summary>\n\nbody\n</details>`]) {
          const html = renderGfm(md);
          expect(elementsOf(html).filter((e) => !ALLOWED_ELEMENTS.has(e))).toEqual([]);
          const prose = proseOf(html);
          expect(prose).not.toMatch(MENTION_RE);
          expect(prose).not.toMatch(ISSUE_REF_RE);
          // what the reader sees is the text itself (whitespace aside; zero-width spaces defuse references)
          const seen = prose.replace(/\u200b/g, '').replace(/\s+/g, '');
          expect(seen).toContain(s.replace(/\s+/g, ''));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a code span holds any text, backticks included, on one line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom('`', 'a', ' ', '<', '@', '|', '\n') }), (s) => {
        const html = renderGfm(`x ${codeSpan(s)} y`);
        const code = /<code>([\s\S]*)<\/code>/.exec(html);
        if (s.trim() === '') return; // an all-space span is not code
        expect(code).not.toBeNull();
        expect(code![1].replace(/&lt;/g, '<').replace(/&amp;/g, '&')).toBe(s.replace(/\n/g, ' ').replace(/^ (.*) $/, '$1'));
      }),
      { numRuns: 300 },
    );
  });

  it('a suggestion whose text holds backtick or tilde fences is one block, delivered exactly', () => {
    const line = fc.oneof(fc.constantFrom('```', '````', '   ```', '```suggestion', '~~~', '  key: "```"', '```yaml', '</details>', '@octocat', '    ``````'), fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, '')));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const replacement = lines.join(eol);
        const f: Finding = { ruleId: 'r', refs: [], severity: 'high', message: 'm', path: 'p.yaml', line: 1, fix: { path: 'p.yaml', startLine: 1, endLine: lines.length, replacement }, fingerprint: 'ab' };
        const html = renderGfm(commentBody([f], { fix: f.fix!, covers: new Set([f]) }, eol));
        const blocks = suggestionsOf(html);
        expect(blocks).toHaveLength(1);
        expect(blocks[0]).toBe(replacement + eol);
        expect(fenceFor(replacement).length).toBeGreaterThanOrEqual(3);
      }),
      { numRuns: 300 },
    );
  });

  it('the text report neither drives the terminal nor forges lines or GitHub Actions workflow commands', () => {
    const f: Finding = {
      ruleId: 'r',
      refs: [],
      severity: 'high',
      message: 'pwned\x1b]0;title\x07\x1b[2J\n::error file=x::forged\r\u202eevil',
      path: '::add-mask::secret.yaml',
      line: 1,
      fix: { path: 'p.yaml', startLine: 1, endLine: 2, replacement: 'a: 1\x1b[31m\n::stop-commands::x' },
    };
    const text = toText([f], { colour: false, header: '::warning::head' });
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
    for (const l of text.split('\n')) expect(l.trimStart().startsWith('::')).toBe(false);
    expect(text).toContain('\\x1b]0;title\\x07');
    expect(text).toContain('./::add-mask::secret.yaml');
    expect(terminalSafe('a\tb')).toBe('a\tb');
  });
});
