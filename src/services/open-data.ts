// What the public may see: published inspections only, their ratings and key-question figures,
// with small numbers suppressed so that no person on probation can be recognised.
import { getReport, listInspections, type Db } from '../db/repositories/index.ts';
import { rateStoredInspections } from './inspections.ts';
import { currentPublication } from './inspection-scope.ts';

/** Key-question figures from fewer cases than this are withheld. */
export const SUPPRESS_BELOW = 5;

export const LICENCE =
  'Contains public sector information licensed under the Open Government Licence v3.0 (https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).';

export async function publishedInspections(db: Db) {
  const { published } = await currentPublication(db);
  const inspections = (await listInspections(db)).filter((i) => published.has(i.id));
  // One batch read of every published assessment: the public pages call this for each page view.
  const rated = await rateStoredInspections(db, inspections.map((i) => i.id));
  return Promise.all(
    inspections.map(async (inspection) => ({
      inspection,
      report: await getReport(db, inspection.id),
      ratings: rated.get(inspection.id)!.ratings,
    })),
  );
}

export interface RatingRow {
  inspection_id: number;
  pdu: string;
  region: string;
  fieldwork_start: string;
  published_on: string;
  framework: string;
  standard: string;
  standard_name: string;
  rating: string;
  points: number | '';
}

export async function ratingRows(db: Db): Promise<RatingRow[]> {
  return (await publishedInspections(db)).flatMap(({ inspection: i, report, ratings }) => [
    ...ratings.standards
      .filter((s) => s.treatment === 'rated')
      .map((s) => ({
        inspection_id: i.id,
        pdu: i.organisationName,
        region: i.regionName ?? '',
        fieldwork_start: i.fieldworkStart,
        published_on: report.publishOn ?? '',
        framework: `${i.frameworkId}@${i.frameworkVersion}`,
        standard: s.id,
        standard_name: s.name,
        rating: s.rating ?? '',
        points: s.points ?? ('' as const),
      })),
    {
      inspection_id: i.id,
      pdu: i.organisationName,
      region: i.regionName ?? '',
      fieldwork_start: i.fieldworkStart,
      published_on: report.publishOn ?? '',
      framework: `${i.frameworkId}@${i.frameworkVersion}`,
      standard: 'overall',
      standard_name: 'Overall',
      rating: ratings.overall.rating ?? '',
      points: ratings.overall.score,
    },
  ]);
}

export interface KeyQuestionRow {
  inspection_id: number;
  pdu: string;
  key_question: string;
  applicable_cases: number | '';
  sufficient_cases: number | '';
  percentage: number | '';
  suppressed: boolean;
}

export async function keyQuestionRows(db: Db): Promise<KeyQuestionRow[]> {
  return (await publishedInspections(db)).flatMap(({ inspection: i, ratings }) =>
    ratings.standards
      .filter((s) => s.treatment !== 'national-only')
      .flatMap((s) => [...s.keyQuestions, ...(s.outcomeQuestions ?? [])])
      .map((k) => {
        const suppressed = k.applicable < SUPPRESS_BELOW;
        return {
          inspection_id: i.id,
          pdu: i.organisationName,
          key_question: k.id,
          applicable_cases: suppressed ? ('' as const) : k.applicable,
          sufficient_cases: suppressed ? ('' as const) : k.sufficient,
          percentage: suppressed || k.percentage === null ? ('' as const) : k.percentage,
          suppressed,
        };
      }),
  );
}
