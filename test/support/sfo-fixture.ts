// One shared fixture for the SFO storage tests that need a register, a sample and assessments: a
// generated register imported through the use case, a sample drawn through it, and assessments
// stored as the assessment journey leaves them (state, overall rating and rationale, and each
// standard's rating and rationale), without walking every step of the journey.
import type { Db } from '../../src/db/repositories/index.ts';
import { listSfoReviews, type SfoReviewRecord } from '../../src/db/repositories/sfo-repository.ts';
import { generateSfoRegister } from '../../src/demo/generate-sfo-register.ts';
import { writeRegisterCsv } from '../../src/interchange/sfo/register-file.ts';
import { importRegister, sfoRegions } from '../../src/services/sfo/register.ts';
import { drawSfoSample } from '../../src/services/sfo/sample.ts';

/** A generated register of `reviews` reviews of business year `year`, imported; the register as stored. */
export async function sfoRegisterFixture(db: Db, options: { seed: number; reviews: number; year: number; by?: string }): Promise<SfoReviewRecord[]> {
  const reviews = generateSfoRegister({ seed: options.seed, regions: await sfoRegions(db), reviews: options.reviews, year: options.year });
  await importRegister(db, { fileName: 'register.csv', format: 'csv', content: writeRegisterCsv(reviews) }, options.by ?? 'test');
  return listSfoReviews(db);
}

/** A sample of the reviews submitted in business year `year` (April to March); its id and the sampled references in order. */
export async function sfoSampleFixture(db: Db, options: { year: number; share: number; seed: number }): Promise<{ sampleId: number; sampled: string[] }> {
  const view = await drawSfoSample(db, { periodFrom: `${options.year}-04-01`, periodTo: `${options.year + 1}-03-31`, share: options.share, seed: options.seed }, 'test');
  const sampled = (await db.selectFrom('sfo_sample_review').innerJoin('sfo_review', 'sfo_review.id', 'sfo_sample_review.review_id').select('review_ref').where('sample_id', '=', view.sample.id).orderBy('review_ref').execute()).map((r) => r.review_ref);
  return { sampleId: view.sample.id, sampled };
}

/**
 * An assessment of a sampled review as the journey stores it: its state and overall rating (and
 * rationale), and, when `standards` is given, every standard of the framework rated so with the
 * rationale `Standard <id>: <rationale>`.
 */
export async function sfoAssessmentFixture(
  db: Db,
  a: { sampleId: number; reviewId: number; state: 'in-progress' | 'submitted' | 'signed-off'; overall: string; rationale?: string; standards?: readonly string[] },
): Promise<number> {
  const { id } = await db
    .insertInto('sfo_assessment')
    .values({ sample_id: a.sampleId, review_id: a.reviewId, framework_id: 'hmip-sfo-review', framework_version: '2021', state: a.state, overall_rating: a.overall, ...(a.rationale !== undefined ? { overall_rationale: a.rationale } : {}), updated_by: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (a.standards?.length)
    await db
      .insertInto('sfo_standard_rating')
      .values(a.standards.map((s) => ({ assessment_id: id, standard_id: s, rating: a.overall, rationale: `Standard ${s}: ${a.rationale ?? ''}`, updated_by: 'test' })))
      .execute();
  return id;
}
