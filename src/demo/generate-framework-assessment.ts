// Generated (not real) case assessments for any framework, read from its file alone: cases split by
// the attribute whose role is the case type (court and out-of-court for youth justice), every other
// choice attribute drawn from its values, every applicable key question and prompt answered, and
// every standard judged for the service rated with a labelled rationale. Seeded: the same seed
// gives the same cases. The mixes are plausible, not sourced. For the youth demonstration.
import { applicableItems } from '../domain/assessment/applicability.ts';
import type { CaseAssessment, InspectionAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { seededRandom } from '../domain/sampling/seeded-random.ts';
import { GENERATED_LABEL } from './generate-assessment.ts';

export interface FrameworkAssessmentOptions {
  seed: number;
  cases: number;
  /** Case references: this, then a three-digit number. */
  caseRefPrefix: string;
  /** First day of the window the cases began in (two weeks from here). */
  windowStart: string;
  /** The chance of a sufficient judgement on a key question or a prompt. */
  sufficient?: number;
  /** Rate the standards left unrated without relevant cases (e.g. youth resettlement: a custody case was found). */
  relevantCasesFound?: boolean;
  /** Moves the lead's judgements from the middle of the scale by this many steps (-1: a weaker service's). */
  judgementShift?: number;
}

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export function generateFrameworkAssessment(framework: Framework, o: FrameworkAssessmentOptions): InspectionAssessment {
  const random = seededRandom(o.seed);
  const one = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const caseType = framework.attributeWithRole('case-type');
  const start = framework.attributeWithRole('start-date');
  const sufficient = o.sufficient ?? 0.72;
  const cases: CaseAssessment[] = Array.from({ length: o.cases }, (_, i) => {
    const c: CaseAssessment = { caseRef: `${o.caseRefPrefix}${String(i + 1).padStart(3, '0')}`, attributes: {}, answers: {}, outcomes: {}, evidence: { '': `${GENERATED_LABEL} A generated case.` } };
    for (const a of framework.definition.caseAttributes) {
      // The case type alternates through its values, so every kind of case is in the sample.
      if (a === caseType) c.attributes[a.id] = a.values![i % a.values!.length]!;
      else if (a === start) c.attributes[a.id] = addDays(o.windowStart, Math.floor(random() * 14));
      else if (a.type === 'choice' && (a.required || random() < 0.85)) c.attributes[a.id] = one(a.values!);
      else if (a.type === 'yes-no' && random() < 0.85) c.attributes[a.id] = random() < 0.25 ? 'yes' : 'no';
    }
    for (const id of applicableItems(framework, c)) {
      const kind = framework.item(id)!.kind;
      c.answers[id] = kind === 'prompt' && random() < 0.04 ? 'na' : random() < sufficient ? 'yes' : 'no';
      if (kind === 'outcome-question') c.outcomes[id] = { progress: c.answers[id] === 'yes' ? 'sufficient' : 'none' };
    }
    return c;
  });
  const judgements: InspectionAssessment['judgements'] = {};
  const ratings = framework.ratingScale;
  for (const s of framework.judgementStandards) {
    if (framework.notRatedWithoutCases(s.id) && !o.relevantCasesFound) continue;
    // Mostly the middle of the scale, as published ratings are.
    const rating = ratings[Math.min(ratings.length - 1, Math.max(0, Math.floor(ratings.length / 2) + (o.judgementShift ?? 0) + (random() < 0.25 ? 1 : random() < 0.25 ? -1 : 0)))]!;
    judgements[s.id] = { rating, rationale: `${GENERATED_LABEL} The lead inspector's rationale for ${s.id} ${s.name}.` };
  }
  for (const j of framework.definition.rules.judgements) judgements[j.id] = { rating: ratings[Math.floor(ratings.length / 2)]!, rationale: GENERATED_LABEL };
  return { frameworkKey: framework.key, cases, judgements };
}
