// What the rating engine returns: every figure and rating with the reasons for it.
import type { QualityFlag } from '../assessment/consistency.ts';
import type { Progress } from '../assessment/types.ts';
import type { StandardTreatment } from '../framework/schema.ts';

export interface Interval {
  low: number;
  high: number;
}

export interface BandPosition {
  rating: string;
  /** Lower edge of the band, in percent. */
  min: number;
  /** Upper edge, or null for the top band. */
  max: number | null;
}

export interface KeyQuestionResult {
  id: string;
  text: string;
  standardId: string;
  /** Cases the key question applied to and that were judged yes or no (N). */
  applicable: number;
  /** Cases judged sufficient (n). */
  sufficient: number;
  /** Cases to which it did not apply, or judged not applicable. */
  notApplicable: number;
  /** Cases where it applied but no judgement was recorded (not counted). */
  missing: number;
  percentage: number | null;
  interval: Interval | null;
  band: BandPosition | null;
}

export interface OutcomeQuestionResult extends KeyQuestionResult {
  progress: Record<Progress, number>;
  stabilityCredited: number;
}

export interface AppliedLimit {
  rule: string;
  description: string;
  from: string;
  to: string;
}

export interface RatingMove {
  toRating: string;
  /** Cases whose key-question judgement would have to change, in total. */
  cases: number;
  /** Which key questions, and how many cases on each. */
  keyQuestions: { id: string; cases: number }[];
}

export interface RatingExplanation {
  summary: string;
  /** The key question that set the rating (the lowest). */
  setBy?: string;
  sufficient?: number;
  applicable?: number;
  percentage?: number | null;
  interval?: Interval | null;
  band?: BandPosition;
  bands?: BandPosition[];
  moveUp?: RatingMove | null;
  moveDown?: RatingMove | null;
  limits: AppliedLimit[];
}

export interface StandardResult {
  id: string;
  name: string;
  domain: string;
  treatment: StandardTreatment;
  assessedBy: string;
  /** The final rating; null when unrated, national-only, not rated for want of relevant cases, or not yet recorded. */
  rating: string | null;
  /** The rating before limiting rules, when a rule changed it. */
  ratingBeforeLimits?: string;
  points: number | null;
  rationale?: string;
  keyQuestions: KeyQuestionResult[];
  outcomeQuestions?: OutcomeQuestionResult[];
  /** Cases in the inspection to which the standard applied. */
  casesApplicable: number;
  explanation: RatingExplanation;
  note?: string;
  /** Not rated because no relevant cases were found (the framework's notRatedWithoutRelevantCases): left out of the overall score. */
  notRated?: true;
}

export interface JudgementResult {
  id: string;
  name: string;
  rating: string | null;
  rationale?: string;
}

export interface OverallResult {
  /** Sum of points of the rated standards that have a rating. */
  score: number;
  maxScore: number;
  /** Null until every rated standard has a rating. */
  rating: string | null;
  complete: boolean;
  /** Rated standards without a rating yet. */
  missing: string[];
  band: { rating: string; minScore: number; maxScore: number } | null;
  bands: { rating: string; minScore: number; maxScore: number }[];
  basis: string;
  summary: string;
}

export interface InspectionRatings {
  frameworkKey: string;
  cases: number;
  standards: StandardResult[];
  judgements: JudgementResult[];
  overall: OverallResult;
  flags: QualityFlag[];
}

/** Ratings made from counts alone (many inspections at once): everything but the case-by-case flags. */
export type CountedRatings = Omit<InspectionRatings, 'flags'>;
