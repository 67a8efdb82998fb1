// The rating engine: a framework version's rules applied to an inspection's assessments.
// Pure: no I/O, no clock, same input → same output.
import { applicableItems } from '../assessment/applicability.ts';
import { flagCase } from '../assessment/consistency.ts';
import type { CaseAssessment, InspectionAssessment } from '../assessment/types.ts';

/** A case with the items that apply to it, worked out once per rating. */
interface RatedCase {
  assessment: CaseAssessment;
  applicable: Set<string>;
}
import type { Framework } from '../framework/framework.ts';
import type { Standard } from '../framework/schema.ts';
import { explainCaseRating, explainOverall } from './explain.ts';
import { bandIndex, bandRange, percentage, wilsonInterval } from './percentages.ts';
import type {
  AppliedLimit,
  InspectionRatings,
  KeyQuestionResult,
  OutcomeQuestionResult,
  StandardResult,
} from './result.ts';

export class FrameworkMismatchError extends Error {}

function countItem(framework: Framework, standard: Standard, itemId: string, text: string, cases: readonly RatedCase[]): KeyQuestionResult {
  let applicable = 0;
  let sufficient = 0;
  let missing = 0;
  for (const c of cases) {
    const answer = c.assessment.answers[itemId];
    if (!c.applicable.has(itemId) || answer === 'na') continue;
    if (answer === undefined) missing++;
    else {
      applicable++;
      if (answer === 'yes') sufficient++;
    }
  }
  return keyQuestionFromCounts(framework, { id: itemId, text, standardId: standard.id }, { applicable, sufficient, missing, notApplicable: cases.length - applicable - missing });
}

/** A key question's figures, band and interval from its counts: one inspection's cases, or cases pooled nationally. */
export function keyQuestionFromCounts(
  framework: Framework,
  item: { id: string; text: string; standardId: string },
  counts: { applicable: number; sufficient: number; missing: number; notApplicable: number },
): KeyQuestionResult {
  const { rules } = framework.definition;
  const { applicable, sufficient } = counts;
  const bands = rules.keyQuestionBands;
  const index = applicable ? bandIndex(sufficient, applicable, bands, rules.percentages) : -1;
  return {
    ...item,
    ...counts,
    percentage: percentage(sufficient, applicable, rules.percentages),
    interval: wilsonInterval(sufficient, applicable),
    band: index < 0 ? null : { rating: bands[index]!.rating, ...bandRange(bands, index, rules.percentages) },
  };
}

function outcomeQuestions(framework: Framework, standard: Standard, cases: readonly RatedCase[]): OutcomeQuestionResult[] {
  return standard.keyQuestions.flatMap((kq) =>
    kq.prompts.map((p) => {
      const base = countItem(framework, standard, p.id, p.text, cases);
      const progress = { sufficient: 0, some: 0, none: 0 };
      let stabilityCredited = 0;
      for (const c of cases) {
        if (!c.applicable.has(p.id)) continue;
        const detail = c.assessment.outcomes[p.id];
        if (detail?.progress) progress[detail.progress]++;
        if (detail?.stabilityCredited) stabilityCredited++;
      }
      return { ...base, progress, stabilityCredited };
    }),
  );
}

