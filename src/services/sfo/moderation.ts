// Second-reader moderation of a sample's SFO assessments: the lead draws a share of the submitted
// assessments from a seed (at least one) and assigns each a second reader other than its
// inspector; the second reader rates blind and submits; the lead settles each disagreement with a
// reason (the agreed rating replaces the first reading's, the settlement keeps both). Every change
// in one transaction with an audit event.
import { recordAudit, inTransaction, type Db } from '../../db/repositories/index.ts';
import {
  assignSfoSecondReader as storeSecondReader,
  getSfoModeration,
  getSfoSignOff,
  insertSfoModeration,
  insertSfoSettlement,
  listSfoAssessments,
  saveSfoSecondReading as storeSecondReading,
  setSfoAssessmentState,
  setSfoItemRating,
  type SfoModerationRecord,
} from '../../db/repositories/sfo-assessment-repository.ts';
import { lockSfoSample } from '../../db/repositories/sfo-repository.ts';
import type { Actor } from '../../domain/access/permissions.ts';
import { canLeadSfoAssessment, canRecordSecondReading } from '../../domain/sfo/access.ts';
import { readingEntryProblems, readingSubmitProblems, type SfoReading } from '../../domain/sfo/assessment.ts';
import { drawModeration, settlementProblem } from '../../domain/sfo/moderation.ts';
import { MAX_SEED } from '../../domain/sfo/sample.ts';
import { AppError, FieldError } from '../errors.ts';
import { actorText, normalise, sfoAssessmentView, sfoReader, type SfoAssessmentView } from './assessment.ts';
import { clock } from '../clock.ts';

const SUBMITTED = ['submitted', 'moderated'] as const;

const requireLead = (actor: Actor) => {
  if (!canLeadSfoAssessment(actor)) throw new AppError('forbidden', 'Only the SFO QA lead moderates assessments');
};

/** Draws the assessed reviews for a second reading (once per sample). */
export async function drawSfoModeration(db: Db, sampleId: number, rule: { share: number; seed: number }, actor: Actor): Promise<SfoModerationRecord> {
  requireLead(actor);
  const problems = [];
  if (!(Number.isFinite(rule.share) && rule.share > 0 && rule.share <= 1)) problems.push({ field: 'share', message: 'The share must be a percentage more than 0 and at most 100' });
  if (!Number.isInteger(rule.seed) || rule.seed < 0 || rule.seed > MAX_SEED) problems.push({ field: 'seed', message: `The seed must be a whole number from 0 to ${MAX_SEED}` });
  if (problems.length) throw new FieldError(problems);
  return inTransaction(db, async (trx) => {
    if (!(await lockSfoSample(trx, sampleId))) throw new AppError('not-found', `There is no SFO sample ${sampleId}`);
    if (await getSfoModeration(trx, sampleId)) throw new AppError('conflict', `The second readings of sample ${sampleId} are already drawn`);
    if (await getSfoSignOff(trx, sampleId)) throw new AppError('conflict', `Sample ${sampleId} is signed off: its assessments are locked`);
    const assessed = await listSfoAssessments(trx, { sampleId, states: [...SUBMITTED] });
    if (!assessed.length) throw new FieldError([{ field: 'share', message: 'No assessment in the sample is submitted yet: draw the second readings once some are' }]);
    const drawn = drawModeration(assessed.map((a) => a.reviewRef), rule);
    await insertSfoModeration(trx, { sampleId, share: rule.share, seed: rule.seed, drawn, drawnBy: actorText(actor) });
    await recordAudit(trx, { actor: actorText(actor), action: 'sfo-moderation.drawn', entity: 'sfo-sample', entityId: sampleId, after: { share: rule.share, seed: rule.seed, assessed: assessed.length, drawn } });
    return (await getSfoModeration(trx, sampleId))!;
  });
}

