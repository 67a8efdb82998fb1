// The assessment of a sampled SFO review: the lead assigns an inspector; the inspector rates each
// standard with a rationale and evidence notes, then overall, saving drafts; submitting needs every
// rating and rationale, and any flag the framework's consistency rules raise on the overall rating
// acknowledged with a reason; submitted, the reading is locked. Every change in one transaction
// with an audit event.
import { recordAudit, getUser, listUsers, inTransaction, type Db, type User } from '../../db/repositories/index.ts';
import {
  getSfoAssessment,
  getSfoModeration,
  getSfoSignOff,
  insertSfoAssessment,
  listSfoAcknowledgements,
  listSfoRegionActions,
  listSfoSecondReadings,
  listSfoSettlements,
  saveSfoAcknowledgements,
  saveSfoFirstReading as storeFirstReading,
  setSfoAssessmentInspector,
  type SfoAcknowledgementRecord,
  type SfoAssessmentRecord,
  type SfoRegionActionRecord,
  type SfoSecondReadingRecord,
  type SfoSettlementRecord,
  type SfoSignOffRecord,
} from '../../db/repositories/sfo-assessment-repository.ts';
import { listSfoSampleReviews, lockSfoSample } from '../../db/repositories/sfo-repository.ts';
import type { Actor } from '../../domain/access/permissions.ts';
import { canLeadSfoAssessment, canRecordFirstReading, type SfoAssessmentScope } from '../../domain/sfo/access.ts';
import { readingEntryProblems, readingFlags, readingSubmitProblems, unacknowledgedFlags, type SfoReading } from '../../domain/sfo/assessment.ts';
import type { ConsistencyFlag, SfoFramework } from '../../domain/sfo/framework.ts';
import { readingDisagreements, type ReadingDisagreement } from '../../domain/sfo/moderation.ts';
import { AppError, FieldError } from '../errors.ts';
import { storedSfoFramework } from './frameworks.ts';
import { clock } from '../clock.ts';

export const actorText = (actor: Actor): string => `user:${actor.userId}`;

export interface SfoAssessmentView {
  assessment: SfoAssessmentRecord;
  framework: SfoFramework;
  scope: SfoAssessmentScope;
  /** Flags on the overall rating as it stands, and which are not yet acknowledged. */
  flags: ConsistencyFlag[];
  unacknowledged: ConsistencyFlag[];
  acknowledgements: SfoAcknowledgementRecord[];
  /** Drawn for a second reading. */
  drawn: boolean;
  second?: SfoSecondReadingRecord;
  /** The first reading as its inspector submitted it (settlements undone). */
  firstAsSubmitted: SfoReading;
  /** Once the second reading is submitted: where the readings differ, and which are not yet settled. */
  disagreements: ReadingDisagreement[];
  unsettled: ReadingDisagreement[];
  settlements: SfoSettlementRecord[];
  signOff?: SfoSignOffRecord;
  actions: SfoRegionActionRecord[];
}

/** The first reading with each settled item's rating put back as its inspector gave it. */
export function firstAsSubmitted(reading: SfoReading, settlements: readonly SfoSettlementRecord[]): SfoReading {
  const standards = { ...reading.standards };
  let overall = reading.overall;
  for (const s of settlements) {
    if (s.item === 'overall') overall = s.firstRating;
    else standards[s.item] = { ...standards[s.item], rating: s.firstRating };
  }
  return { ...reading, standards, overall };
}

export async function sfoAssessmentView(db: Db, id: number): Promise<SfoAssessmentView> {
  const assessment = await getSfoAssessment(db, id);
  if (!assessment) throw new AppError('not-found', `There is no SFO assessment ${id}`);
  const framework = await storedSfoFramework(db, assessment.frameworkId, assessment.frameworkVersion);
  const [acknowledgements, seconds, settlements, moderation, signOff, actions] = await Promise.all([
    listSfoAcknowledgements(db, [id]),
    listSfoSecondReadings(db, [id]),
    listSfoSettlements(db, [id]),
    getSfoModeration(db, assessment.sampleId),
    getSfoSignOff(db, assessment.sampleId),
    listSfoRegionActions(db, [id]),
  ]);
  const second = seconds[0];
  const flags = readingFlags(framework, assessment.reading);
  const first = firstAsSubmitted(assessment.reading, settlements);
  const disagreements = second?.submittedAt ? readingDisagreements(framework, first, second.reading) : [];
  const settled = new Set(settlements.map((s) => s.item));
  return {
    assessment,
    framework,
    scope: {
      inspectorId: assessment.inspectorId,
      regionId: assessment.regionId,
      released: !!signOff?.releasedAt,
      ...(second ? { second: { readerId: second.readerId, submitted: second.submittedAt !== null } } : {}),
    },
    flags,
    unacknowledged: unacknowledgedFlags(flags, new Set(acknowledgements.map((a) => a.rule))),
    acknowledgements,
    drawn: !!moderation?.drawn.includes(assessment.reviewRef),
    second,
    firstAsSubmitted: first,
    disagreements,
    unsettled: disagreements.filter((d) => !settled.has(d.item)),
    settlements,
    signOff,
    actions,
  };
}