function rateCaseStandard(framework: Framework, standard: Standard, cases: readonly RatedCase[]): StandardResult {
  const keyQuestions = standard.keyQuestions.map((kq) => countItem(framework, standard, kq.id, kq.text, cases));
  const treatment = framework.treatment(standard.id);
  const casesApplicable = cases.filter((c) => standard.keyQuestions.some((kq) => c.applicable.has(kq.id))).length;
  const base = {
    id: standard.id,
    name: standard.name,
    domain: standard.id.split('.')[0]!,
    treatment,
    assessedBy: standard.assessedBy,
    keyQuestions,
    casesApplicable,
  };
  const reason = framework.definition.rules.standards.find((s) => s.standard === standard.id)?.reason;
  if (standard.assessedBy === 'case-outcomes') {
    const outcomes = outcomeQuestions(framework, standard, cases);
    return {
      ...base,
      rating: null,
      points: null,
      outcomeQuestions: outcomes,
      explanation: {
        summary: `Not rated: reported as the percentage of cases with positive early outcomes. ${reason ?? ''}`.trim(),
        limits: [],
      },
      ...(reason ? { note: reason } : {}),
    };
  }
  const explanation = explainCaseRating(framework, keyQuestions);
  if (treatment !== 'rated') {
    return {
      ...base,
      rating: null,
      points: null,
      explanation: {
        summary: `${treatment === 'national-only' ? 'Not rated at PDU level; figures are pooled nationally.' : 'Not rated.'} ${reason ?? ''}`.trim(),
        limits: [],
      },
      ...(reason ? { note: reason } : {}),
    };
  }
  return { ...base, rating: explanation.band?.rating ?? null, points: null, explanation };
}

function rateJudgementStandard(standard: Standard, assessment: InspectionAssessment): StandardResult {
  const recorded = assessment.judgements[standard.id];
  return {
    id: standard.id,
    name: standard.name,
    domain: standard.id.split('.')[0]!,
    treatment: 'rated',
    assessedBy: standard.assessedBy,
    rating: recorded?.rating ?? null,
    points: null,
    ...(recorded?.rationale ? { rationale: recorded.rationale } : {}),
    keyQuestions: [],
    casesApplicable: 0,
    explanation: {
      summary: recorded
        ? `${recorded.rating}: the lead inspector's judgement from the evidence across the inspection.`
        : 'Not yet rated: the lead inspector has not recorded a rating.',
      limits: [],
    },
  };
}

/** Applies the framework's limiting rules (e.g. the diversity hurdle) to the standards' ratings. */
function applyLimits(framework: Framework, standards: StandardResult[], assessment: InspectionAssessment): void {
  const scale = framework.ratingScale;
  for (const rule of framework.definition.rules.limitingRules) {
    if (assessment.judgements[rule.when.judgement]?.rating !== rule.when.rating) continue;
    const target = standards.find((s) => s.id === rule.limit.standard);
    if (!target?.rating) continue;
    if (scale.indexOf(target.rating) <= scale.indexOf(rule.limit.highestRating)) continue;
    const limit: AppliedLimit = { rule: rule.id, description: rule.description, from: target.rating, to: rule.limit.highestRating };
    target.ratingBeforeLimits = target.rating;
    target.rating = rule.limit.highestRating;
    target.explanation.limits.push(limit);
    target.explanation.summary += ` Limited from ${limit.from} to ${limit.to}: ${rule.description}`;
  }
}

export function rateInspection(framework: Framework, assessment: InspectionAssessment): InspectionRatings {
  if (assessment.frameworkKey !== framework.key)
    throw new FrameworkMismatchError(
      `Assessments were made under ${assessment.frameworkKey} and must be rated by that version's rules, not ${framework.key}`,
    );
  const { rules } = framework.definition;
  const cases: RatedCase[] = assessment.cases.map((c) => ({ assessment: c, applicable: applicableItems(framework, c) }));
  const standards = framework.standards.map((s) =>
    s.assessedBy === 'lead-inspector-judgement'
      ? rateJudgementStandard(s, assessment)
      : rateCaseStandard(framework, s, cases),
  );
  applyLimits(framework, standards, assessment);
  for (const s of standards) if (s.treatment === 'rated' && s.rating) s.points = rules.points[s.rating] ?? null;

  const judgements = rules.judgements.map((j) => {
    const recorded = assessment.judgements[j.id];
    return { id: j.id, name: j.name, rating: recorded?.rating ?? null, ...(recorded?.rationale ? { rationale: recorded.rationale } : {}) };
  });

  return {
    frameworkKey: framework.key,
    cases: cases.length,
    standards,
    judgements,
    overall: explainOverall(framework, standards),
    flags: cases.flatMap((c) => flagCase(framework, c.assessment, c.applicable)),
  };
}
