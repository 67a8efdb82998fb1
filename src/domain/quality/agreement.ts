// How far two inspectors' independent assessments of the same case agree: the disagreements, key
// question by key question, and agreement per key question and per inspector as a percentage and
// as Cohen's kappa (agreement beyond what chance alone would give).
import type { CaseAssessment } from '../assessment/types.ts';
import type { Framework } from '../framework/framework.ts';

export interface Disagreement {
  caseRef: string;
  item: string;
  first: string;
  second: string;
}

/** The judged items (key questions and outcome questions) of a framework, in order. */
export const judgedItems = (framework: Framework): string[] =>
  framework.caseStandards.flatMap((s) => s.keyQuestions.flatMap((kq) => (s.assessedBy === 'case-outcomes' ? [kq.id, ...kq.prompts.map((p) => p.id)] : [kq.id])));

export function disagreements(framework: Framework, first: CaseAssessment, second: CaseAssessment): Disagreement[] {
  return judgedItems(framework)
    .filter((item) => first.answers[item] !== undefined && second.answers[item] !== undefined && first.answers[item] !== second.answers[item])
    .map((item) => ({ caseRef: first.caseRef, item, first: first.answers[item]!, second: second.answers[item]! }));
}

/** Cohen's kappa for paired ratings; null when chance agreement is total (no variation to judge). */
export function cohensKappa(pairs: readonly (readonly [string, string])[]): number | null {
  if (!pairs.length) return null;
  const n = pairs.length;
  const observed = pairs.filter(([a, b]) => a === b).length / n;
  const categories = new Set(pairs.flat());
  let expected = 0;
  for (const k of categories) expected += (pairs.filter(([a]) => a === k).length / n) * (pairs.filter(([, b]) => b === k).length / n);
  if (expected >= 1) return null;
  return (observed - expected) / (1 - expected);
}

export interface AgreementFigure {
  key: string;
  pairs: number;
  agreed: number;
  /** Percentage agreement, rounded to a whole number. */
  percentage: number | null;
  kappa: number | null;
}

/** Agreement of paired ratings under a key: how many agreed, the percentage and Cohen's kappa. */
export const agreementFigure = (key: string, pairs: readonly (readonly [string, string])[]): AgreementFigure => {
  const agreed = pairs.filter(([a, b]) => a === b).length;
  const kappa = cohensKappa(pairs);
  return { key, pairs: pairs.length, agreed, percentage: pairs.length ? Math.round((100 * agreed) / pairs.length) : null, kappa: kappa === null ? null : Math.round(kappa * 100) / 100 };
};

export interface AssessmentPair {
  first: CaseAssessment;
  second: CaseAssessment;
  /** The inspector who made the first assessment. */
  firstAssessor: number | null;
}

export function agreement(framework: Framework, pairs: readonly AssessmentPair[]) {
  const items = judgedItems(framework);
  const paired = (p: AssessmentPair) =>
    items.filter((i) => p.first.answers[i] !== undefined && p.second.answers[i] !== undefined).map((i) => ({ item: i, pair: [p.first.answers[i]!, p.second.answers[i]!] as const }));
  const all = pairs.flatMap((p) => paired(p).map((x) => ({ ...x, assessor: p.firstAssessor })));
  const assessors = [...new Set(pairs.map((p) => p.firstAssessor))];
  return {
    overall: agreementFigure('all', all.map((x) => x.pair)),
    byKeyQuestion: items.map((i) => agreementFigure(i, all.filter((x) => x.item === i).map((x) => x.pair))).filter((f) => f.pairs > 0),
    byInspector: assessors.map((a) => ({ assessor: a, ...agreementFigure(String(a), all.filter((x) => x.assessor === a).map((x) => x.pair)) })),
  };
}
