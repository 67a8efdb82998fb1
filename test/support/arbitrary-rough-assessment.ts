// Assessments as they may really be stored, not only as a form would record them: condition
// attributes missing, empty or odd; answers on items that do not apply; answers left out; outcome
// details anywhere. For checking that two ways of rating agree on everything, not just on tidy data.
import fc from 'fast-check';
import type { Answer, CaseAssessment, InspectionAssessment, Progress } from '../../src/domain/assessment/types.ts';
import type { Framework } from '../../src/domain/framework/framework.ts';
import { arbitraryAssessment } from './arbitrary-assessment.ts';

const roughening = (framework: Framework) =>
  fc.record({
    /** What happens to each attribute a condition reads: kept, dropped, emptied or changed. */
    attributes: fc.array(fc.constantFrom('keep', 'keep', 'keep', 'drop', 'empty', 'other'), { minLength: 3, maxLength: 3 }),
    /** Items answered whatever their applicability, and items whose answer is removed. */
    stray: fc.array(fc.tuple(fc.nat(framework.items.length - 1), fc.constantFrom<Answer>('yes', 'no', 'na')), { maxLength: 6 }),
    removed: fc.array(fc.nat(framework.items.length - 1), { maxLength: 4 }),
    outcomes: fc.array(
      fc.tuple(fc.nat(3), fc.option(fc.constantFrom<Progress>('sufficient', 'some', 'none'), { nil: undefined }), fc.option(fc.boolean(), { nil: undefined })),
      { maxLength: 4 },
    ),
  });

const CONDITION_ATTRIBUTES = ['psr_prepared', 'sentence_type', 'victim_contact_eligible'];

type Roughening = ReturnType<typeof roughening> extends fc.Arbitrary<infer T> ? T : never;

function roughen(framework: Framework, c: CaseAssessment, r: Roughening): CaseAssessment {
  const out = structuredClone(c);
  r.attributes.forEach((what, i) => {
    const attribute = CONDITION_ATTRIBUTES[i]!;
    if (what === 'drop') delete out.attributes[attribute];
    else if (what === 'empty') out.attributes[attribute] = '';
    else if (what === 'other') out.attributes[attribute] = 'unknown value';
  });
  for (const [i, answer] of r.stray) out.answers[framework.items[i]!.id] = answer;
  for (const i of r.removed) delete out.answers[framework.items[i]!.id];
  const outcomeIds = framework.items.filter((i) => i.kind === 'outcome-question').map((i) => i.id);
  for (const [i, progress, stabilityCredited] of r.outcomes) {
    const id = outcomeIds[i % outcomeIds.length]!;
    out.outcomes[id] = { ...(progress ? { progress } : {}), ...(stabilityCredited !== undefined ? { stabilityCredited } : {}) };
  }
  return out;
}

/** A valid assessment whose cases are each left alone or roughened. */
export const arbitraryRoughAssessment = (framework: Framework, options: { minCases?: number; maxCases?: number } = {}): fc.Arbitrary<InspectionAssessment> =>
  arbitraryAssessment(framework, options).chain((a) =>
    fc.array(fc.option(roughening(framework), { freq: 2 }), { minLength: a.cases.length, maxLength: a.cases.length }).map((rough) => ({
      ...a,
      cases: a.cases.map((c, i) => (rough[i] ? roughen(framework, c, rough[i]) : c)),
    })),
  );
