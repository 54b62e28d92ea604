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
});
