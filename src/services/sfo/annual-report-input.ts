// The annual SFO report's input from the stored assessments: each signed-off assessment (signed off,
// or released to its region after sign-off) of a review submitted in the business year, with the
// review's region, dates and extension, the ratings as they stand after moderation (a settled
// disagreement changes the assessment's own rating) and every rationale. Assessments not yet
// signed off never count.
import { sql } from 'kysely';
import type { Db } from '../../db/repositories/index.ts';
import type { QualityAssuredReview } from '../../domain/sfo/annual-report.ts';

/** The states of an assessment the lead has signed off (released: signed off, then sent to its region). */
export const SIGNED_OFF_STATES = ['signed-off', 'released'] as const;

/** The states are compared as text, so this reads the states 0021 adds without depending on their types. */
const signedOff = sql<boolean>`sfo_assessment.state in (${sql.join(SIGNED_OFF_STATES.map((s) => sql.lit(s)))})`;

/** Each review with the framework it was rated under and whether the demonstration data made it (created by system:demo). */
export async function qualityAssuredReviews(db: Db, period: { from: string; to: string }): Promise<(QualityAssuredReview & { frameworkKey: string; demo: boolean })[]> {
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
    .where(signedOff)
    .where('sfo_review.submitted_on', '>=', period.from)
    .where('sfo_review.submitted_on', '<=', period.to)
    .orderBy('sfo_review.review_ref')
    .execute();
  const ratings = rows.length ? await db.selectFrom('sfo_standard_rating').select(['assessment_id', 'standard_id', 'rating', 'rationale']).where('assessment_id', 'in', rows.map((r) => r.id)).orderBy('standard_id').execute() : [];
  return rows.map((r) => {
    const mine = ratings.filter((x) => x.assessment_id === r.id);
    return {
      reviewRef: r.review_ref,
      region: r.region,
      notifiedOn: r.notified_on,
      // Filtered above: a review in the period was submitted.
      submittedOn: r.submitted_on!,
      extensionGranted: r.extension_granted,
      overall: r.overall_rating ?? '',
      standards: Object.fromEntries(mine.map((x) => [x.standard_id, x.rating ?? ''])),
      rationales: [...mine.map((x) => x.rationale ?? ''), r.overall_rationale ?? ''].filter((t) => t.trim()),
      frameworkKey: `${r.framework_id}@${r.framework_version}`,
      demo: r.created_by.startsWith('system:demo'),
    };
  });
}
