// The data cut an annual national report is built from: for one business year, every published
// inspection's ratings, survey counts and each case's key-question judgements, reduced to what
// the national figures need. It is stored with the report, so regenerating the report from its cut
// gives the same numbers however the live data has changed since. Pure: no I/O, no clock.
//
// Cases carry no case reference, name or date: only the characteristics the figures are broken
// down by, and one character per key question ('y' sufficient, 'n' not, '-' not applicable or
// judged not applicable, '?' applicable but not answered), in the order of the pool's items.
import { applicableItems } from '../assessment/applicability.ts';
import type { InspectionAssessment } from '../assessment/types.ts';
import type { Framework } from '../framework/framework.ts';
import type { InspectionRatings } from '../rating/result.ts';
import type { BusinessYear } from './business-year.ts';

export const CUT_FORMAT = 1;

/** The case characteristics national figures are broken down by (as the annual report's tables are). */
/** A case attribute the key-question figures are broken down by: the framework file's regime.breakdowns. */
export type Breakdown = string;

export type ItemValue = 'y' | 'n' | '-' | '?';

export interface CutItem {
  id: string;
  standardId: string;
  kind: 'key-question' | 'outcome-question';
  text: string;
}

export interface CutSurvey {
  contacted: number;
  responded: number;
  statements: { id: string; text: string; agree: number; answered: number }[];
}

export interface CutInspection {
  id: number;
  organisation: string;
  region: string;
  fieldworkStart: string;
  publishedOn: string;
  isDemo: boolean;
  /** Final ratings by standard id, and inspection-level judgements by their id ('diversity'). */
  ratings: Record<string, string | null>;
  overall: { rating: string | null; score: number; maxScore: number };
  survey: CutSurvey | null;
}

export interface CutCase {
  /** The inspection's id in the cut. */
  inspection: number;
  /** Breakdown characteristics; '' when the case did not record it. */
  attributes: Record<Breakdown, string>;
  /** One character per item of the pool, in order. */
  values: string;
}

/** One framework version's inspections in one business year. */
export interface CutPool {
  frameworkKey: string;
  frameworkTitle: string;
  year: BusinessYear;
  items: CutItem[];
  inspections: CutInspection[];
  cases: CutCase[];
}

export interface DataCut {
  format: typeof CUT_FORMAT;
  /** When the cut was taken, ISO timestamp; recorded, not used by any figure. */
  takenAt: string;
  year: BusinessYear;
  frameworkKey: string;
  /** The chosen year under the chosen framework version. */
  current: CutPool;
  /** The year before, one pool per framework version used then (for the comparison). */
  previous: CutPool[];
  /**
   * The chosen year's inspections of the same kind under other framework versions (the youth
   * report's year may span 2018 and 2021), pooled with the chosen version's where the versions'
   * diff says a standard is comparable. Absent in cuts taken before reports spanned versions.
   */
  sameYear?: CutPool[];
}

/** Everything about one published inspection the cut takes. */
export interface InspectionForCut extends Omit<CutInspection, 'ratings' | 'overall'> {
  assessment: InspectionAssessment;
  ratings: InspectionRatings;
}

/** The items national figures are kept for: every case-assessed key question and every outcome question. */
function cutItems(framework: Framework): CutItem[] {
  return framework.caseStandards.flatMap((s) =>
    s.keyQuestions.flatMap((kq): CutItem[] => [
      { id: kq.id, standardId: s.id, kind: 'key-question', text: kq.text },
      ...(s.assessedBy === 'case-outcomes' ? kq.prompts.map((p): CutItem => ({ id: p.id, standardId: s.id, kind: 'outcome-question', text: p.text })) : []),
    ]),
  );
}

function inspectionEntry(i: InspectionForCut): CutInspection {
  const ratings: Record<string, string | null> = {};
  // Standards rated separately (youth resettlement) are kept too: the report shows them on their own.
  for (const s of i.ratings.standards) if (s.treatment === 'rated' || s.treatment === 'rated-separately') ratings[s.id] = s.rating;
  for (const j of i.ratings.judgements) ratings[j.id] = j.rating;
  const { rating, score, maxScore } = i.ratings.overall;
  const { assessment: _assessment, ratings: _ratings, ...entry } = i;
  return { ...entry, ratings, overall: { rating, score, maxScore } };
}

export function cutPool(framework: Framework, year: BusinessYear, inspections: readonly InspectionForCut[]): CutPool {
  const items = cutItems(framework);
  const sorted = [...inspections].sort((a, b) => a.id - b.id);
  const cases: CutCase[] = sorted.flatMap((i) => {
    if (i.assessment.frameworkKey !== framework.key)
      throw new Error(`Inspection ${i.id} was assessed under ${i.assessment.frameworkKey}, not ${framework.key}`);
    return i.assessment.cases.map((c) => {
      const applicable = applicableItems(framework, c);
      const values = items
        .map((item): ItemValue => {
          const answer = c.answers[item.id];
          if (!applicable.has(item.id) || answer === 'na') return '-';
          return answer === undefined ? '?' : answer === 'yes' ? 'y' : 'n';
        })
        .join('');
      const attributes = Object.fromEntries(framework.regime.breakdowns.map((b) => [b, c.attributes[b] ?? ''])) as Record<Breakdown, string>;
      return { inspection: i.id, attributes, values };
    });
  });
  return { frameworkKey: framework.key, frameworkTitle: framework.definition.title, year, items, inspections: sorted.map(inspectionEntry), cases };
}

/**
 * A stable text of any JSON value (object keys sorted), so that equal cuts digest equally
 * whichever order the database returned things in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** The part of a pool one inspection contributes, for a digest per inspection (what changed since the cut). */
export function inspectionPart(pool: CutPool, inspectionId: number): unknown {
  return {
    frameworkKey: pool.frameworkKey,
    inspection: pool.inspections.find((i) => i.id === inspectionId),
    cases: pool.cases.filter((c) => c.inspection === inspectionId),
  };
}
