// The feedback letter on an SFO review, and the region's answer to it. The letter carries each
// standard's rating and rationale, the overall rating and rationale, and the learning points (never
// the inspector's evidence notes or the second reading); the SFO team reads it at any time, the
// region's own staff once released. The region answers with actions (what, who, by when), which
// the SFO team sees beside the letter. Actions are audited.
import { getOrganisation, recordAudit, inTransaction, type Db } from '../../db/repositories/index.ts';
import { insertSfoRegionAction, listSfoAssessments, listSfoRegionActions, type SfoRegionActionRecord } from '../../db/repositories/sfo-assessment-repository.ts';
import { canViewSfoReviews, type Actor } from '../../domain/access/permissions.ts';
import { canAnswerSfoFeedback, canReadSfoFeedback, isRegionStaff } from '../../domain/sfo/access.ts';
import { AppError, FieldError } from '../errors.ts';
import { actorText, sfoAssessmentView } from './assessment.ts';
import { clock } from '../clock.ts';

export interface SfoFeedbackLetter {
  assessmentId: number;
  reviewId: number;
  reviewRef: string;
  region: string;
  regionId: number;
  pdu: string | null;
  offenceCategory: string;
  submittedOn: string | null;
  framework: string;
  standards: { id: string; name: string; rating: string | null; rationale: string | null }[];
  overall: { rating: string | null; rationale: string | null };
  learningPoints: string[];
  /** Signed off and released dates, or null before. */
  signedOffAt: Date | null;
  releasedAt: Date | null;
  actions: SfoRegionActionRecord[];
  mayAnswer: boolean;
}

/** The letter, if the person may read it (404 otherwise, so a region learns nothing of another's reviews). */
export async function sfoFeedbackLetter(db: Db, assessmentId: number, actor: Actor): Promise<SfoFeedbackLetter> {
  const view = await sfoAssessmentView(db, assessmentId).catch((e) => {
    if (e instanceof AppError && e.code === 'not-found') throw new AppError('not-found', `There is no feedback letter ${assessmentId}`);
    throw e;
  });
  if (!canReadSfoFeedback(actor, view.scope)) throw new AppError('not-found', `There is no feedback letter ${assessmentId}`);
  const a = view.assessment;
  return {
    assessmentId,
    reviewId: a.reviewId,
    reviewRef: a.reviewRef,
    region: a.region,
    regionId: a.regionId,
    pdu: a.pdu,
    offenceCategory: a.offenceCategory,
    submittedOn: a.submittedOn,
    framework: `${view.framework.definition.title} (${view.framework.key})`,
    standards: view.framework.standards.map((s) => ({ id: s.id, name: s.name.text, rating: a.reading.standards[s.id]?.rating ?? null, rationale: a.reading.standards[s.id]?.rationale ?? null })),
    overall: { rating: a.reading.overall ?? null, rationale: a.reading.overallRationale ?? null },
    learningPoints: (a.learningPoints ?? '').split(/\n+/).map((l) => l.replace(/^\s*[-*•]\s*/, '').trim()).filter(Boolean),
    signedOffAt: view.signOff?.signedOffAt ?? null,
    releasedAt: view.signOff?.releasedAt ?? null,
    actions: view.actions,
    mayAnswer: canAnswerSfoFeedback(actor, view.scope),
  };
}

const MAX = 2000;

/** The region's staff add an action answering the feedback. */
export async function addSfoRegionAction(db: Db, assessmentId: number, input: { action: string; owner: string; dueOn: string | undefined }, actor: Actor, today = clock.today()): Promise<number> {
  return inTransaction(db, async (trx) => {
    const letter = await sfoFeedbackLetter(trx, assessmentId, actor);
    if (!letter.mayAnswer) throw new AppError('forbidden', 'Only the region’s own staff answer its feedback, once released');
    const problems = [];
    const action = input.action.trim();
    const owner = input.owner.trim();
    if (!action) problems.push({ field: 'action', message: 'Enter the action' });
    else if (action.length > MAX) problems.push({ field: 'action', message: `The action must be ${MAX} characters or fewer` });
    if (!owner) problems.push({ field: 'owner', message: 'Enter who owns the action' });
    else if (owner.length > 200) problems.push({ field: 'owner', message: 'The owner must be 200 characters or fewer' });
    if (!input.dueOn) problems.push({ field: 'dueOn', message: 'Enter the date the action is due' });
    else if (input.dueOn < today) problems.push({ field: 'dueOn', message: 'The date the action is due must be today or in the future' });
    if (problems.length) throw new FieldError(problems);
    const id = await insertSfoRegionAction(trx, { assessmentId, action, owner, dueOn: input.dueOn!, createdBy: actorText(actor) });
    await recordAudit(trx, { actor: actorText(actor), action: 'sfo-feedback.action-added', entity: 'sfo-assessment', entityId: assessmentId, after: { actionId: id, action, owner, dueOn: input.dueOn } });
    return id;
  });
}

export interface SfoFeedbackListItem {
  assessmentId: number;
  reviewRef: string;
  region: string;
  overall: string | null;
  actions: number;
}

/** Released feedback: a region's staff see their own region's; the SFO team and administrators every region's. */
export async function sfoFeedbackList(db: Db, actor: Actor): Promise<{ region?: string; items: SfoFeedbackListItem[] }> {
  let regionId: number | undefined;
  let region: string | undefined;
  if (!canViewSfoReviews(actor)) {
    const organisation = actor.organisationId === null ? undefined : await getOrganisation(db, actor.organisationId);
    if (!isRegionStaff(actor, organisation?.kind)) throw new AppError('forbidden', 'SFO review feedback is for the SFO QA team and the probation regions’ staff');
    regionId = organisation!.id;
    region = organisation!.name;
  }
  const released = await listSfoAssessments(db, { states: ['released'], ...(regionId !== undefined ? { regionId } : {}) });
  const actions = await listSfoRegionActions(db, released.map((a) => a.id));
  return {
    ...(region ? { region } : {}),
    items: released.map((a) => ({ assessmentId: a.id, reviewRef: a.reviewRef, region: a.region, overall: a.reading.overall ?? null, actions: actions.filter((x) => x.assessmentId === a.id).length })),
  };
}
