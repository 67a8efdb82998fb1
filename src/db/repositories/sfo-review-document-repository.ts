// SFO review documents: every version stored (bytes and facts), the current one unreplaced. Plain
// objects in and out; who may upload and download is in src/domain/sfo/access.ts, the use cases in
// src/services/sfo/review-document.ts.
import type { Db } from './shared.ts';
import type { SfoReviewRecord } from './sfo-repository.ts';

export interface SfoReviewDocumentRecord {
  id: number;
  reviewId: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
  replacedBy: string | null;
  replacedAt: Date | null;
}

const columns = ['id', 'review_id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'uploaded_by', 'uploaded_at', 'replaced_by', 'replaced_at'] as const;
type Row = { id: number; review_id: number; file_name: string; media_type: string; size_bytes: number; sha256: string; uploaded_by: string; uploaded_at: Date; replaced_by: string | null; replaced_at: Date | null };
const toRecord = (r: Row): SfoReviewDocumentRecord => ({
  id: r.id,
  reviewId: r.review_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at,
  replacedBy: r.replaced_by,
  replacedAt: r.replaced_at,
});

/** One review of the register by id, locked until the transaction ends when asked, with its region. */
export async function getSfoReview(db: Db, id: number, opts: { lock?: boolean } = {}): Promise<SfoReviewRecord | undefined> {
  if (opts.lock && !(await db.selectFrom('sfo_review').select('id').where('id', '=', id).forUpdate().executeTakeFirst())) return undefined;
  const r = await db
    .selectFrom('sfo_review')
    .innerJoin('organisation', 'organisation.id', 'sfo_review.region_id')
    .select(['sfo_review.id', 'sfo_review.review_ref', 'sfo_review.region_id', 'organisation.name as region', 'sfo_review.pdu', 'sfo_review.offence_category', 'sfo_review.notified_on', 'sfo_review.submitted_on', 'sfo_review.extension_granted', 'sfo_review.author_role'])
    .where('sfo_review.id', '=', id)
    .executeTakeFirst();
  return r && { id: r.id, reviewRef: r.review_ref, regionId: r.region_id, region: r.region, pdu: r.pdu, offenceCategory: r.offence_category, notifiedOn: r.notified_on, submittedOn: r.submitted_on, extensionGranted: r.extension_granted, authorRole: r.author_role };
}

/** Every version of a review's documents, the newest first (without their bytes). */
export async function listSfoReviewDocuments(db: Db, reviewId: number): Promise<SfoReviewDocumentRecord[]> {
  return (await db.selectFrom('sfo_review_document').select(columns).where('review_id', '=', reviewId).orderBy('id', 'desc').execute()).map(toRecord);
}

/** The current documents of these reviews (without their bytes), by review id. */
export async function currentSfoReviewDocuments(db: Db, reviewIds: readonly number[]): Promise<Map<number, SfoReviewDocumentRecord>> {
  if (!reviewIds.length) return new Map();
  const rows = await db.selectFrom('sfo_review_document').select(columns).where('review_id', 'in', [...reviewIds]).where('replaced_at', 'is', null).execute();
  return new Map(rows.map((r) => [r.review_id, toRecord(r)]));
}

/** One version's facts and bytes. */
export async function getSfoReviewDocumentContent(db: Db, reviewId: number, documentId: number): Promise<(SfoReviewDocumentRecord & { content: Uint8Array }) | undefined> {
  const r = await db.selectFrom('sfo_review_document').select([...columns, 'content']).where('review_id', '=', reviewId).where('id', '=', documentId).executeTakeFirst();
  return r && { ...toRecord(r), content: r.content };
}

/** Marks the current document of a review replaced; the id of the one replaced, if any. */
export async function markSfoReviewDocumentReplaced(db: Db, reviewId: number, replacedBy: string): Promise<number | undefined> {
  const row = await db.updateTable('sfo_review_document').set({ replaced_by: replacedBy, replaced_at: new Date() }).where('review_id', '=', reviewId).where('replaced_at', 'is', null).returning('id').executeTakeFirst();
  return row?.id;
}

export async function insertSfoReviewDocument(db: Db, d: { reviewId: number; fileName: string; mediaType: string; sha256: string; content: Uint8Array; uploadedBy: string }): Promise<number> {
  const row = await db
    .insertInto('sfo_review_document')
    .values({ review_id: d.reviewId, file_name: d.fileName, media_type: d.mediaType, size_bytes: d.content.length, sha256: d.sha256, content: d.content, uploaded_by: d.uploadedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
