// The stored assessments the annual SFO report is built from: assessments in the given states of
// reviews submitted in a period, with the review's region, dates, extension and who registered it,
// and each standard's rating and rationale as stored. Plain records; which states count, and what
// the report makes of them, is the service's (src/services/sfo/annual-report-input.ts).
import { sql } from 'kysely';
import type { Db } from './shared.ts';

export interface SfoAnnualInputRecord {
  assessmentId: number;
  reviewRef: string;
  region: string;
  notifiedOn: string;
  submittedOn: string;
  extensionGranted: boolean;
  /** Who registered the review (`system:demo…` for the demonstration data). */
  reviewCreatedBy: string;
  overallRating: string | null;
  overallRationale: string | null;
  frameworkId: string;
  frameworkVersion: string;
  /** Each standard's rating and rationale, by standard id. */
  standards: { standardId: string; rating: string | null; rationale: string | null }[];
}

/** Assessments in these states of reviews submitted from `from` to `to` (inclusive), in reference order. */
export async function listSfoAssessmentsForYear(db: Db, states: readonly string[], period: { from: string; to: string }): Promise<SfoAnnualInputRecord[]> {
  if (!states.length) return [];
  // The states are compared as text, so this reads any state the migrations add without depending on their types.
  const inStates = sql<boolean>`sfo_assessment.state in (${sql.join(states.map((s) => sql.lit(s)))})`;
  const rows = await db
    .selectFrom('sfo_assessment')
    .innerJoin('sfo_review', 'sfo_review.id', 'sfo_assessment.review_id')
    .innerJoin('organisation', 'organisation.id', 'sfo_review.region_id')
    .select([
      'sfo_assessment.id',
      'sfo_review.review_ref',
      'organisation.name as region',
      'sfo_review.notified_on',
      'sfo_review.submitted_on',
      'sfo_review.extension_granted',
      'sfo_review.created_by',
      'sfo_assessment.overall_rating',
      'sfo_assessment.overall_rationale',
      'sfo_assessment.framework_id',
      'sfo_assessment.framework_version',
    ])
    .where(inStates)
    .where('sfo_review.submitted_on', '>=', period.from)
    .where('sfo_review.submitted_on', '<=', period.to)
    .orderBy('sfo_review.review_ref')
    .execute();
  const ratings = rows.length ? await db.selectFrom('sfo_standard_rating').select(['assessment_id', 'standard_id', 'rating', 'rationale']).where('assessment_id', 'in', rows.map((r) => r.id)).orderBy('standard_id').execute() : [];
  return rows.map((r) => ({
    assessmentId: r.id,
    reviewRef: r.review_ref,
    region: r.region,
    notifiedOn: r.notified_on,
    // Filtered above: a review in the period was submitted.
    submittedOn: r.submitted_on!,
    extensionGranted: r.extension_granted,
    reviewCreatedBy: r.created_by,
    overallRating: r.overall_rating,
    overallRationale: r.overall_rationale,
    frameworkId: r.framework_id,
    frameworkVersion: r.framework_version,
    standards: ratings.filter((x) => x.assessment_id === r.id).map((x) => ({ standardId: x.standard_id, rating: x.rating, rationale: x.rationale })),
  }));
}
