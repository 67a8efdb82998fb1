// How a rating explains itself: which key question set it, n of N, the band edges, and how many
// cases would have to change for it to move.
import type { Framework } from '../framework/framework.ts';
import { bandIndex, bandPosition, casesToFallBelow, casesToReach } from './percentages.ts';
import type { BandPosition, KeyQuestionResult, OverallResult, RatingExplanation, RatingMove, StandardResult } from './result.ts';

export const formatRange = (b: BandPosition) => (b.max === null ? `${b.min}% and over` : `${b.min}-${b.max}%`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function explainCaseRating(framework: Framework, keyQuestions: KeyQuestionResult[]): RatingExplanation {
  const { keyQuestionBands: bands, percentages } = framework.definition.rules;
  const positions = bands.map((_, i) => bandPosition(bands, i, percentages));
  const counted = keyQuestions.filter((kq) => kq.applicable > 0);
  if (!counted.length) return { summary: 'Not rated: no applicable cases.', bands: positions, limits: [] };

  const indexed = counted.map((kq) => ({ kq, index: bandIndex(kq.sufficient, kq.applicable, bands, percentages) }));
  // The lowest key question sets the rating; among equals the lowest percentage, then document order.
  const lowest = indexed.reduce((a, b) =>
    b.index < a.index || (b.index === a.index && b.kq.sufficient * a.kq.applicable < a.kq.sufficient * b.kq.applicable) ? b : a,
  );
  const current = lowest.index;
  const band = positions[current]!;

  let moveUp: RatingMove | null = null;
  const up = bands[current + 1];
  if (up) {
    const needs = indexed
      .filter((x) => x.index <= current)
      .map((x) => ({ id: x.kq.id, cases: casesToReach(x.kq.sufficient, x.kq.applicable, up.minPercent, percentages) ?? 0 }));
    moveUp = { toRating: up.rating, cases: needs.reduce((sum, n) => sum + n.cases, 0), keyQuestions: needs };
  }
  let moveDown: RatingMove | null = null;
  if (current > 0) {
    const floor = bands[current]!.minPercent;
    const options = indexed.map((x) => ({ id: x.kq.id, cases: casesToFallBelow(x.kq.sufficient, x.kq.applicable, floor, percentages) ?? Infinity }));
    const easiest = options.reduce((a, b) => (b.cases < a.cases ? b : a));
    moveDown = { toRating: bands[current - 1]!.rating, cases: easiest.cases, keyQuestions: [easiest] };
  }

  const kq = lowest.kq;
  const parts = [
    `${band.rating}: set by key question ${kq.id}, the lowest, with ${kq.sufficient} of ${kq.applicable} cases (${kq.percentage}%) judged sufficient, in the ${formatRange(band)} band.`,
  ];
  if (moveUp)
    parts.push(
      `${moveUp.toRating} would need ${plural(moveUp.cases, 'more case')} judged sufficient (${moveUp.keyQuestions.map((k) => `${k.id}: ${k.cases}`).join(', ')}).`,
    );
  if (moveDown) parts.push(`${moveDown.toRating} would follow if ${plural(moveDown.cases, 'case')} on ${moveDown.keyQuestions[0]!.id} were judged insufficient instead.`);
  if (kq.interval) parts.push(`95% interval for ${kq.id}: ${kq.interval.low}% to ${kq.interval.high}%.`);

  return {
    summary: parts.join(' '),
    setBy: kq.id,
    sufficient: kq.sufficient,
    applicable: kq.applicable,
    percentage: kq.percentage,
    interval: kq.interval,
    band,
    bands: positions,
    moveUp,
    moveDown,
    limits: [],
  };
}

export function explainOverall(framework: Framework, standards: StandardResult[]): OverallResult {
  const { points, overallBands } = framework.definition.rules;
  // Counted standards only; one not rated for want of relevant cases leaves the total and its maximum.
  const rated = standards.filter((s) => s.treatment === 'rated' && !s.notRated);
  const missing = rated.filter((s) => !s.rating).map((s) => s.id);
  const score = rated.reduce((sum, s) => sum + (s.points ?? 0), 0);
  const maxScore = rated.length * Math.max(...Object.values(points));
  const complete = missing.length === 0;
  const band = complete ? (overallBands.bands.find((b) => score >= b.minScore && score <= b.maxScore) ?? null) : null;
  const summary = band
    ? `${band.rating}: ${score} of ${maxScore} points from ${rated.length} rated standards, in the ${band.minScore}-${band.maxScore} band.`
    : `Not yet rated: ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no rating; ${score} points so far.`;
  return {
    score,
    maxScore,
    rating: band?.rating ?? null,
    complete,
    missing,
    band,
    bands: overallBands.bands,
    basis: overallBands.basis,
    summary,
  };
}
