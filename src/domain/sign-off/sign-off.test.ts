import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateAssessment } from '../../demo/generate-assessment.ts';
import { bundledFramework } from '../../reference/frameworks.ts';
import { emptyCase } from '../assessment/types.ts';
import { caseProgress, isCaseComplete } from './case-progress.ts';
import { signOffBlockers, signOffChecklist, type SignOffInput } from './checklist.ts';
import { casesCompleteText, ratingsStanding } from './provisional.ts';

const framework = bundledFramework();

const ready: SignOffInput = {
  cases: [{ caseRef: 'C1', complete: true }, { caseRef: 'C2', complete: true }],
  standards: [
    { id: '1.1', name: 'Leadership', treatment: 'rated', assessedBy: 'lead-inspector-judgement', rating: 'Good' },
    { id: '2.2', name: 'Assessment', treatment: 'rated', assessedBy: 'case-assessment', rating: 'Requires improvement' },
    { id: '2.7', name: 'Outcomes', treatment: 'reported-unrated', assessedBy: 'case-outcomes', rating: null },
  ],
  judgements: [{ id: 'diversity', name: 'Diversity', rating: 'Good' }],
  dipSample: [{ caseRef: 'C1', assessorName: 'Ivo', submitted: true }],
  openDisagreements: [],
};

describe('which cases are complete', () => {
  it('counts a generated (finished) case as complete, and an empty or half-done one as not', () => {
    const [done] = generateAssessment(framework, { seed: 3, cases: 1, windowStart: '2026-03-01' }).cases;
    expect(isCaseComplete(framework, done!)).toBe(true);
    const half = { ...done!, answers: Object.fromEntries(Object.entries(done!.answers).filter(([k]) => !k.startsWith('2.3'))) };
    expect(isCaseComplete(framework, half)).toBe(false);
    expect(caseProgress(framework, [done!, half, emptyCase('E1')])).toEqual({ casesComplete: 1, casesTotal: 3, incomplete: [half.caseRef, 'E1'] });
  });
});

describe('provisional ratings', () => {
  it('are provisional until the inspection is signed off with every case complete', () => {
    expect(ratingsStanding({ signedOff: false, casesComplete: 40, casesTotal: 40 }).provisional).toBe(true);
    expect(ratingsStanding({ signedOff: true, casesComplete: 39, casesTotal: 40 }).provisional).toBe(true);
    expect(ratingsStanding({ signedOff: true, casesComplete: 40, casesTotal: 40 })).toEqual({ provisional: false, casesComplete: 40, casesTotal: 40 });
    expect(casesCompleteText(ratingsStanding({ signedOff: false, casesComplete: 12, casesTotal: 40 }))).toBe('12 of 40 cases complete');
    expect(casesCompleteText({ casesComplete: 0, casesTotal: 1 })).toBe('0 of 1 case complete');
  });

  it('are final exactly when signed off and complete, whatever the counts', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.nat(60), fc.nat(60), (signedOff, a, b) => {
        const [casesComplete, casesTotal] = a <= b ? [a, b] : [b, a];
        expect(ratingsStanding({ signedOff, casesComplete, casesTotal }).provisional).toBe(!(signedOff && casesComplete === casesTotal));
      }),
    );
  });
});

