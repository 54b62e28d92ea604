import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import type { ChangedFile } from '../../src/engine/review-types.js';
import { fingerprintsInBody, planReview } from '../../src/report/review-comments.js';
import { bodyErrors } from '../support/openapi-body.js';

const changed: ChangedFile[] = [{ path: 'values-prod.yaml', status: 'modified', addedLines: [5, 6], commentableLines: [2, 3, 4, 5, 6, 7, 8, 20, 21, 22] }];

function finding(over: Partial<Finding>): Finding {
  return { ruleId: 'image-not-pinned-by-digest', refs: ['GAP-6'], severity: 'high', message: 'image uses a tag', path: 'values-prod.yaml', line: 5, introduced: true, fingerprint: 'aaaa1111', ...over };
}

const opts = { event: 'COMMENT' as const, maxComments: 30, onlyIntroduced: true, headSha: 'a'.repeat(40) };

describe('planReview', () => {
  it('turns a fix into a suggestion spanning exactly its lines', () => {
    const f = finding({ fix: { path: 'values-prod.yaml', startLine: 5, endLine: 6, replacement: '    repository: x\n    digest: "sha256:abc"' } });
    const { review, inline } = planReview([f], changed, opts);
    expect(inline).toEqual([f]);
    expect(review.comments).toHaveLength(1);
    const c = review.comments[0];
    expect([c.start_line, c.line, c.side, c.start_side]).toEqual([5, 6, 'RIGHT', 'RIGHT']);
    expect(c.body).toContain('```suggestion\n    repository: x\n    digest: "sha256:abc"\n```');
    expect(fingerprintsInBody(c.body)).toEqual(['aaaa1111']);
    expect(bodyErrors('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', review)).toEqual([]);
  });

  it('keeps pre-existing and off-diff findings out of the inline comments', () => {
    const old = finding({ introduced: false, fingerprint: 'b1' });
    const off = finding({ line: 12, fingerprint: 'b2' });
    const acrossHunks = finding({ line: 8, fingerprint: 'b3', fix: { path: 'values-prod.yaml', startLine: 8, endLine: 20, replacement: 'x' } });
    const plan = planReview([old, off, acrossHunks], changed, opts);
    expect(plan.review.comments.map((c) => [c.line, c.start_line])).toEqual([[8, undefined]]);
    expect(plan.review.comments[0].body).not.toContain('```suggestion');
    expect(plan.leftOut.map((f) => f.fingerprint)).toEqual(['b2']);
    expect(plan.overCap).toEqual([]);
  });

  it('caps the number of comments and lists the rest as left out', () => {
    const many = [2, 3, 4, 5, 6, 7].map((line, i) => finding({ line, fingerprint: `c${i}` }));
    const plan = planReview(many, changed, { ...opts, maxComments: 2 });
    expect(plan.review.comments).toHaveLength(2);
    expect(plan.leftOut).toHaveLength(4);
    expect(plan.overCap.map((f) => f.fingerprint)).toEqual(['c2', 'c3', 'c4', 'c5']);
  });

  it('uses a longer fence when the replacement holds backticks, and defuses mentions', () => {
    const f = finding({ message: 'ping @octocat <b>x</b>', fix: { path: 'values-prod.yaml', startLine: 5, endLine: 5, replacement: 'note: "```"' } });
    const body = planReview([f], changed, opts).review.comments[0].body;
    expect(body).toContain('````suggestion\nnote: "```"\n````');
    expect(body).not.toMatch(/@octocat/);
    expect(body).not.toContain('<b>');
  });

  it('comments once on a finding shown at several places (one fingerprint, one thread)', () => {
    const here = finding({ line: 5, fingerprint: 'abcd1234', ruleId: 'network-policy-not-enforced', message: 'namespace apps has no default-deny NetworkPolicy' });
    const there = { ...here, line: 21 };
    const plan = planReview([here, there], changed, opts);
    expect(plan.review.comments).toHaveLength(1);
    expect(plan.review.comments.flatMap((c) => fingerprintsInBody(c.body))).toEqual(['abcd1234']);
  });

  it('does not comment again on fingerprints already in open threads', () => {
    const plan = planReview([finding({})], changed, { ...opts, alreadyCommented: new Set(['aaaa1111']) });
    expect(plan.review.comments).toEqual([]);
  });

  it('merges the fixes of several findings on one mapping into the one suggestion of a comment', () => {
    const head = '    securityContext:';
    const fix = (entries: string, description: string) => ({ path: 'values-prod.yaml', startLine: 5, endLine: 5, replacement: `${head}\n${entries}`, description });
    const escalation = finding({ ruleId: 'platform-pod-security-context', line: 3, fingerprint: 'd1', fix: fix('      allowPrivilegeEscalation: false', 'Set allowPrivilegeEscalation: false') });
    const samePss = finding({ ruleId: 'pss-allow-privilege-escalation', line: 5, fingerprint: 'd2', fix: fix('      allowPrivilegeEscalation: false', 'Pod Security: set it to false') });
    const caps = finding({ ruleId: 'pss-capabilities-restricted', line: 5, fingerprint: 'd3', fix: fix('      capabilities:\n        drop:\n          - ALL', 'Drop all capabilities') });
    const clash = finding({ ruleId: 'other', line: 6, fingerprint: 'd4', fix: fix('      allowPrivilegeEscalation: true', 'Allow it') });
    const plan = planReview([escalation, samePss, caps, clash], changed, opts);
    expect(plan.review.comments.map((c) => [c.line, c.start_line])).toEqual([[5, undefined], [6, undefined]]);
    const [merged, separate] = plan.review.comments;
    expect(merged.body.match(/```suggestion/g)).toHaveLength(1);
    expect(merged.body).toContain(`\`\`\`suggestion\n${head}\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop:\n          - ALL\n\`\`\``);
    expect(merged.body).toContain('Set allowPrivilegeEscalation: false; Drop all capabilities');
    expect(merged.body.match(/The suggestion above fixes this too/g)).toHaveLength(2);
    expect(fingerprintsInBody(merged.body).sort()).toEqual(['d1', 'd2', 'd3']);
    // The conflicting fix cannot share the lines: its finding is commented on its own line, with the change shown.
    expect(separate.body).not.toContain('```suggestion');
    expect(separate.body).toContain('Proposed change to `values-prod.yaml:5-5`');
    expect(plan.inline).toHaveLength(4);
    expect(bodyErrors('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', plan.review)).toEqual([]);
  });

  it('keeps one of two suggestions that share no line but break the file together, and says it covers the other', () => {
    const template = ['spec:', '  containers:', '    - name: web', '      securityContext:', '        runAsNonRoot: true', '        capabilities:', '          drop: [ALL]', '      image: x'].join('\n');
    const files: ChangedFile[] = [{ path: 'deploy.yaml', status: 'modified', addedLines: [5, 6, 7], commentableLines: [1, 2, 3, 4, 5, 6, 7, 8] }];
    const rofs = finding({ ruleId: 'read-only-root-filesystem', path: 'deploy.yaml', line: 4, fingerprint: 'b1', fix: { path: 'deploy.yaml', startLine: 4, endLine: 4, replacement: '      securityContext:\n        readOnlyRootFilesystem: true' } });
    const helper = finding({ ruleId: 'helm-hardcoded-security-context', severity: 'medium', path: 'deploy.yaml', line: 5, fingerprint: 'c1', fix: { path: 'deploy.yaml', startLine: 5, endLine: 7, replacement: '        {{- include "app.sc" . | nindent 8 }}', description: 'Use the helper' } });
    const plan = planReview([rofs, helper], files, { ...opts, read: () => template });
    expect(plan.review.comments).toHaveLength(1);
    const [comment] = plan.review.comments;
    expect([comment.start_line, comment.line]).toEqual([5, 7]);
    expect(comment.body.match(/```suggestion/g)).toHaveLength(1);
    expect(comment.body).toContain('include "app.sc"');
    expect(comment.body).toContain('The suggestion above covers this too');
    expect(fingerprintsInBody(comment.body).sort()).toEqual(['b1', 'c1']);
    // A fix that only replaces a value inside the same mapping composes with the insertion: both stay.
    const scalar = finding({ ruleId: 'pss-run-as-non-root', path: 'deploy.yaml', line: 5, fingerprint: 'd5', fix: { path: 'deploy.yaml', startLine: 5, endLine: 5, replacement: '        runAsNonRoot: false' } });
    expect(planReview([rofs, scalar], files, { ...opts, read: () => template }).review.comments.filter((c) => c.body.includes('```suggestion'))).toHaveLength(2);
  });

  it('keeps the outer of two nested suggestions', () => {
    const files: ChangedFile[] = [{ path: 'a.yaml', status: 'added', addedLines: [1, 2, 3, 4], commentableLines: [1, 2, 3, 4] }];
    const inner = finding({ ruleId: 'inner', path: 'a.yaml', line: 3, fingerprint: 'e1', fix: { path: 'a.yaml', startLine: 3, endLine: 3, replacement: '    value: b' } });
    const outer = finding({ ruleId: 'outer', severity: 'low', path: 'a.yaml', line: 2, fingerprint: 'f1', fix: { path: 'a.yaml', startLine: 2, endLine: 4, replacement: '  - name: kept' } });
    const plan = planReview([inner, outer], files, opts);
    expect(plan.review.comments).toHaveLength(1);
    expect(plan.review.comments[0].body).toContain('```suggestion\n  - name: kept\n```');
    expect(plan.review.comments[0].body).toContain('The suggestion above covers this too');
    expect(plan.review.comments[0].body).not.toContain('Proposed change');
  });
});