/** Assigns the second reader of a drawn assessment: an SFO QA inspector or lead other than its inspector. */
export async function assignSfoSecondReader(db: Db, assessmentId: number, readerId: number, actor: Actor): Promise<void> {
  requireLead(actor);
  await inTransaction(db, async (trx) => {
    const view = await sfoAssessmentView(trx, assessmentId);
    if (view.signOff) throw new AppError('conflict', `Sample ${view.assessment.sampleId} is signed off: its assessments are locked`);
    if (!view.drawn) throw new FieldError([{ field: 'readerId', message: `${view.assessment.reviewRef} was not drawn for a second reading` }]);
    if (view.second?.submittedAt) throw new FieldError([{ field: 'readerId', message: `The second reading of ${view.assessment.reviewRef} is submitted` }]);
    await sfoReader(trx, readerId, 'readerId');
    if (readerId === view.assessment.inspectorId) throw new FieldError([{ field: 'readerId', message: `Choose someone other than the inspector who made the first reading of ${view.assessment.reviewRef}` }]);
    await storeSecondReader(trx, assessmentId, readerId, actorText(actor));
    await recordAudit(trx, { actor: actorText(actor), action: 'sfo-moderation.reader-assigned', entity: 'sfo-assessment', entityId: assessmentId, before: view.second ? { readerId: view.second.readerId } : undefined, after: { readerId } });
  });
}

/** Saves the second reading as a draft, or submits it; blind until then (src/domain/sfo/access.ts). */
export async function saveSfoSecondReading(db: Db, assessmentId: number, input: { reading: SfoReading; submit: boolean }, actor: Actor): Promise<SfoAssessmentView> {
  return inTransaction(db, async (trx) => {
    const view = await sfoAssessmentView(trx, assessmentId);
    if (!canRecordSecondReading(actor, view.scope)) throw new AppError('forbidden', `Only the second reader of ${view.assessment.reviewRef} records its second reading`);
    if (view.signOff || view.second?.submittedAt) throw new AppError('conflict', `The second reading of ${view.assessment.reviewRef} is submitted and locked`);
    const reading = normalise(view.framework, input.reading, false);
    const problems = input.submit ? readingSubmitProblems(view.framework, reading) : readingEntryProblems(view.framework, reading);
    if (problems.length) throw new FieldError(problems);
    await storeSecondReading(trx, assessmentId, reading, input.submit ? clock.now() : null, actorText(actor));
    await recordAudit(trx, { actor: actorText(actor), action: input.submit ? 'sfo-moderation.second-reading-submitted' : 'sfo-moderation.second-reading-saved', entity: 'sfo-assessment', entityId: assessmentId, after: { reading } });
    const after = await sfoAssessmentView(trx, assessmentId);
    if (input.submit && !after.unsettled.length) await setSfoAssessmentState(trx, [assessmentId], 'moderated', actorText(actor));
    return input.submit ? sfoAssessmentView(trx, assessmentId) : after;
  });
}

/** The lead settles one disagreement: the rating agreed, and why. */
export async function settleSfoDisagreement(db: Db, assessmentId: number, input: { item: string; rating: string; reason: string }, actor: Actor): Promise<SfoAssessmentView> {
  requireLead(actor);
  return inTransaction(db, async (trx) => {
    const view = await sfoAssessmentView(trx, assessmentId);
    if (view.signOff) throw new AppError('conflict', `Sample ${view.assessment.sampleId} is signed off: its assessments are locked`);
    const problem = settlementProblem(view.framework, view.unsettled, input);
    if (problem) throw new FieldError([problem]);
    const d = view.unsettled.find((x) => x.item === input.item)!;
    const reason = input.reason.trim();
    await insertSfoSettlement(trx, { assessmentId, item: d.item, firstRating: d.first, secondRating: d.second, settledRating: input.rating, reason, settledBy: actorText(actor) });
    await setSfoItemRating(trx, assessmentId, d.item, input.rating, actorText(actor));
    await recordAudit(trx, { actor: actorText(actor), action: 'sfo-moderation.settled', entity: 'sfo-assessment', entityId: assessmentId, before: { item: d.item, first: d.first, second: d.second }, after: { rating: input.rating, reason } });
    if (view.unsettled.length === 1) await setSfoAssessmentState(trx, [assessmentId], 'moderated', actorText(actor));
    return sfoAssessmentView(trx, assessmentId);
  });
}

