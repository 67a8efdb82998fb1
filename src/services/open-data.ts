// What the public may see: published inspections only, their ratings and key-question figures,
// with small numbers suppressed so that no person on probation can be recognised.
import { listInspections, type Db, type InspectionListItem } from '../db/repositories/index.ts';
import { FEWEST_CASES_SHOWN, inspectionFigureWithheld } from '../domain/disclosure/thresholds.ts';
import { frameworkKey } from '../domain/framework/framework.ts';
import { rateInspectionsFromCounts } from './bulk-ratings.ts';
import { storedFrameworkByKey } from './frameworks.ts';
import { currentPublication } from './inspection-scope.ts';

/**
 * Key-question figures from fewer cases than this are withheld. The annual report's regional and
 * national figures add these up, so it withholds enough of its own that none of these can be
 * worked out from them (domain/national/withheld-figures.ts).
 */
export const SUPPRESS_BELOW = FEWEST_CASES_SHOWN;

export const LICENCE =
  'Contains public sector information licensed under the Open Government Licence v3.0 (https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).';

/** Published inspections with their publication dates and ratings, rated in bulk from SQL counts. */
async function withRatings(db: Db, inspections: InspectionListItem[], publishOn: ReadonlyMap<number, string | null>) {
  const rated = await rateInspectionsFromCounts(db, inspections.map((i) => i.id));
  return inspections.map((inspection) => ({
    inspection,
    publishOn: publishOn.get(inspection.id) ?? null,
    ratings: rated.get(inspection.id)!,
  }));
}

/** Every published inspection (or one organisation's), newest fieldwork first. The public pages call this for each page view. */
export async function publishedInspections(db: Db, filter: { organisationId?: number } = {}) {
  const { published, publishOn } = await currentPublication(db);
  return withRatings(db, (await listInspections(db, filter)).filter((i) => published.has(i.id)), publishOn);
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

/**
 * The PDU inspections' ratings, one row per rated standard and one overall. Inspections by a
 * framework whose regime inspects another kind of organisation (youth justice services) are in
 * their own file (youthRatingRows, public-youth-ratings.ts), with their score and the standards
 * they rate separately.
 */
export async function ratingRows(db: Db): Promise<RatingRow[]> {
  const published = await publishedInspections(db);
  const kinds = new Map<string, string>();
  for (const key of new Set(published.map(({ inspection: i }) => frameworkKey(i.frameworkId, i.frameworkVersion)))) kinds.set(key, (await storedFrameworkByKey(db, key)).regime.organisationKind);
  return published.filter(({ inspection: i }) => kinds.get(frameworkKey(i.frameworkId, i.frameworkVersion)) === 'pdu').flatMap(({ inspection: i, publishOn, ratings }) => [
    ...ratings.standards
      .filter((s) => s.treatment === 'rated')
      .map((s) => ({
        inspection_id: i.id,
        pdu: i.organisationName,
        region: i.regionName ?? '',
        fieldwork_start: i.fieldworkStart,
        published_on: publishOn ?? '',
        framework: frameworkKey(i.frameworkId, i.frameworkVersion),
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
      published_on: publishOn ?? '',
      framework: frameworkKey(i.frameworkId, i.frameworkVersion),
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
        const suppressed = inspectionFigureWithheld(k.applicable);
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
