// A sample's assessments as the SFO QA lead oversees them: each review's inspector and state, the
// moderation drawn with its second readers, agreement and kappa per standard and overall, and the
// sign-off checklist. Signing off is refused while any blocker is left, and locks every reading;
// releasing sends each region its own reviews' feedback. Audited.
import { recordAudit, inTransaction, type Db } from '../../db/repositories/index.ts';
import {
  getSfoModeration,
  getSfoSignOff,
  insertSfoSignOff,
  listSfoAcknowledgements,
  listSfoAssessments,
  listSfoSecondReadings,
  listSfoSettlements,
  setSfoAssessmentState,
  setSfoReleased,
  type SfoAssessmentRecord,
  type SfoModerationRecord,
  type SfoSecondReadingRecord,
  type SfoSignOffRecord,
} from '../../db/repositories/sfo-assessment-repository.ts';
import { getSfoSample, listSfoSampleReviews, lockSfoSample, type SfoReviewRecord, type SfoSampleRecord } from '../../db/repositories/sfo-repository.ts';
import type { Actor } from '../../domain/access/permissions.ts';
import type { AgreementFigure } from '../../domain/quality/agreement.ts';
import { canLeadSfoAssessment } from '../../domain/sfo/access.ts';
import { readingFlags, unacknowledgedFlags } from '../../domain/sfo/assessment.ts';
import type { SfoFramework } from '../../domain/sfo/framework.ts';
import { moderationAgreement, readingDisagreements } from '../../domain/sfo/moderation.ts';
import { sfoSignOffBlockers, type SignOffBlocker } from '../../domain/sfo/sign-off.ts';
import { AppError } from '../errors.ts';
import { actorText, firstAsSubmitted } from './assessment.ts';
import { storedSfoFramework } from './frameworks.ts';

export interface SfoSampleReviewProgress {
  review: SfoReviewRecord;
  assessment?: SfoAssessmentRecord;
  drawn: boolean;
  second?: SfoSecondReadingRecord;
  unsettled: string[];
  unacknowledged: string[];
}

export interface SfoSampleProgress {
  sample: SfoSampleRecord;
  framework: SfoFramework;
  reviews: SfoSampleReviewProgress[];
  moderation?: SfoModerationRecord;
  agreement: { byItem: AgreementFigure[]; all: AgreementFigure };
  blockers: SignOffBlocker[];
  signOff?: SfoSignOffRecord;
}

const SUBMITTED_STATES = new Set(['submitted', 'moderated', 'signed-off', 'released']);

export async function sfoSampleProgress(db: Db, sampleId: number): Promise<SfoSampleProgress> {
  const sample = await getSfoSample(db, sampleId);
  if (!sample) throw new AppError('not-found', `There is no SFO sample ${sampleId}`);
  const framework = await storedSfoFramework(db, sample.frameworkId, sample.frameworkVersion);
  const [reviews, assessments, moderation, signOff] = await Promise.all([listSfoSampleReviews(db, sampleId), listSfoAssessments(db, { sampleId }), getSfoModeration(db, sampleId), getSfoSignOff(db, sampleId)]);
  const ids = assessments.map((a) => a.id);
  const [acks, seconds, settlements] = await Promise.all([listSfoAcknowledgements(db, ids), listSfoSecondReadings(db, ids), listSfoSettlements(db, ids)]);
  const byReview = new Map(assessments.map((a) => [a.reviewId, a]));
  const pairs: { first: SfoAssessmentRecord['reading']; second: SfoAssessmentRecord['reading'] }[] = [];
  const rows = reviews.map((review): SfoSampleReviewProgress => {
    const assessment = byReview.get(review.id);
    const drawn = !!moderation?.drawn.includes(review.reviewRef);
    if (!assessment) return { review, drawn, unsettled: [], unacknowledged: [] };
    const second = seconds.find((s) => s.assessmentId === assessment.id);
    const mine = settlements.filter((s) => s.assessmentId === assessment.id);
    const first = firstAsSubmitted(assessment.reading, mine);
    let unsettled: string[] = [];
    if (second?.submittedAt) {
      pairs.push({ first, second: second.reading });
      const settled = new Set(mine.map((s) => s.item));
      unsettled = readingDisagreements(framework, first, second.reading).map((d) => d.item).filter((i) => !settled.has(i));
    }
    const acknowledged = new Set(acks.filter((a) => a.assessmentId === assessment.id).map((a) => a.rule));
    const unacknowledged = SUBMITTED_STATES.has(assessment.state) ? unacknowledgedFlags(readingFlags(framework, assessment.reading), acknowledged).map((f) => f.rule) : [];
    return { review, assessment, drawn, ...(second ? { second } : {}), unsettled, unacknowledged };
  });
  const blockers = sfoSignOffBlockers(
    sampleId,
    !!moderation,
    rows.map((r) => ({
      assessmentId: r.assessment?.id ?? null,
      reviewRef: r.review.reviewRef,
      state: r.assessment?.state ?? 'not-started',
      inspectorId: r.assessment?.inspectorId ?? null,
      unacknowledgedFlags: r.unacknowledged,
      ...(r.drawn ? { moderation: { readerId: r.second?.readerId ?? null, submitted: !!r.second?.submittedAt, unsettled: r.unsettled } } : {}),
    })),
  );
  return { sample, framework, reviews: rows, ...(moderation ? { moderation } : {}), agreement: moderationAgreement(framework, pairs), blockers, ...(signOff ? { signOff } : {}) };
}

