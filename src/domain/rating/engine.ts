// The rating engine: a framework version's rules applied to an inspection's assessments.
// Pure: no I/O, no clock, same input → same output. An inspection is counted (counts.ts), then
// rated from its counts; the database's bulk counts are rated by the same rateFromCounts.
import { flagByPlan, type QualityFlag } from '../assessment/consistency.ts';
import type { CaseAssessment, InspectionAssessment, RecordedJudgement } from '../assessment/types.ts';
import type { Framework } from '../framework/framework.ts';
import type { Standard, StandardTreatment } from '../framework/schema.ts';
import { ApplicabilityByProfile } from './case-profile.ts';
import { countedItems, InspectionCounts } from './counts.ts';
import { explainCaseRating, explainOverall } from './explain.ts';
import { bandIndex, bandPosition, percentage, wilsonInterval } from './percentages.ts';
import type {
  AppliedLimit,
  CountedRatings,
  InspectionRatings,
  KeyQuestionResult,
  OutcomeQuestionResult,
  StandardResult,
} from './result.ts';

export class FrameworkMismatchError extends Error {}

/** The domain a standard is in: its id up to the first dot ("2" of "2.3"). */
function domainOf(standardId: string): string {
  const dot = standardId.indexOf('.');
  return dot < 0 ? standardId : standardId.slice(0, dot);
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
    id: item.id,
    text: item.text,
    standardId: item.standardId,
    applicable,
    sufficient,
    missing: counts.missing,
    notApplicable: counts.notApplicable,
    percentage: percentage(sufficient, applicable, rules.percentages),
    interval: wilsonInterval(sufficient, applicable),
    band: index < 0 ? null : bandPosition(bands, index, rules.percentages),
  };
}

function outcomeQuestions(framework: Framework, standard: Standard, counts: InspectionCounts): OutcomeQuestionResult[] {
  return standard.keyQuestions.flatMap((kq) =>
    kq.prompts.map((p) => {
      // The key question's fields, then the progress: added to the object rather than spread into a new one.
      const question = keyQuestionFromCounts(framework, { id: p.id, text: p.text, standardId: standard.id }, counts.item(p.id)) as OutcomeQuestionResult;
      const { progress, stabilityCredited } = counts.outcomeProgress(p.id);
      question.progress = progress;
      question.stabilityCredited = stabilityCredited;
      return question;
    }),
  );
}

// Each result written out whole, its fields in one order, with no spreads and no closures made per
// call: this runs for every standard of every inspection re-rated in bulk.
function unratedCaseStandard(
  standard: Standard,
  domain: string,
  treatment: StandardTreatment,
  keyQuestions: KeyQuestionResult[],
  casesApplicable: number,
  summary: string,
  reason: string | undefined,
  outcomes?: OutcomeQuestionResult[],
): StandardResult {
  const explanation = { summary, limits: [] };
  const { id, name, assessedBy } = standard;
  const result: StandardResult = outcomes
    ? { id, name, domain, treatment, assessedBy, keyQuestions, casesApplicable, rating: null, points: null, outcomeQuestions: outcomes, explanation }
    : { id, name, domain, treatment, assessedBy, keyQuestions, casesApplicable, rating: null, points: null, explanation };
  if (reason) result.note = reason;
  return result;
}

function rateCaseStandard(framework: Framework, standard: Standard, counts: InspectionCounts, standardIndex: number): StandardResult {
  const keyQuestions = standard.keyQuestions.map((kq) => keyQuestionFromCounts(framework, { id: kq.id, text: kq.text, standardId: standard.id }, counts.item(kq.id)));
  const treatment = framework.treatment(standard.id);
  const casesApplicable = counts.standardCases(standardIndex);
  const domain = domainOf(standard.id);
  // Looked up only for a standard left unrated, which says why.
  const reasonFor = () => framework.definition.rules.standards.find((s) => s.standard === standard.id)?.reason;
  if (standard.assessedBy === 'case-outcomes') {
    const reason = reasonFor();
    return unratedCaseStandard(standard, domain, treatment, keyQuestions, casesApplicable, `Not rated: reported as the percentage of cases with positive early outcomes. ${reason ?? ''}`.trim(), reason, outcomeQuestions(framework, standard, counts));
  }
  const withoutCases = framework.notRatedWithoutCases(standard.id);
  if (withoutCases && casesApplicable === 0) return notRatedWithoutCases(framework, standard, withoutCases.relevantCases, 0, keyQuestions);
  if (treatment !== 'rated' && treatment !== 'rated-separately') {
    const reason = reasonFor();
    return unratedCaseStandard(standard, domain, treatment, keyQuestions, casesApplicable, `${treatment === 'national-only' ? 'Not rated at PDU level; figures are pooled nationally.' : 'Not rated.'} ${reason ?? ''}`.trim(), reason);
  }
  const explanation = explainCaseRating(framework, keyQuestions);
  return { id: standard.id, name: standard.name, domain, treatment, assessedBy: standard.assessedBy, keyQuestions, casesApplicable, rating: explanation.band?.rating ?? null, points: null, explanation };
}

