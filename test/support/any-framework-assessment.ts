// A seeded assessment for any framework, read from its file alone: every case attribute given a
// value of its type, every applicable key question and prompt answered, every standard judged for
// the service rated (those the framework leaves unrated without relevant cases, only sometimes).
// For the suites that run against every shipped framework; the demonstration generator
// (src/demo/generate-assessment.ts) is the adult framework's.
import { applicableItems } from '../../src/domain/assessment/applicability.ts';
import type { CaseAssessment, InspectionAssessment } from '../../src/domain/assessment/types.ts';
import type { Framework } from '../../src/domain/framework/framework.ts';
import { seededRandom } from '../../src/domain/sampling/seeded-random.ts';

export function anyFrameworkAssessment(framework: Framework, seed: number, cases: number): InspectionAssessment {
  const random = seededRandom(seed);
  const one = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const built: CaseAssessment[] = Array.from({ length: cases }, (_, i) => {
    const c: CaseAssessment = { caseRef: `ANY-${String(i + 1).padStart(3, '0')}`, attributes: {}, answers: {}, outcomes: {}, evidence: {} };
    for (const a of framework.definition.caseAttributes) {
      if (!a.required && random() < 0.2) continue;
      c.attributes[a.id] = a.type === 'choice' ? one(a.values!) : a.type === 'yes-no' ? one(['yes', 'no']) : a.type === 'date' ? `2026-03-${String(2 + (i % 14)).padStart(2, '0')}` : `note ${i}`;
    }
    for (const id of applicableItems(framework, c)) {
      const kind = framework.item(id)!.kind;
      c.answers[id] = kind === 'prompt' && random() < 0.05 ? 'na' : random() < 0.7 ? 'yes' : 'no';
      if (kind === 'outcome-question') c.outcomes[id] = { progress: c.answers[id] === 'yes' ? 'sufficient' : 'none' };
    }
    return c;
  });
  const judgements: InspectionAssessment['judgements'] = {};
  for (const s of framework.judgementStandards)
    if (!framework.notRatedWithoutCases(s.id) || random() < 0.5) judgements[s.id] = { rating: one(framework.ratingScale), rationale: `Rationale for ${s.id}` };
  for (const j of framework.definition.rules.judgements) judgements[j.id] = { rating: one(framework.ratingScale) };
  return { frameworkKey: framework.key, cases: built, judgements };
}
