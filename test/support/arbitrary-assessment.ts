// fast-check generators of valid inspection assessments under a framework: attributes first, then
// an answer for every applicable item, so that anything generated could have been recorded.
import fc from 'fast-check';
import { itemApplies, keyQuestionApplies } from '../../src/domain/assessment/applicability.ts';
import type { Answer, CaseAssessment, InspectionAssessment } from '../../src/domain/assessment/types.ts';
import type { Framework } from '../../src/domain/framework/framework.ts';

export const arbitraryCase = (framework: Framework, caseRef: string): fc.Arbitrary<CaseAssessment> =>
  fc
    .record({
      sentence_type: fc.constantFrom('community', 'post-custody'),
      rosh: fc.constantFrom('low', 'medium', 'high', 'very-high'),
      psr_prepared: fc.constantFrom('yes', 'no'),
      victim_contact_eligible: fc.constantFrom('yes', 'no'),
      answers: fc.array(fc.constantFrom<Answer>('yes', 'no', 'na'), { minLength: framework.items.length, maxLength: framework.items.length }),
      kqBias: fc.constantFrom<Answer[]>(['yes', 'no'], ['yes', 'yes', 'no'], ['yes', 'no', 'no', 'na']),
      kqPicks: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    })
    .map(({ answers, kqBias, kqPicks, ...attributes }) => {
      const c: CaseAssessment = {
        caseRef,
        attributes: { ...attributes, start_date: '2026-03-02' },
        answers: {},
        outcomes: {},
        evidence: {},
      };
      let kqCount = 0;
      framework.items.forEach((item, i) => {
        // Domain-one prompts are the lead inspector's, not questions asked of a case.
        if (item.standard.assessedBy === 'lead-inspector-judgement') return;
        const applies =
          item.kind === 'key-question'
            ? keyQuestionApplies(item.standard, item.keyQuestion, c)
            : itemApplies(framework, item.id, c);
        if (!applies) return;
        c.answers[item.id] = item.kind === 'key-question' ? kqBias[kqPicks[kqCount++ % 40]! % kqBias.length]! : answers[i]!;
      });
      return c;
    });

export const arbitraryAssessment = (
  framework: Framework,
  options: { minCases?: number; maxCases?: number } = {},
): fc.Arbitrary<InspectionAssessment> => {
  const rating = fc.constantFrom(...framework.ratingScale);
  const judgementIds = [...framework.judgementStandards.map((s) => s.id), ...framework.definition.rules.judgements.map((j) => j.id)];
  return fc
    .record({
      count: fc.integer({ min: options.minCases ?? 1, max: options.maxCases ?? 30 }),
      judgements: fc.record(Object.fromEntries(judgementIds.map((id) => [id, fc.option(rating, { nil: undefined })]))),
    })
    .chain(({ count, judgements }) =>
      fc.tuple(...Array.from({ length: count }, (_, i) => arbitraryCase(framework, `C${String(i + 1).padStart(3, '0')}`))).map((cases) => ({
        frameworkKey: framework.key,
        cases,
        judgements: Object.fromEntries(
          Object.entries(judgements)
            .filter((e): e is [string, string] => e[1] !== undefined)
            .map(([id, r]) => [id, { rating: r }]),
        ),
      })),
    );
};

/**
 * A community case with every applicable key question judged as given, and each applicable prompt
 * answered yes (no where its key question is no): for tests that set the judgements by hand.
 */
export function caseJudged(framework: Framework, caseRef: string, judgement: (kq: string) => 'yes' | 'no' | 'na', attributes: Record<string, string> = {}): CaseAssessment {
  const c: CaseAssessment = {
    caseRef,
    attributes: { sentence_type: 'community', rosh: 'medium', start_date: '2026-03-02', psr_prepared: 'yes', victim_contact_eligible: 'no', ...attributes },
    answers: {},
    outcomes: {},
    evidence: {},
  };
  for (const s of framework.caseStandards)
    for (const kq of s.keyQuestions) {
      if (s.appliesWhen && c.attributes[s.appliesWhen.attribute] !== s.appliesWhen.equals) continue;
      c.answers[kq.id] = judgement(kq.id);
      for (const p of kq.prompts) if (!p.appliesWhen || c.attributes[p.appliesWhen.attribute] === p.appliesWhen.equals) c.answers[p.id] = c.answers[kq.id] === 'no' ? 'no' : 'yes';
    }
  return c;
}
