// The annual SFO report's input from the stored assessments: each signed-off assessment (signed off,
// or released to its region after sign-off) of a review submitted in the business year, with the
// review's region, dates and extension, the ratings as they stand after moderation (a settled
// disagreement changes the assessment's own rating) and every rationale. Assessments not yet
// signed off never count. The rows are read by src/db/repositories/sfo-annual-input-repository.ts.
import type { Db } from '../../db/repositories/index.ts';
import { listSfoAssessmentsForYear } from '../../db/repositories/sfo-annual-input-repository.ts';
import type { QualityAssuredReview } from '../../domain/sfo/annual-report.ts';

/** The states of an assessment the lead has signed off (released: signed off, then sent to its region). */
export const SIGNED_OFF_STATES = ['signed-off', 'released'] as const;

/** Each review with the framework it was rated under and whether the demonstration data made it (created by system:demo). */
export async function qualityAssuredReviews(db: Db, period: { from: string; to: string }): Promise<(QualityAssuredReview & { frameworkKey: string; demo: boolean })[]> {
  return (await listSfoAssessmentsForYear(db, SIGNED_OFF_STATES, period)).map((r) => ({
    reviewRef: r.reviewRef,
    region: r.region,
    notifiedOn: r.notifiedOn,
    submittedOn: r.submittedOn,
    extensionGranted: r.extensionGranted,
    overall: r.overallRating ?? '',
    standards: Object.fromEntries(r.standards.map((x) => [x.standardId, x.rating ?? ''])),
    rationales: [...r.standards.map((x) => x.rationale ?? ''), r.overallRationale ?? ''].filter((t) => t.trim()),
    frameworkKey: `${r.frameworkId}@${r.frameworkVersion}`,
    demo: r.reviewCreatedBy.startsWith('system:demo'),
  }));
}
