// Parity with kube-linter and kube-score: the peer-check map is complete and consistent with the
// rules' refs, and our rules reproduce the outcomes the peers' own test suites expect on their
// fixtures, except for the documented differences (divergences.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, ruleById } from '../../rules/index.js';
import { parityRules } from '../../rules/parity/index.js';
import { PEER_CHECKS } from '../../rules/parity/peer-checks.js';
import { linterDivergence, LINTER_DIVERGENCES, scoreDivergence, SCORE_DIVERGENCES } from './divergences.js';
import { CONFORMANCE, fixturesPresent, linterResults, scoreResults, type LinterResult, type ScoreResult } from './harness.js';
import { renderParityMarkdown } from './render-doc.js';

if (!fixturesPresent) console.warn(`peer fixtures not found under ${CONFORMANCE}; skipping the parity suite`);

describe('peer-check map', () => {
  it('holds every kube-linter and kube-score check exactly once', () => {
    const keys = PEER_CHECKS.map((c) => `${c.peer}:${c.check}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect(PEER_CHECKS.filter((c) => c.peer === 'kube-linter')).toHaveLength(63);
    expect(PEER_CHECKS.filter((c) => c.peer === 'kube-score')).toHaveLength(39);
  });
  it.runIf(fixturesPresent)('matches the peers\' own check lists', () => {
    const linter = [...readFileSync(join(CONFORMANCE, 'kube-linter/docs/checks.md'), 'utf8').matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
    const score = [...readFileSync(join(CONFORMANCE, 'kube-score/checks.md'), 'utf8').matchAll(/^\| ([a-z0-9-]+) \|/gm)].map((m) => m[1]);
    expect(PEER_CHECKS.filter((c) => c.peer === 'kube-linter').map((c) => c.check).sort()).toEqual(linter.sort());
    expect(PEER_CHECKS.filter((c) => c.peer === 'kube-score').map((c) => c.check).sort()).toEqual(score.sort());
  });
  it('maps to rules that exist, and gives a reason wherever it maps to none', () => {
    for (const c of PEER_CHECKS) {
      expect(c.rules.filter((id) => !ruleById(id)), `${c.peer}:${c.check}`).toEqual([]);
      if (c.status === 'not-applicable') expect(c.note?.length ?? 0, `${c.peer}:${c.check} needs a reason`).toBeGreaterThan(20);
      else expect(c.rules.length, `${c.peer}:${c.check}`).toBeGreaterThan(0);
    }
  });
  it('agrees with the refs of the rules: implemented checks are referenced by their rule, and every KL:/KS: ref is mapped back', () => {
    const prefix = { 'kube-linter': 'KL', 'kube-score': 'KS' } as const;
    for (const c of PEER_CHECKS.filter((x) => x.status === 'implemented')) {
      const ref = `${prefix[c.peer]}:${c.check}`;
      expect(c.rules.some((id) => ruleById(id)!.meta.refs.includes(ref)), ref).toBe(true);
    }
    for (const rule of allRules) {
      for (const ref of rule.meta.refs.filter((r) => /^K[LS]:/.test(r))) {
        const [p, check] = ref.split(':');
        const entry = PEER_CHECKS.find((c) => prefix[c.peer] === p && c.check === check);
        expect(entry?.rules, `${rule.meta.id} → ${ref}`).toContain(rule.meta.id);
      }
    }
  });
  it('is where every parity rule comes from: each one implements at least one peer check', () => {
    for (const rule of parityRules) expect(PEER_CHECKS.some((c) => c.status === 'implemented' && c.rules.includes(rule.meta.id)), rule.meta.id).toBe(true);
  });
});

const linter: LinterResult[] = fixturesPresent ? linterResults() : [];
const score: ScoreResult[] = fixturesPresent ? scoreResults() : [];
const linterAgree = linter.filter((r) => r.agree).length;
const scoreAgree = score.filter((r) => r.agree).length;

describe.runIf(fixturesPresent)(`kube-linter fixtures: ${linterAgree}/${linter.length} single-check e2e tests agree exactly`, () => {
  it.each(linter.map((r) => [`${r.check} (${r.status}): expected ${r.expectedCount} reports [${r.expectedKinds.join(', ')}], ours ${r.ourCount} [${r.ourKinds.join(', ')}]${r.onNegatives ? `, ${r.onNegatives} on dont-fire objects` : ''}`, r] as const))('%s', (_name, r) => {
    const known = linterDivergence(r.check);
    expect(r.agree, known ? `documented difference no longer differs: ${known.reason}` : 'undocumented difference').toBe(!known);
  });
  it(`agreement figure: ${linterAgree} of ${linter.length}, every difference documented`, () => {
    expect(linterAgree).toBe(linter.length - LINTER_DIVERGENCES.length);
    expect(linter.length).toBeGreaterThanOrEqual(45);
  });
});

describe.runIf(fixturesPresent)(`kube-score fixtures: ${scoreAgree}/${score.length} graded assertions agree`, () => {
  it.each(score.map((r) => [`${r.check} on ${r.file} (${r.test}): expected ${r.expectFlagged ? 'flagged' : 'clean'}, ours ${r.flagged ? 'flagged' : 'clean'}`, r] as const))('%s', (_name, r) => {
    const known = scoreDivergence(r.check, r.file);
    expect(r.agree, known ? `documented difference no longer differs: ${known.reason}` : 'undocumented difference').toBe(!known);
  });
  it(`agreement figure: ${scoreAgree} of ${score.length}, every difference documented`, () => {
    const documented = SCORE_DIVERGENCES.reduce((n, d) => n + score.filter((r) => r.check === d.check && (d.files ?? []).includes(r.file)).length, 0);
    expect(scoreAgree).toBe(score.length - documented);
    expect(score.length).toBeGreaterThanOrEqual(150);
  });
});

describe.runIf(fixturesPresent)('docs/parity.md', () => {
  it('is up to date with the map and the measured agreement (regenerate: node --import tsx test/parity/write-parity-doc.ts)', () => {
    const path = new URL('../../docs/parity.md', import.meta.url);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(renderParityMarkdown({ linter, score }));
  });
});
