// What regional feedback is built from and what it says: for one probation region and one business
// year, the PDU inspections whose findings have reached the service, read side by side for the
// Regional Probation Director. Regions are not rated (3.10): nothing here is a rating of the region.
import type { InspectionAssessment } from '../assessment/types.ts';
import type { Framework } from '../framework/framework.ts';
import type { BusinessYear } from '../national/business-year.ts';
import type { ReportStatus } from '../publication/workflow.ts';
import type { RatingColumn, RatingCounts } from '../rating/distribution.ts';
import type { InspectionRatings } from '../rating/result.ts';

/** Figures from fewer cases than this are shown but marked: too few to rely on. */
export const FEW_CASES = 5;

export type RecommendationLevel = 'pdu' | 'region' | 'national';

/** n of N: cases judged sufficient (or answered yes) of those where the item applied and was judged yes or no. */
export interface Counts {
  sufficient: number;
  applicable: number;
}

/** Counts by item id (key questions and prompts). */
export type ItemCounts = Record<string, Counts>;

export interface Figure extends Counts {
  /** Rounded as the framework's rules say; null when no case applied. */
  percentage: number | null;
  /** From fewer than FEW_CASES cases. */
  fewCases: boolean;
}

/** One PDU inspection of the region, with what the rating engine made of it. */
export interface RegionalInspection {
  inspectionId: number;
  pdu: string;
  fieldworkStart: string;
  fieldworkEnd: string;
  /** How far the report has gone: factual-accuracy, embargoed or published. */
  reportStatus: ReportStatus;
  isDemo: boolean;
  framework: Framework;
  ratings: InspectionRatings;
  assessment: InspectionAssessment;
  recommendations: { addressedTo: RecommendationLevel; text: string }[];
}

/** Every case of the year's inspections nationally under one framework version, pooled. */
export interface NationalPool {
  frameworkKey: string;
  inspections: number;
  cases: number;
  counts: ItemCounts;
}

export interface RegionalFeedbackInput {
  region: { id: number; name: string };
  year: BusinessYear;
  inspections: readonly RegionalInspection[];
  /** National pools for the same year, one per framework version; the one matching the region's is used. */
  national?: readonly NationalPool[];
}

export interface PduFigure {
  inspectionId: number;
  pdu: string;
  figure: Figure;
}

export interface ItemRow {
  id: string;
  standardId: string;
  standardName: string;
  text: string;
  /** Every case of the region's inspections pooled. */
  region: Figure;
  pdus: PduFigure[];
  /** Every case of the year's inspections nationally, when supplied. */
  national: Figure | null;
}

export interface KeyQuestionRow extends ItemRow {
  /** False for a standard reported without a rating (outcomes, 4.14). */
  rated: boolean;
  /** Each PDU's band for the key question, by inspection id (null when no case applied or unrated). */
  bands: Record<number, string | null>;
}

export interface PromptRow extends ItemRow {
  keyQuestionId: string;
}

export interface Theme {
  kind: 'concern' | 'strength';
  level: 'key-question' | 'prompt';
  itemId: string;
  itemText: string;
  standardId: string;
  standardName: string;
  /** The band edge the PDUs' figures fell below (concerns) or reached (strengths), in percent. */
  edge: number;
  /** The rating band(s) that puts them in, in words: "the Inadequate band", "below Good", "Outstanding". */
  bandWords: string;
  /** PDUs (inspections) whose figure meets the theme, and how many had a figure at all. */
  count: number;
  of: number;
  pdus: string[];
  /** Those of `pdus` whose figure came from fewer than FEW_CASES cases. */
  fewCasesPdus: string[];
  region: Figure;
  national: Figure | null;
  /** The theme in one plain sentence. */
  sentence: string;
}

export interface Distribution extends RatingCounts {
  id: string;
  name: string;
  kind: RatingColumn['kind'];
}

export interface RationaleGroup {
  id: string;
  name: string;
  kind: 'standard' | 'judgement';
  entries: { inspectionId: number; pdu: string; rating: string | null; rationale: string | null }[];
}

export interface FeedbackRecommendation {
  inspectionId: number;
  pdu: string;
  text: string;
}

export interface RecommendationGroup {
  /** Null: not matched to one standard (none named, or several). */
  standardId: string | null;
  heading: string;
  items: FeedbackRecommendation[];
}

export interface RegionalFeedback {
  region: { id: number; name: string };
  year: BusinessYear;
  /** The framework version the figures are pooled under (the one most of the region's inspections used). */
  framework: { key: string; title: string } | null;
  scale: string[];
  isDemo: boolean;
  /** 'PDUs', or 'inspections' when a PDU was inspected twice in the year. */
  unitWord: 'PDUs' | 'inspections';
  inspections: (Pick<RegionalInspection, 'inspectionId' | 'pdu' | 'fieldworkStart' | 'fieldworkEnd' | 'reportStatus' | 'isDemo'> & {
    cases: number;
    frameworkKey: string;
    /** In the pooled figures (assessed under the pooled framework version). */
    pooled: boolean;
    overall: { rating: string | null; score: number; maxScore: number };
  })[];
  /** Cases pooled across the region. */
  cases: number;
  ratings: {
    columns: RatingColumn[];
    rows: { inspectionId: number; pdu: string; ratings: Record<string, string | null> }[];
  };
  distributions: Distribution[];
  keyQuestions: KeyQuestionRow[];
  prompts: PromptRow[];
  themes: {
    concerns: Theme[];
    strengths: Theme[];
    /** Prompts with the lowest share answered yes across the region (from FEW_CASES cases or more). */
    lowestPrompts: PromptRow[];
    /** Why there are no themes, when there are none to find. */
    note: string | null;
  };
  rationales: RationaleGroup[];
  recommendations: {
    region: FeedbackRecommendation[];
    national: FeedbackRecommendation[];
    pdu: RecommendationGroup[];
  };
  national: { inspections: number; cases: number } | null;
  /** How the figures are made, in plain words. */
  notes: string[];
}