/** Who may hold an SFO reading: an active SFO QA inspector or lead. */
const mayHoldReading = (user: User) => user.active && (user.role === 'sfo-inspector' || user.role === 'sfo-lead');

/** Someone who may hold an SFO reading. */
export async function sfoReader(db: Db, userId: number, field: string) {
  const user = await getUser(db, userId);
  if (!user || !mayHoldReading(user)) throw new FieldError([{ field, message: 'Select an SFO QA inspector or lead' }]);
  return user;
}

/** Everyone who may hold an SFO reading, to choose from. */
export async function sfoReaders(db: Db): Promise<User[]> {
  return (await listUsers(db)).filter(mayHoldReading);
}

/** Assigns (or reassigns) the inspector of a review in the sample; reassigning a submitted reading is refused. */
export async function assignSfoInspector(db: Db, sampleId: number, input: { reviewRef: string; inspectorId: number }, actor: Actor): Promise<number> {
  if (!canLeadSfoAssessment(actor)) throw new AppError('forbidden', 'Only the SFO QA lead assigns reviews');
  return inTransaction(db, async (trx) => {
    if (!(await lockSfoSample(trx, sampleId))) throw new AppError('not-found', `There is no SFO sample ${sampleId}`);
    if (await getSfoSignOff(trx, sampleId)) throw new AppError('conflict', `Sample ${sampleId} is signed off: its assessments are locked`);
    const review = (await listSfoSampleReviews(trx, sampleId)).find((r) => r.reviewRef === input.reviewRef.trim().toUpperCase());
    if (!review) throw new FieldError([{ field: 'reviewRef', message: `Review ${input.reviewRef} is not in sample ${sampleId}` }]);
    await sfoReader(trx, input.inspectorId, 'inspectorId');
    const existing = (await trx.selectFrom('sfo_assessment').select(['id', 'state', 'inspector_id']).where('sample_id', '=', sampleId).where('review_id', '=', review.id).executeTakeFirst());
    const sample = (await trx.selectFrom('sfo_sample').select(['framework_id', 'framework_version']).where('id', '=', sampleId).executeTakeFirstOrThrow());
    let id: number;
    if (!existing) id = await insertSfoAssessment(trx, { sampleId, reviewId: review.id, frameworkId: sample.framework_id, frameworkVersion: sample.framework_version, inspectorId: input.inspectorId, updatedBy: actorText(actor) });
    else {
      if (existing.state !== 'not-started' && existing.state !== 'in-progress') throw new FieldError([{ field: 'reviewRef', message: `The assessment of ${review.reviewRef} is submitted, so it cannot be reassigned` }]);
      id = existing.id;
      await setSfoAssessmentInspector(trx, id, input.inspectorId, actorText(actor));
    }
    await recordAudit(trx, { actor: actorText(actor), action: 'sfo-assessment.assigned', entity: 'sfo-assessment', entityId: id, before: existing ? { inspectorId: existing.inspector_id } : undefined, after: { sampleId, reviewRef: review.reviewRef, inspectorId: input.inspectorId } });
    return id;
  });
}

export interface FirstReadingInput {
  reading: SfoReading;
  learningPoints?: string;
  submit: boolean;
  /** Why the overall rating stands despite the flags on it; needed to submit a flagged reading. */
  acknowledgement?: string;
}

