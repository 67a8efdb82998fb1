// SFO review QA data access: framework versions, the register of reviews, samples with their
// selection and changes by hand. Plain objects in and out; the rules are in src/domain/sfo and
// the use cases in src/services/sfo.
import type { SfoFrameworkDefinition } from '../../domain/sfo/framework-schema.ts';
import { PublishedFrameworkChangedError } from './framework-repository.ts';
import { toJson, type Db } from './shared.ts';

export interface SfoFrameworkInput {
  id: string;
  version: string;
  title: string;
  definition: SfoFrameworkDefinition;
  sourceText: string;
}

/** Stores a version; the same text again does nothing, different text for a stored version throws. */
export async function saveSfoFramework(db: Db, input: SfoFrameworkInput): Promise<'created' | 'unchanged'> {
  const inserted = await db
    .insertInto('sfo_framework')
    .values({ id: input.id, version: input.version, title: input.title, definition: toJson(input.definition), source_text: input.sourceText })
    .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return 'created';
  if ((await getSfoFrameworkSource(db, input.id, input.version)) !== input.sourceText) throw new PublishedFrameworkChangedError(input.id, input.version);
  return 'unchanged';
}

export async function getSfoFrameworkSource(db: Db, id: string, version: string): Promise<string | undefined> {
  const row = await db.selectFrom('sfo_framework').select('source_text').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return row?.source_text;
}

export async function listSfoFrameworks(db: Db): Promise<{ id: string; version: string; title: string; loadedAt: Date }[]> {
  const rows = await db.selectFrom('sfo_framework').select(['id', 'version', 'title', 'loaded_at']).orderBy('id').orderBy('loaded_at').orderBy('version').execute();
  return rows.map((r) => ({ id: r.id, version: r.version, title: r.title, loadedAt: r.loaded_at }));
}

export interface SfoReviewRecord {
  id: number;
  reviewRef: string;
  regionId: number;
  region: string;
  pdu: string | null;
  offenceCategory: string;
  notifiedOn: string;
  submittedOn: string | null;
  extensionGranted: boolean;
  authorRole: string | null;
}

export interface SfoReviewInsert {
  reviewRef: string;
  regionId: number;
  pdu: string | null;
  offenceCategory: string;
  notifiedOn: string;
  submittedOn: string | null;
  extensionGranted: boolean;
  authorRole: string | null;
}

const reviewColumns = [
  'sfo_review.id',
  'sfo_review.review_ref',
  'sfo_review.region_id',
  'organisation.name as region',
  'sfo_review.pdu',
  'sfo_review.offence_category',
  'sfo_review.notified_on',
  'sfo_review.submitted_on',
  'sfo_review.extension_granted',
  'sfo_review.author_role',
] as const;

type ReviewRow = { id: number; review_ref: string; region_id: number; region: string; pdu: string | null; offence_category: string; notified_on: string; submitted_on: string | null; extension_granted: boolean; author_role: string | null };
const toReview = (r: ReviewRow): SfoReviewRecord => ({
  id: r.id,
  reviewRef: r.review_ref,
  regionId: r.region_id,
  region: r.region,
  pdu: r.pdu,
  offenceCategory: r.offence_category,
  notifiedOn: r.notified_on,
  submittedOn: r.submitted_on,
  extensionGranted: r.extension_granted,
  authorRole: r.author_role,
});

/** Reviews in reference order; with a period, only those submitted within it (inclusive). */
export async function listSfoReviews(db: Db, period: { from?: string; to?: string } = {}): Promise<SfoReviewRecord[]> {
  let query = db.selectFrom('sfo_review').innerJoin('organisation', 'organisation.id', 'sfo_review.region_id').select(reviewColumns).orderBy('sfo_review.review_ref');
  if (period.from !== undefined) query = query.where('sfo_review.submitted_on', '>=', period.from);
  if (period.to !== undefined) query = query.where('sfo_review.submitted_on', '<=', period.to);
  return (await query.execute()).map(toReview);
}

/** Which of these references the register already holds. */
export async function existingSfoReviewRefs(db: Db, refs: readonly string[]): Promise<Set<string>> {
  if (!refs.length) return new Set();
  const rows = await db.selectFrom('sfo_review').select('review_ref').where('review_ref', 'in', refs).execute();
  return new Set(rows.map((r) => r.review_ref));
}