describe('the sign-off checklist', () => {
  it('has nothing to block a finished inspection', () => {
    const checks = signOffChecklist(ready);
    expect(checks.map((c) => [c.id, c.done])).toEqual([['cases', true], ['ratings', true], ['second-assessments', true], ['disagreements', true]]);
    expect(signOffBlockers(checks)).toEqual([]);
    expect(checks.map((c) => c.summary)).toEqual(['2 of 2 cases complete', '3 of 3 rated', '1 of 1 dip-sampled case submitted', 'No disagreement is left to settle']);
  });

  it('lists every blocker, each with where it is fixed', () => {
    const blockers = signOffBlockers(
      signOffChecklist({
        cases: [{ caseRef: 'C1', complete: false }, { caseRef: 'C2', complete: true }, { caseRef: 'C3', complete: false }],
        standards: [
          { id: '1.1', name: 'Leadership', treatment: 'rated', assessedBy: 'lead-inspector-judgement', rating: null },
          { id: '2.2', name: 'Assessment', treatment: 'rated', assessedBy: 'case-assessment', rating: null },
          { id: '2.7', name: 'Outcomes', treatment: 'reported-unrated', assessedBy: 'case-outcomes', rating: null },
        ],
        judgements: [{ id: 'diversity', name: 'Diversity', rating: null }],
        dipSample: [{ caseRef: 'C1', assessorName: null, submitted: false }, { caseRef: 'C2', assessorName: 'Ivo Inspector', submitted: false }, { caseRef: 'C3', assessorName: 'Ivo Inspector', submitted: true }],
        openDisagreements: [{ caseRef: 'C3', item: '2.2.1', first: 'yes', second: 'no' }],
      }),
    );
    expect(blockers).toEqual([
      { check: 'cases', text: 'Case C1 is not complete', fixAt: { page: 'case', caseRef: 'C1' } },
      { check: 'cases', text: 'Case C3 is not complete', fixAt: { page: 'case', caseRef: 'C3' } },
      { check: 'ratings', text: 'Rate standard 1.1 Leadership', fixAt: { page: 'domain-one', standardId: '1.1' } },
      { check: 'ratings', text: 'Standard 2.2 Assessment has no rating yet (its explanation says why)', fixAt: { page: 'standard', standardId: '2.2' } },
      { check: 'ratings', text: 'Make the diversity judgement', fixAt: { page: 'judgements', itemId: 'diversity' } },
      { check: 'second-assessments', text: 'Case C1: choose its second assessor', fixAt: { page: 'second-assessments', caseRef: 'C1' } },
      { check: 'second-assessments', text: 'Case C2: the second assessment by Ivo Inspector is not submitted', fixAt: { page: 'second-assessments', caseRef: 'C2' } },
      { check: 'disagreements', text: 'Case C3, 2.2.1: settle the disagreement (first assessment yes, second assessment no)', fixAt: { page: 'disagreements', caseRef: 'C3', item: '2.2.1' } },
    ]);
  });

  it('refuses an inspection with no cases', () => {
    const [cases] = signOffChecklist({ ...ready, cases: [] });
    expect(cases).toMatchObject({ done: false, summary: '0 of 0 cases complete', blockers: [{ text: expect.stringContaining('There are no cases') }] });
  });

  const arbitraryInput: fc.Arbitrary<SignOffInput> = fc.record({
    cases: fc.array(fc.record({ caseRef: fc.stringMatching(/^C\d{1,3}$/), complete: fc.boolean() }), { maxLength: 8 }),
    standards: fc.array(
      fc.record({ id: fc.constantFrom('1.1', '1.2', '2.1', '2.2'), name: fc.constant('S'), treatment: fc.constantFrom('rated', 'reported-unrated', 'national-only'), assessedBy: fc.constantFrom('lead-inspector-judgement', 'case-assessment'), rating: fc.option(fc.constantFrom('Good', 'Inadequate'), { nil: null }) }),
      { maxLength: 6 },
    ),
    judgements: fc.array(fc.record({ id: fc.constant('diversity'), name: fc.constant('Diversity'), rating: fc.option(fc.constant('Good'), { nil: null }) }), { maxLength: 1 }),
    dipSample: fc.array(fc.record({ caseRef: fc.stringMatching(/^C\d{1,3}$/), assessorName: fc.option(fc.constant('Ivo'), { nil: null }), submitted: fc.boolean() }), { maxLength: 5 }),
    openDisagreements: fc.array(fc.record({ caseRef: fc.constant('C1'), item: fc.constantFrom('2.2.1', '2.3.1'), first: fc.constant('yes'), second: fc.constant('no') }), { maxLength: 3 }),
  });

  it('leaves nothing of quality assurance half-open when it lets an inspection be signed off', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const checks = signOffChecklist(input);
        const clear = signOffBlockers(checks).length === 0;
        const finished =
          input.cases.length > 0 &&
          input.cases.every((c) => c.complete) &&
          input.standards.every((s) => s.treatment !== 'rated' || s.rating !== null) &&
          input.judgements.every((j) => j.rating !== null) &&
          input.dipSample.every((s) => s.submitted) &&
          input.openDisagreements.length === 0;
        expect(clear).toBe(finished);
        // Each check is done exactly when it has no blocker.
        for (const c of checks) expect(c.done).toBe(c.blockers.length === 0);
      }),
    );
  });
});