/** Saves the first reading as a draft, or submits it (then it is locked). */
export async function saveSfoFirstReading(db: Db, id: number, input: FirstReadingInput, actor: Actor): Promise<SfoAssessmentView> {
  return inTransaction(db, async (trx) => {
    const assessment = await getSfoAssessment(trx, id, { lock: true });
    if (!assessment) throw new AppError('not-found', `There is no SFO assessment ${id}`);
    if (!canRecordFirstReading(actor, { inspectorId: assessment.inspectorId, regionId: assessment.regionId, released: false })) throw new AppError('forbidden', `Only the inspector assigned to ${assessment.reviewRef} records its assessment`);
    if (assessment.state !== 'not-started' && assessment.state !== 'in-progress') throw new AppError('conflict', `The assessment of ${assessment.reviewRef} is submitted and locked`);
    const framework = await storedSfoFramework(trx, assessment.frameworkId, assessment.frameworkVersion);
    const reading = normalise(framework, input.reading, true);
    const learningPoints = input.learningPoints?.trim() || null;
    const problems = input.submit ? readingSubmitProblems(framework, reading) : readingEntryProblems(framework, reading);
    if ((learningPoints?.length ?? 0) > 10_000) problems.push({ field: 'learningPoints', message: 'The learning points must be 10000 characters or fewer' });
    const flags = readingFlags(framework, reading);
    const reason = input.acknowledgement?.trim() ?? '';
    if (input.submit && flags.length && !reason) problems.push({ field: 'acknowledgement', message: 'Enter why the overall rating stands despite the flags on it, or change it' });
    if (problems.length) throw new FieldError(problems.map((p) => ({ field: p.field, message: p.message })));
    const before = { state: assessment.state, reading: assessment.reading, learningPoints: assessment.learningPoints };
    const state = input.submit ? 'submitted' : 'in-progress';
    await storeFirstReading(trx, id, reading, learningPoints, state, input.submit ? clock.now() : null, actorText(actor));
    if (input.submit && flags.length) {
      await saveSfoAcknowledgements(trx, id, flags.map((f) => f.rule), reason, actorText(actor));
      await recordAudit(trx, { actor: actorText(actor), action: 'sfo-assessment.flags-acknowledged', entity: 'sfo-assessment', entityId: id, after: { rules: flags.map((f) => f.rule), reason } });
    }
    await recordAudit(trx, { actor: actorText(actor), action: input.submit ? 'sfo-assessment.submitted' : 'sfo-assessment.saved', entity: 'sfo-assessment', entityId: id, before, after: { state, reading, learningPoints } });
    return sfoAssessmentView(trx, id);
  });
}

/** The lead acknowledges, with a reason, the flags on an overall rating a settlement changed. */
export async function acknowledgeSfoFlags(db: Db, id: number, reason: string, actor: Actor): Promise<SfoAssessmentView> {
  if (!canLeadSfoAssessment(actor)) throw new AppError('forbidden', 'Only the SFO QA lead acknowledges flags on a submitted assessment');
  return inTransaction(db, async (trx) => {
    const view = await sfoAssessmentView(trx, id);
    if (view.signOff) throw new AppError('conflict', `Sample ${view.assessment.sampleId} is signed off: its assessments are locked`);
    if (!view.unacknowledged.length) throw new FieldError([{ field: 'reason', message: 'There is no flag left to acknowledge' }]);
    if (!reason.trim()) throw new FieldError([{ field: 'reason', message: 'Enter why the overall rating stands despite the flags on it' }]);
    const rules = view.unacknowledged.map((f) => f.rule);
    await saveSfoAcknowledgements(trx, id, rules, reason.trim(), actorText(actor));
    await recordAudit(trx, { actor: actorText(actor), action: 'sfo-assessment.flags-acknowledged', entity: 'sfo-assessment', entityId: id, after: { rules, reason: reason.trim() } });
    return sfoAssessmentView(trx, id);
  });
}

/** Only the framework's standards, texts trimmed (empty texts dropped). */
export function normalise(framework: SfoFramework, reading: SfoReading, withEvidence: boolean): SfoReading {
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  const standards = Object.fromEntries(
    framework.standards.map((s) => {
      const r = reading.standards[s.id] ?? {};
      const entry = { rating: text(r.rating), rationale: text(r.rationale), ...(withEvidence ? { evidence: text(r.evidence) } : {}) };
      return [s.id, Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined))];
    }),
  );
  return { standards, ...(text(reading.overall) ? { overall: text(reading.overall) } : {}), ...(text(reading.overallRationale) ? { overallRationale: text(reading.overallRationale) } : {}) };
}
