// The document of an SFO review, attached to the register: uploaded by the SFO QA team (told PDF or
// Word by its bytes, within the size limit), a replacement keeping the earlier version; downloaded
// only by the SFO QA team and the staff of the review's own region. Every upload and every download
// is one transaction with an audit event. Anyone else is told there is no such document (404), so a
// region learns nothing of another's reviews.
import { createHash } from 'node:crypto';
import { recordAudit, inTransaction, type Db } from '../../db/repositories/index.ts';
import type { SfoReviewRecord } from '../../db/repositories/sfo-repository.ts';
import {
  currentSfoReviewDocuments,
  getSfoReview,
  getSfoReviewDocumentContent,
  insertSfoReviewDocument,
  listSfoReviewDocuments,
  markSfoReviewDocumentReplaced,
  type SfoReviewDocumentRecord,
} from '../../db/repositories/sfo-review-document-repository.ts';
import type { Actor } from '../../domain/access/permissions.ts';
import { canDownloadSfoReviewDocument, canUploadSfoReviewDocument } from '../../domain/sfo/access.ts';
import { checkReviewDocument, storedFileName } from '../../domain/sfo/review-document.ts';
import { AppError, FieldError } from '../errors.ts';
import { actorText } from './assessment.ts';

export type { SfoReviewDocumentRecord };

export interface SfoReviewWithDocuments {
  review: SfoReviewRecord;
  /** Every version, the newest (current, unless none is) first. */
  documents: SfoReviewDocumentRecord[];
  current: SfoReviewDocumentRecord | undefined;
  mayUpload: boolean;
  mayDownload: boolean;
}

/** A review with its documents' facts (never their bytes), for the SFO team's review page. */
export async function sfoReviewWithDocuments(db: Db, reviewId: number, actor: Actor): Promise<SfoReviewWithDocuments> {
  const review = await getSfoReview(db, reviewId);
  if (!review) throw new AppError('not-found', `There is no SFO review ${reviewId}`);
  const documents = await listSfoReviewDocuments(db, reviewId);
  return { review, documents, current: documents.find((d) => !d.replacedAt), mayUpload: canUploadSfoReviewDocument(actor), mayDownload: canDownloadSfoReviewDocument(actor, review.regionId) };
}

/** Which of these reviews have a document attached. */
export async function reviewsWithDocument(db: Db, reviewIds: readonly number[]): Promise<Set<number>> {
  return new Set((await currentSfoReviewDocuments(db, reviewIds)).keys());
}

/** Attaches a document to a review, or replaces its document (the earlier one kept, marked replaced); audited. */
export async function uploadSfoReviewDocument(db: Db, reviewId: number, file: { fileName: string; content: Uint8Array }, actor: Actor): Promise<SfoReviewDocumentRecord> {
  if (!canUploadSfoReviewDocument(actor)) throw new AppError('forbidden', 'Only the SFO QA team attach review documents');
  const fileName = storedFileName(file.fileName);
  if (!fileName) throw new FieldError([{ field: 'document', message: 'The selected file must have a name' }]);
  const check = checkReviewDocument(fileName, file.content);
  if (!check.ok) throw new FieldError([{ field: 'document', message: check.message }]);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const by = actorText(actor);
  return inTransaction(db, async (trx) => {
    const review = await getSfoReview(trx, reviewId, { lock: true });
    if (!review) throw new AppError('not-found', `There is no SFO review ${reviewId}`);
    const before = (await listSfoReviewDocuments(trx, reviewId)).find((d) => !d.replacedAt);
    if (before) await markSfoReviewDocumentReplaced(trx, reviewId, by);
    const id = await insertSfoReviewDocument(trx, { reviewId, fileName, mediaType: check.mediaType, sha256, content: file.content, uploadedBy: by });
    const facts = (d: Pick<SfoReviewDocumentRecord, 'id' | 'fileName' | 'mediaType' | 'sizeBytes' | 'sha256'>) => ({ documentId: d.id, reviewRef: review.reviewRef, fileName: d.fileName, mediaType: d.mediaType, sizeBytes: d.sizeBytes, sha256: d.sha256 });
    await recordAudit(trx, {
      actor: by,
      action: before ? 'sfo-review-document.replaced' : 'sfo-review-document.uploaded',
      entity: 'sfo-review',
      entityId: reviewId,
      ...(before ? { before: facts(before) } : {}),
      after: facts({ id, fileName, mediaType: check.mediaType, sizeBytes: file.content.length, sha256 }),
    });
    return (await listSfoReviewDocuments(trx, reviewId)).find((d) => d.id === id)!;
  });
}

/**
 * A review's document for download (the current one, or an earlier version by id), if the person may
 * have it; 404 otherwise, as if there were none. The download is audited in the same transaction.
 */
export async function downloadSfoReviewDocument(db: Db, reviewId: number, actor: Actor, documentId?: number): Promise<SfoReviewDocumentRecord & { content: Uint8Array; reviewRef: string }> {
  return inTransaction(db, async (trx) => {
    const review = await getSfoReview(trx, reviewId);
    if (!review || !canDownloadSfoReviewDocument(actor, review.regionId)) throw new AppError('not-found', `There is no document for SFO review ${reviewId}`);
    const id = documentId ?? (await listSfoReviewDocuments(trx, reviewId)).find((d) => !d.replacedAt)?.id;
    const document = id === undefined ? undefined : await getSfoReviewDocumentContent(trx, reviewId, id);
    if (!document) throw new AppError('not-found', `There is no document for SFO review ${review.reviewRef}`);
    await recordAudit(trx, {
      actor: actorText(actor),
      action: 'sfo-review-document.downloaded',
      entity: 'sfo-review',
      entityId: reviewId,
      after: { documentId: document.id, reviewRef: review.reviewRef, fileName: document.fileName, sha256: document.sha256, current: !document.replacedAt },
    });
    return { ...document, reviewRef: review.reviewRef };
  });
}