/** Signs the sample's assessments off, or refuses with every blocker (AppError 'conflict', one problem per blocker). */
export async function signOffSfoSample(db: Db, sampleId: number, actor: Actor): Promise<void> {
  if (!canLeadSfoAssessment(actor)) throw new AppError('forbidden', 'Only the SFO QA lead signs off assessments');
  await inTransaction(db, async (trx) => {
    if (!(await lockSfoSample(trx, sampleId))) throw new AppError('not-found', `There is no SFO sample ${sampleId}`);
    const progress = await sfoSampleProgress(trx, sampleId);
    if (progress.signOff) throw new AppError('conflict', `Sample ${sampleId} is already signed off`);
    if (progress.blockers.length)
      throw new AppError('conflict', `Sample ${sampleId} cannot be signed off yet: ${progress.blockers.length} thing${progress.blockers.length === 1 ? ' is' : 's are'} left to do`, progress.blockers.map((b) => ({ path: b.href, message: b.text })));
    await insertSfoSignOff(trx, sampleId, actorText(actor));
    await setSfoAssessmentState(trx, progress.reviews.map((r) => r.assessment!.id), 'signed-off', actorText(actor));
    await recordAudit(trx, { actor: actorText(actor), action: 'sfo-sample.signed-off', entity: 'sfo-sample', entityId: sampleId, after: { assessments: progress.reviews.length, agreement: progress.agreement.all } });
  });
}

/** Releases a signed-off sample's feedback: each region then sees its own reviews' letters. */
export async function releaseSfoSample(db: Db, sampleId: number, actor: Actor): Promise<void> {
  if (!canLeadSfoAssessment(actor)) throw new AppError('forbidden', 'Only the SFO QA lead releases feedback');
  await inTransaction(db, async (trx) => {
    if (!(await lockSfoSample(trx, sampleId))) throw new AppError('not-found', `There is no SFO sample ${sampleId}`);
    const signOff = await getSfoSignOff(trx, sampleId);
    if (!signOff) throw new AppError('conflict', `Sample ${sampleId} is not signed off: sign it off before releasing its feedback`);
    if (signOff.releasedAt) throw new AppError('conflict', `The feedback of sample ${sampleId} is already released`);
    const assessments = await listSfoAssessments(trx, { sampleId });
    await setSfoReleased(trx, sampleId, actorText(actor));
    await setSfoAssessmentState(trx, assessments.map((a) => a.id), 'released', actorText(actor));
    await recordAudit(trx, { actor: actorText(actor), action: 'sfo-sample.released', entity: 'sfo-sample', entityId: sampleId, after: { reviews: assessments.map((a) => a.reviewRef), regions: [...new Set(assessments.map((a) => a.region))].sort() } });
  });
}
