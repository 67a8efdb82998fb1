// The rating engine as it was before it was made fast (one pass over the cases per item, each
// case's applicable items worked out afresh, flags from filtered lists): the reference the
// optimised engine is checked against (src/domain/rating/engine.property.test.ts). Keep it simple.
import { applicableItems } from '../../src/domain/assessment/applicability.ts';
import type { FlagCode, QualityFlag } from '../../src/domain/assessment/consistency.ts';
import type { CaseAssessment, InspectionAssessment } from '../../src/domain/assessment/types.ts';
import type { Framework } from '../../src/domain/framework/framework.ts';
import type { Standard } from '../../src/domain/framework/schema.ts';
import { keyQuestionFromCounts } from '../../src/domain/rating/engine.ts';
import { explainCaseRating, explainOverall } from '../../src/domain/rating/explain.ts';
import type { AppliedLimit, InspectionRatings, KeyQuestionResult, OutcomeQuestionResult, StandardResult } from '../../src/domain/rating/result.ts';

interface RatedCase {
  assessment: CaseAssessment;
  applicable: Set<string>;
}

function referenceFlags(framework: Framework, c: CaseAssessment, applicable: Set<string>): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const flag = (item: string, code: FlagCode, message: string) => flags.push({ caseRef: c.caseRef, item, code, message });
  for (const s of framework.caseStandards)
    for (const kq of s.keyQuestions) {
      if (!applicable.has(kq.id)) continue;
      const judgement = c.answers[kq.id];
      const answers = kq.prompts
        .filter((p) => applicable.has(p.id))
        .map((p) => c.answers[p.id])
        .filter((a) => a === 'yes' || a === 'no');
      if (s.assessedBy === 'case-outcomes') {
        for (const p of kq.prompts) {
          const detail = c.outcomes[p.id];
          const overall = c.answers[p.id];
          if (overall === 'yes' && detail?.progress === 'none' && !detail.stabilityCredited)
            flag(p.id, 'outcome-yes-no-progress', `${p.id} judged yes although no progress was recorded and stability was not credited`);
          if (overall === 'no' && (detail?.progress === 'sufficient' || detail?.stabilityCredited))
            flag(p.id, 'outcome-no-sufficient-progress', `${p.id} judged no although ${detail.progress === 'sufficient' ? 'sufficient progress was recorded' : 'stability was credited'}`);
        }
      }
      if (!answers.length) continue;
      if (judgement === 'yes' && answers.every((a) => a === 'no'))
        flag(kq.id, 'judged-yes-all-prompts-no', `${kq.id} judged yes although every applicable prompt was answered no`);
      else if (judgement === 'no' && answers.every((a) => a === 'yes'))
        flag(kq.id, 'judged-no-all-prompts-yes', `${kq.id} judged no although every applicable prompt was answered yes`);
      else if (judgement === 'na')
        flag(kq.id, 'judged-na-prompts-answered', `${kq.id} judged not applicable although ${answers.length} of its prompts were answered yes or no`);
    }
  return flags;
}

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

export function referenceRateInspection(framework: Framework, assessment: InspectionAssessment): InspectionRatings {
  if (assessment.frameworkKey !== framework.key)
    throw new Error(
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
    flags: cases.flatMap((c) => referenceFlags(framework, c.assessment, c.applicable)),
  };
}