type Judgements = Readonly<Record<string, RecordedJudgement>>;

function rateJudgementStandard(framework: Framework, standard: Standard, judgements: Judgements): StandardResult {
  const recorded = judgements[standard.id];
  const withoutCases = framework.notRatedWithoutCases(standard.id);
  if (!recorded && withoutCases) return notRatedWithoutCases(framework, standard, withoutCases.relevantCases, 0);
  return {
    id: standard.id,
    name: standard.name,
    domain: domainOf(standard.id),
    treatment: framework.treatment(standard.id),
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

/** A standard the framework does not rate without relevant cases, and none were found (or, judged for the service, the lead recorded no rating). */
function notRatedWithoutCases(framework: Framework, standard: Standard, relevantCases: string | undefined, casesApplicable: number, keyQuestions: KeyQuestionResult[] = []): StandardResult {
  return {
    id: standard.id,
    name: standard.name,
    domain: domainOf(standard.id),
    treatment: framework.treatment(standard.id),
    assessedBy: standard.assessedBy,
    rating: null,
    points: null,
    keyQuestions,
    casesApplicable,
    notRated: true,
    explanation: { summary: `Not rated: no relevant cases${relevantCases ? ` (${relevantCases})` : ''}, so it is left out of the overall score.`, limits: [] },
  };
}

/** Applies the framework's limiting rules (e.g. the diversity hurdle) to the standards' ratings. */
function applyLimits(framework: Framework, standards: StandardResult[], judgements: Judgements): void {
  const scale = framework.ratingScale;
  for (const rule of framework.definition.rules.limitingRules) {
    if (judgements[rule.when.judgement]?.rating !== rule.when.rating) continue;
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

/** Counts the inspection's cases in one pass, each case's applicable items worked out once per profile. */
export function countInspection(framework: Framework, cases: readonly CaseAssessment[], profiles = new ApplicabilityByProfile(framework)): InspectionCounts {
  const counts = new InspectionCounts(countedItems(framework));
  for (const c of cases) counts.addCase(c, profiles.of(c).items);
  return counts;
}

/** The ratings from an inspection's counts and recorded judgements: everything but the case-by-case flags. */
export function rateFromCounts(framework: Framework, counts: InspectionCounts, judgements: Judgements): CountedRatings {
  if (counts.layout !== countedItems(framework)) throw new FrameworkMismatchError(`The counts were not made under ${framework.key}`);
  const { rules } = framework.definition;
  let caseIndex = 0;
  const standards = framework.standards.map((s) =>
    s.assessedBy === 'lead-inspector-judgement'
      ? rateJudgementStandard(framework, s, judgements)
      : rateCaseStandard(framework, s, counts, caseIndex++),
  );
  applyLimits(framework, standards, judgements);
  for (const s of standards) if (s.treatment === 'rated' && s.rating) s.points = rules.points[s.rating] ?? null;

  return {
    frameworkKey: framework.key,
    cases: counts.cases,
    standards,
    judgements: rules.judgements.map((j) => {
      const recorded = judgements[j.id];
      return { id: j.id, name: j.name, rating: recorded?.rating ?? null, ...(recorded?.rationale ? { rationale: recorded.rationale } : {}) };
    }),
    overall: explainOverall(framework, standards),
  };
}

export function rateInspection(framework: Framework, assessment: InspectionAssessment): InspectionRatings {
  if (assessment.frameworkKey !== framework.key)
    throw new FrameworkMismatchError(
      `Assessments were made under ${assessment.frameworkKey} and must be rated by that version's rules, not ${framework.key}`,
    );
  const profiles = new ApplicabilityByProfile(framework);
  const rated = rateFromCounts(framework, countInspection(framework, assessment.cases, profiles), assessment.judgements);
  const flags: QualityFlag[] = [];
  for (const c of assessment.cases) flagByPlan(c, profiles.of(c).flags, flags);
  return { ...rated, flags };
}

/**
 * An inspection rated as its cases come, one at a time (a file being imported, never held whole):
 * the same ratings and flags as rateInspection over the same cases in the same order.
 */
export class InspectionTally {
  private readonly profiles: ApplicabilityByProfile;
  private readonly counts: InspectionCounts;
  private readonly flags: QualityFlag[] = [];

  constructor(private readonly framework: Framework) {
    this.profiles = new ApplicabilityByProfile(framework);
    this.counts = new InspectionCounts(countedItems(framework));
  }

  add(c: CaseAssessment): void {
    const profile = this.profiles.of(c);
    this.counts.addCase(c, profile.items);
    flagByPlan(c, profile.flags, this.flags);
  }

  rate(judgements: Judgements): InspectionRatings {
    return { ...rateFromCounts(this.framework, this.counts, judgements), flags: this.flags };
  }
}
