// The sample of SFO reviews to quality-assure: drawn from the register for a period with a share
// and seed (the rule in src/domain/sfo/sample.ts) and stored with what it drew; then reviews added
// or removed by hand, each with its reason. Every change in one transaction with an audit event.
import { z } from 'zod';
import { recordAudit, inTransaction, type Db } from '../../db/repositories/index.ts';
import {
  addSfoSampleReviews,
  getSfoSample,
  insertSfoSample,
  insertSfoSampleChange,
  listSfoReviews,
  listSfoSampleChanges,
  listSfoSampleReviews,
  listSfoSamples,
  lockSfoSample,
  overlappingSfoSamples,
  removeSfoSampleReview,
  sfoAssessmentExists,
  type SfoReviewRecord,
  type SfoSampleChangeRecord,
  type SfoSampleRecord,
} from '../../db/repositories/sfo-repository.ts';
import { countByRegion, drawSample, MAX_SEED, sampleChangeProblem, type RegionCount, type SampleChange } from '../../domain/sfo/sample.ts';
import { AppError, FieldError, parseFields } from '../errors.ts';
import { currentSfoFramework } from './frameworks.ts';

const isoDate = z.iso.date('must be a date, YYYY-MM-DD');

const DrawInput = z
  .strictObject({
    periodFrom: isoDate,
    periodTo: isoDate,
    share: z.number('must be a number').gt(0, 'must be more than 0').max(1, 'must be at most 1').optional(),
    seed: z.number('must be a whole number').int('must be a whole number').min(0, 'must be 0 or more').max(MAX_SEED, `must be at most ${MAX_SEED}`),
  })
  // Compared only once both are dates, so a bad date is one problem, not two.
  .refine((d) => !isoDate.safeParse(d.periodFrom).success || !isoDate.safeParse(d.periodTo).success || d.periodTo >= d.periodFrom, { path: ['periodTo'], message: 'is before the start of the period' });
export type DrawInput = z.input<typeof DrawInput>;

const ChangeInput = z.strictObject({
  change: z.enum(['add', 'remove'], 'must be add or remove'),
  reviewRef: z.string().trim().min(1, 'give the review reference').transform((s) => s.toUpperCase()),
  reason: z.string().trim().min(1, 'give the reason for the change').max(2000, 'may have at most 2000 characters'),
});
export type ChangeInput = z.input<typeof ChangeInput>;

export interface SfoSampleView {
  sample: SfoSampleRecord;
  /** The reviews in the sample now. */
  selected: (SfoReviewRecord & { addedByHand: boolean })[];
  /** Reviews submitted in the period, and how many of each region's are in the sample now. */
  byRegion: Record<string, RegionCount>;
  submitted: number;
  changes: SfoSampleChangeRecord[];
}

/** Every sample drawn, the latest period first. */
export const sfoSamples = (db: Db): Promise<SfoSampleRecord[]> => listSfoSamples(db);

export async function sfoSampleView(db: Db, sampleId: number): Promise<SfoSampleView> {
  const sample = await getSfoSample(db, sampleId);
  if (!sample) throw new AppError('not-found', `There is no SFO sample ${sampleId}`);
  const eligible = await listSfoReviews(db, { from: sample.periodFrom, to: sample.periodTo });
  const selected = await listSfoSampleReviews(db, sampleId);
  return { sample, selected, byRegion: countByRegion(eligible, selected.map((r) => r.reviewRef)), submitted: eligible.length, changes: await listSfoSampleChanges(db, sampleId) };
}

export async function drawSfoSample(db: Db, input: DrawInput, actor: string): Promise<SfoSampleView> {
  const d = parseFields(DrawInput, input);
  return inTransaction(db, async (trx) => {
    const framework = await currentSfoFramework(trx);
    const share = d.share ?? framework.definition.sample.share;
    const overlapping = await overlappingSfoSamples(trx, d.periodFrom, d.periodTo);
    if (overlapping.length)
      throw new AppError('conflict', `Sample ${overlapping[0]!.id} already covers ${overlapping[0]!.periodFrom} to ${overlapping[0]!.periodTo}; a review is sampled once: choose a period that does not overlap it`);
    const eligible = await listSfoReviews(trx, { from: d.periodFrom, to: d.periodTo });
    if (!eligible.length) throw new FieldError([{ field: 'periodFrom', message: `no review in the register was submitted from ${d.periodFrom} to ${d.periodTo}` }]);
    const drawn = drawSample(eligible, { share, seed: d.seed });
    const sampleId = await insertSfoSample(trx, { frameworkId: framework.definition.id, frameworkVersion: framework.definition.version, periodFrom: d.periodFrom, periodTo: d.periodTo, share, seed: d.seed, drawn: drawn.selected, drawnBy: actor });
    const idOf = new Map(eligible.map((r) => [r.reviewRef, r.id]));
    await addSfoSampleReviews(trx, sampleId, drawn.selected.map((ref) => idOf.get(ref)!), false);
    await recordAudit(trx, { actor, action: 'sfo-sample.drawn', entity: 'sfo-sample', entityId: sampleId, after: { framework: framework.key, periodFrom: d.periodFrom, periodTo: d.periodTo, share, seed: d.seed, selected: drawn.selected, byRegion: drawn.byRegion } });
    return sfoSampleView(trx, sampleId);
  });
}

/** Adds a review to the sample or removes one, with the reason (kept and audited). */
export async function changeSfoSample(db: Db, sampleId: number, input: ChangeInput, actor: string): Promise<SfoSampleView> {
  const c: SampleChange = parseFields(ChangeInput, input);
  return inTransaction(db, async (trx) => {
    if (!(await lockSfoSample(trx, sampleId))) throw new AppError('not-found', `No SFO sample ${sampleId}`);
    const sample = (await getSfoSample(trx, sampleId))!;
    const eligible = await listSfoReviews(trx, { from: sample.periodFrom, to: sample.periodTo });
    const selected = await listSfoSampleReviews(trx, sampleId);
    const problem = sampleChangeProblem(new Set(selected.map((r) => r.reviewRef)), new Set(eligible.map((r) => r.reviewRef)), c);
    if (problem) throw new FieldError([{ field: problem.startsWith('give the reason') ? 'reason' : 'reviewRef', message: problem }]);
    const review = eligible.find((r) => r.reviewRef === c.reviewRef)!;
    if (c.change === 'add') await addSfoSampleReviews(trx, sampleId, [review.id], true);
    else {
      if (await sfoAssessmentExists(trx, sampleId, review.id)) throw new FieldError([{ field: 'reviewRef', message: `review ${c.reviewRef} is being assessed, so it cannot be removed from the sample` }]);
      await removeSfoSampleReview(trx, sampleId, review.id);
    }
    const changeId = await insertSfoSampleChange(trx, { sampleId, reviewId: review.id, change: c.change, reason: c.reason, changedBy: actor });
    await recordAudit(trx, { actor, action: c.change === 'add' ? 'sfo-sample.review-added' : 'sfo-sample.review-removed', entity: 'sfo-sample', entityId: sampleId, after: { changeId, reviewRef: c.reviewRef, reason: c.reason } });
    return sfoSampleView(trx, sampleId);
  });
}