export async function insertSfoReviews(db: Db, reviews: readonly SfoReviewInsert[], createdBy: string): Promise<number[]> {
  if (!reviews.length) return [];
  const rows = await db
    .insertInto('sfo_review')
    .values(
      reviews.map((r) => ({
        review_ref: r.reviewRef,
        region_id: r.regionId,
        pdu: r.pdu,
        offence_category: r.offenceCategory,
        notified_on: r.notifiedOn,
        submitted_on: r.submittedOn,
        extension_granted: r.extensionGranted,
        author_role: r.authorRole,
        created_by: createdBy,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export interface SfoSampleInsert {
  frameworkId: string;
  frameworkVersion: string;
  periodFrom: string;
  periodTo: string;
  share: number;
  seed: number;
  drawn: string[];
  drawnBy: string;
}

export interface SfoSampleChangeRecord {
  id: number;
  reviewRef: string;
  change: 'add' | 'remove';
  reason: string;
  changedBy: string;
  changedAt: Date;
}

export interface SfoSampleRecord extends Omit<SfoSampleInsert, 'drawnBy'> {
  id: number;
  drawnBy: string;
  drawnAt: Date;
}

export async function insertSfoSample(db: Db, s: SfoSampleInsert): Promise<number> {
  const row = await db
    .insertInto('sfo_sample')
    .values({ framework_id: s.frameworkId, framework_version: s.frameworkVersion, period_from: s.periodFrom, period_to: s.periodTo, share: s.share, seed: s.seed, drawn: toJson(s.drawn), drawn_by: s.drawnBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const toSample = (r: { id: number; framework_id: string; framework_version: string; period_from: string; period_to: string; share: number; seed: number; drawn: string[]; drawn_by: string; drawn_at: Date }): SfoSampleRecord => ({
  id: r.id,
  frameworkId: r.framework_id,
  frameworkVersion: r.framework_version,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  share: Number(r.share),
  seed: Number(r.seed),
  drawn: r.drawn,
  drawnBy: r.drawn_by,
  drawnAt: r.drawn_at,
});

export async function getSfoSample(db: Db, id: number): Promise<SfoSampleRecord | undefined> {
  const row = await db.selectFrom('sfo_sample').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSample(row) : undefined;
}

export async function listSfoSamples(db: Db): Promise<SfoSampleRecord[]> {
  return (await db.selectFrom('sfo_sample').selectAll().orderBy('period_from', 'desc').orderBy('id', 'desc').execute()).map(toSample);
}

/** Samples whose period shares a day with this one. */
export async function overlappingSfoSamples(db: Db, from: string, to: string): Promise<SfoSampleRecord[]> {
  return (await db.selectFrom('sfo_sample').selectAll().where('period_from', '<=', to).where('period_to', '>=', from).orderBy('id').execute()).map(toSample);
}

/** Locks a sample's row until the transaction ends, so changes to one sample are made one at a time. */
export async function lockSfoSample(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('sfo_sample').select('id').where('id', '=', id).forUpdate().executeTakeFirst()) !== undefined;
}

/** The reviews in a sample now, in reference order, and whether each was added by hand. */
export async function listSfoSampleReviews(db: Db, sampleId: number): Promise<(SfoReviewRecord & { addedByHand: boolean })[]> {
  const rows = await db
    .selectFrom('sfo_sample_review')
    .innerJoin('sfo_review', 'sfo_review.id', 'sfo_sample_review.review_id')
    .innerJoin('organisation', 'organisation.id', 'sfo_review.region_id')
    .select([...reviewColumns, 'sfo_sample_review.added_by_hand'])
    .where('sfo_sample_review.sample_id', '=', sampleId)
    .orderBy('sfo_review.review_ref')
    .execute();
  return rows.map((r) => ({ ...toReview(r), addedByHand: r.added_by_hand }));
}

export async function addSfoSampleReviews(db: Db, sampleId: number, reviewIds: readonly number[], addedByHand: boolean): Promise<void> {
  if (reviewIds.length) await db.insertInto('sfo_sample_review').values(reviewIds.map((review_id) => ({ sample_id: sampleId, review_id, added_by_hand: addedByHand }))).execute();
}

export async function removeSfoSampleReview(db: Db, sampleId: number, reviewId: number): Promise<void> {
  await db.deleteFrom('sfo_sample_review').where('sample_id', '=', sampleId).where('review_id', '=', reviewId).execute();
}

export async function insertSfoSampleChange(db: Db, c: { sampleId: number; reviewId: number; change: 'add' | 'remove'; reason: string; changedBy: string }): Promise<number> {
  const row = await db
    .insertInto('sfo_sample_change')
    .values({ sample_id: c.sampleId, review_id: c.reviewId, change: c.change, reason: c.reason, changed_by: c.changedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listSfoSampleChanges(db: Db, sampleId: number): Promise<SfoSampleChangeRecord[]> {
  const rows = await db
    .selectFrom('sfo_sample_change')
    .innerJoin('sfo_review', 'sfo_review.id', 'sfo_sample_change.review_id')
    .select(['sfo_sample_change.id', 'sfo_review.review_ref', 'sfo_sample_change.change', 'sfo_sample_change.reason', 'sfo_sample_change.changed_by', 'sfo_sample_change.changed_at'])
    .where('sfo_sample_change.sample_id', '=', sampleId)
    .orderBy('sfo_sample_change.id')
    .execute();
  return rows.map((r) => ({ id: r.id, reviewRef: r.review_ref, change: r.change, reason: r.reason, changedBy: r.changed_by, changedAt: r.changed_at }));
}

/** Whether a review in a sample has an assessment begun. */
export async function sfoAssessmentExists(db: Db, sampleId: number, reviewId: number): Promise<boolean> {
  return (await db.selectFrom('sfo_assessment').select('id').where('sample_id', '=', sampleId).where('review_id', '=', reviewId).executeTakeFirst()) !== undefined;
}
