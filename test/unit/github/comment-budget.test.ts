// review.maxComments as a budget for the whole pull request.
import { describe, expect, it } from 'vitest';
import { commentBudget, overBudgetNote } from '../../../src/app/comment-budget.js';
import type { Finding } from '../../../src/core/types.js';

describe('commentBudget', () => {
  it('subtracts the comments already on the PR, never below zero; the all-findings button gets its own', () => {
    expect(commentBudget(5, 0)).toBe(5);
    expect(commentBudget(5, 3)).toBe(2);
    expect(commentBudget(5, 9)).toBe(0);
    expect(commentBudget(5, 9, true)).toBe(5);
  });
});

describe('overBudgetNote', () => {
  const finding = { ruleId: 'r' } as Finding;
  it('says how many findings the budget left out, and why', () => {
    expect(overBudgetNote([], 2, 2)).toBe('');
    expect(overBudgetNote([finding, finding, finding], 2, 2)).toMatch(/^ℹ️ 3 findings were left out of inline comments: `review.maxComments: 2` allows 2 comments per pull request and 2 are already on it\./);
    expect(overBudgetNote([finding], 1, 0)).toMatch(/^ℹ️ 1 finding was left out of inline comments: `review.maxComments: 1` allows 1 comment per pull request\./);
  });
});
