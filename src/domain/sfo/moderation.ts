// Second-reader moderation of SFO assessments: a share of a sample's assessed reviews (at least
// one) drawn from a seed for a second reader, who rates blind; the readings compared item by item,
// with agreement and Cohen's kappa per standard and overall (the case QA's own figures), and each
// disagreement settled by the lead with a reason.
import { seededRandom } from '../sampling/seeded-random.ts';
import { agreementFigure, type AgreementFigure } from '../quality/agreement.ts';
import { readingItems, ratingOf, type SfoReading } from './assessment.ts';
import type { SfoFramework } from './framework.ts';
import { byCodePoint, regionSampleSize, seedProblem, shareProblem, type SampleRule } from './sample.ts';

/** The assessed reviews drawn for a second reading: the share rounded half up, at least one, in reference order. */
export function drawModeration(assessed: readonly string[], rule: SampleRule): string[] {
  const problem = shareProblem(rule.share) ?? seedProblem(rule.seed);
  if (problem) throw new RangeError(problem);
  const refs = [...new Set(assessed)].sort(byCodePoint);
  const size = regionSampleSize(refs.length, rule.share);
  const random = seededRandom(rule.seed);
  // A partial Fisher-Yates shuffle, as the sample itself is drawn.
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (refs.length - i));
    [refs[i], refs[j]] = [refs[j]!, refs[i]!];
  }
  return refs.slice(0, size).sort(byCodePoint);
}

export interface ReadingDisagreement {
  /** A standard's id, or 'overall'. */
  item: string;
  first: string;
  second: string;
}

/** Items the two readings rate differently (both rated). */
export function readingDisagreements(framework: SfoFramework, first: SfoReading, second: SfoReading): ReadingDisagreement[] {
  return readingItems(framework).flatMap((item) => {
    const a = ratingOf(first, item);
    const b = ratingOf(second, item);
    return a !== undefined && b !== undefined && a !== b ? [{ item, first: a, second: b }] : [];
  });
}

export interface ModerationPair {
  /** The first reading as submitted, before any settlement changed it. */
  first: SfoReading;
  second: SfoReading;
}

/** Agreement and kappa per standard and overall (key: the standard's id or 'overall'), and across every item. */
export function moderationAgreement(framework: SfoFramework, pairs: readonly ModerationPair[]): { byItem: AgreementFigure[]; all: AgreementFigure } {
  const paired = (item: string) =>
    pairs.flatMap((p) => {
      const a = ratingOf(p.first, item);
      const b = ratingOf(p.second, item);
      return a !== undefined && b !== undefined ? [[a, b] as const] : [];
    });
  const byItem = readingItems(framework).map((item) => agreementFigure(item, paired(item)));
  return { byItem, all: agreementFigure('all', readingItems(framework).flatMap(paired)) };
}

/** Why a settlement cannot be made, or undefined: the item must be in dispute, the rating on the scale, the reason given. */
export function settlementProblem(framework: SfoFramework, disagreements: readonly ReadingDisagreement[], s: { item: string; rating: string; reason: string }): { field: 'rating' | 'reason' | 'item'; message: string } | undefined {
  if (!disagreements.some((d) => d.item === s.item)) return { field: 'item', message: `The readings do not disagree on ${s.item === 'overall' ? 'the overall rating' : `standard ${s.item}`}` };
  if (!framework.ratings.includes(s.rating)) return { field: 'rating', message: 'Select the rating agreed' };
  if (!s.reason.trim()) return { field: 'reason', message: 'Enter the reason for the rating agreed' };
  return undefined;
}
