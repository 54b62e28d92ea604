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
  });

  it('caps the number of comments and lists the rest as left out', () => {
    const many = [2, 3, 4, 5, 6, 7].map((line, i) => finding({ line, fingerprint: `c${i}` }));
    const plan = planReview(many, changed, { ...opts, maxComments: 2 });
    expect(plan.review.comments).toHaveLength(2);
    expect(plan.leftOut).toHaveLength(4);
  });

  it('uses a longer fence when the replacement holds backticks, and defuses mentions', () => {
    const f = finding({ message: 'ping @octocat <b>x</b>', fix: { path: 'values-prod.yaml', startLine: 5, endLine: 5, replacement: 'note: "```"' } });
    const body = planReview([f], changed, opts).review.comments[0].body;
    expect(body).toContain('````suggestion\nnote: "```"\n````');
    expect(body).not.toMatch(/@octocat/);
    expect(body).not.toContain('<b>');
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
});
