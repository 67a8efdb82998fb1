// The lead inspector's decisions: domain-one ratings and the diversity judgement with their
// rationale, who assesses which case, and signing the inspection off (which locks it) or reopening
// it with a reason. Every decision is audited.
import {
  assignCase,
  getInspection,
  getReport,
  getUser,
  lockInspection,
  removeInspectionMember,
  unassignCasesOf,
  setInspectionMember,
  listCaseWork,
  listInspectionJudgements,
  listInspectionMembers,
  listUsers,
  loadInspectionAssessment,
  recordAudit,
  saveInspectionJudgement,
  setInspectionStatus,
  inTransaction,
  type CaseWork,
  type Db,
  type Inspection,
  type InspectionMember,
  type User,
} from '../db/repositories/index.ts';
import { worksOnInspectionTeams } from '../domain/access/permissions.ts';
import { effectiveStatus } from '../domain/publication/workflow.ts';
import { rateInspection } from '../domain/rating/engine.ts';
import type { InspectionRatings } from '../domain/rating/result.ts';
import { isCaseComplete } from '../domain/sign-off/case-progress.ts';
import { signOffBlockers, signOffChecklist, type SignOffBlocker, type SignOffCheck } from '../domain/sign-off/checklist.ts';
import { AppError } from './errors.ts';
import { holdOpenInspection } from './inspection-lock.ts';
import { frameworkOf, requireInspection } from './inspections.ts';
import { clock } from './clock.ts';
import { qualityOverview } from './quality.ts';

/** The items the lead inspector rates: domain-one standards and inspection-level judgements. */
export async function judgementItems(db: Db, inspectionId: number) {
  const framework = await frameworkOf(db, await requireInspection(db, inspectionId));
  return {
    framework,
    items: [
      ...framework.judgementStandards.map((s) => ({ id: s.id, name: `${s.id} ${s.name}`, description: s.statement })),
      ...framework.definition.rules.judgements.map((j) => ({ id: j.id, name: j.name, description: j.description ?? '' })),
    ],
  };
}

export async function recordJudgement(
  db: Db,
  input: { inspectionId: number; itemId: string; rating: string; rationale: string },
  actor: string,
): Promise<void> {
  const inspection = await requireInspection(db, input.inspectionId);
  if (inspection.status === 'signed-off') throw new AppError('conflict', 'The inspection is signed off, so its ratings are locked');
  const { framework, items } = await judgementItems(db, input.inspectionId);
  if (!items.some((i) => i.id === input.itemId)) throw new AppError('not-found', `${input.itemId} is not rated by the lead inspector`);
  if (!framework.ratingScale.includes(input.rating)) throw new AppError('invalid', `Select a rating: ${framework.ratingScale.join(', ')}`);
  const rationale = input.rationale.trim();
  if (!rationale) throw new AppError('invalid', 'Write the rationale for the rating');
  if (rationale.length > 20_000) throw new AppError('invalid', 'The rationale must be 20,000 characters or fewer');
  await inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, input.inspectionId, 'its ratings are locked');
    const before = (await listInspectionJudgements(trx, input.inspectionId)).find((j) => j.itemId === input.itemId);
    await saveInspectionJudgement(trx, input.inspectionId, input.itemId, { rating: input.rating, rationale }, actor);
    await recordAudit(trx, {
      actor,
      action: 'judgement.recorded',
      entity: 'judgement',
      entityId: `${input.inspectionId}/${input.itemId}`,
      inspectionId: input.inspectionId,
      before: before ? { rating: before.rating, rationale: before.rationale } : null,
      after: { rating: input.rating, rationale },
    });
  });
}

/** The sign-off checklist from what is stored, read through `db` (the sign-off's own transaction when signing off). */
async function checklistOf(db: Db, inspection: Inspection, withhold: ReadonlySet<string> = new Set()): Promise<{ checks: SignOffCheck[]; ratings: InspectionRatings }> {
  const framework = await frameworkOf(db, inspection);
  const assessment = (await loadInspectionAssessment(db, inspection.id)) ?? { frameworkKey: framework.key, cases: [], judgements: {} };
  const ratings = rateInspection(framework, assessment);
  const quality = await qualityOverview(db, inspection.id, { framework, assessment });
  const checks = signOffChecklist({
    cases: assessment.cases.filter((c) => !withhold.has(c.caseRef)).map((c) => ({ caseRef: c.caseRef, complete: isCaseComplete(framework, c) })),
    standards: ratings.standards,
    judgements: ratings.judgements,
    dipSample: quality.seconds.map((s) => ({ caseRef: s.caseRef, assessorName: s.assessorName, submitted: !!s.submittedAt })),
    openDisagreements: quality.open,
  });
  return { checks, ratings };
}

/**
 * What sign-off checks, each with what still blocks it (none, once the inspection may be signed off).
 * `withhold`: cases the reader is assessing blind, left out so their first assessment's progress is not told.
 */
export async function signOffChecks(db: Db, inspectionId: number, withhold?: ReadonlySet<string>): Promise<SignOffCheck[]> {
  return (await checklistOf(db, await requireInspection(db, inspectionId), withhold)).checks;
}

/** Sign-off refused: every blocker, each with where it is fixed. */
export class SignOffRefused extends AppError {
  constructor(readonly blockers: SignOffBlocker[]) {
    super('invalid', `The inspection cannot be signed off yet: ${blockers.map((b) => b.text).join('; ')}`, blockers.map((b) => ({ path: b.check, message: b.text })));
    this.name = 'SignOffRefused';
  }
}

/**
 * Signs the inspection off, which locks its ratings and assessments. The checks run inside the
 * transaction that signs off, with the inspection's row locked: a change under the inspection
 * takes a share of that lock (holdOpenInspection), so none can land between the checks and the sign-off.
 */
export async function signOff(db: Db, inspectionId: number, actor: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const inspection = await lockInspection(trx, inspectionId, 'update');
    if (!inspection) throw new AppError('not-found', `There is no inspection ${inspectionId}`);
    if (inspection.status === 'signed-off') throw new AppError('conflict', 'The inspection is already signed off');
    const { checks, ratings } = await checklistOf(trx, inspection);
    const blockers = signOffBlockers(checks);
    if (blockers.length) throw new SignOffRefused(blockers);
    await setInspectionStatus(trx, inspectionId, 'signed-off');
    await recordAudit(trx, {
      actor,
      action: 'inspection.signed-off',
      entity: 'inspection',
      entityId: inspectionId,
      inspectionId,
      before: { status: inspection.status },
      after: { status: 'signed-off', overall: ratings.overall.rating, score: ratings.overall.score, ratings: Object.fromEntries(ratings.standards.map((s) => [s.id, s.rating])) },
    });
  });
}

/** Why a signed-off inspection cannot be reopened now, or null when it can. */
export async function reopenBlocker(db: Db, inspectionId: number): Promise<string | null> {
  // The embargoed copy and the published report (and the public pages, rated from the inspection) keep the ratings signed off.
  const report = effectiveStatus(await getReport(db, inspectionId), clock.today());
  if (report === 'published') return 'The report is published, so the inspection cannot be reopened';
  if (report === 'embargoed') return 'The report is embargoed: withdraw the embargo before reopening the inspection';
  return null;
}

export async function reopen(db: Db, inspectionId: number, reason: string, actor: string): Promise<void> {
  const inspection = await requireInspection(db, inspectionId);
  if (inspection.status !== 'signed-off') throw new AppError('conflict', 'Only a signed-off inspection can be reopened');
  const blocker = await reopenBlocker(db, inspectionId);
  if (blocker) throw new AppError('conflict', blocker);
  if (!reason.trim()) throw new AppError('invalid', 'Give the reason for reopening the inspection');
  await inTransaction(db, async (trx) => {
    await setInspectionStatus(trx, inspectionId, 'in-progress');
    await recordAudit(trx, { actor, action: 'inspection.reopened', entity: 'inspection', entityId: inspectionId, inspectionId, before: { status: 'signed-off' }, after: { status: 'in-progress', reason: reason.trim() } });
  });
}

/** The inspection's team: who works on it, and in which role. */
export const teamOf = (db: Db, inspectionId: number): Promise<InspectionMember[]> => listInspectionMembers(db, inspectionId);

/** The inspection's cases with the inspector each is assigned to (or none). */
export const caseAssignments = (db: Db, inspectionId: number): Promise<CaseWork[]> => listCaseWork(db, inspectionId);

/** The judgements the lead inspector has recorded on the inspection. */
export const storedJudgements = (db: Db, inspectionId: number) => listInspectionJudgements(db, inspectionId);

/** Who may be added to a team: the active inspectors and lead inspectors not on it already. */
export async function teamCandidates(db: Db, team: readonly Pick<InspectionMember, 'userId'>[]): Promise<User[]> {
  return (await listUsers(db)).filter((u) => u.active && worksOnInspectionTeams(u.role) && !team.some((m) => m.userId === u.id));
}

/** Assigns a case to an inspector working on the inspection (or to no one). */
export async function assignCaseTo(db: Db, input: { inspectionId: number; caseRef: string; userId: number | null }, actor: string): Promise<void> {
  const inspection = await getInspection(db, input.inspectionId);
  if (!inspection) throw new AppError('not-found', `There is no inspection ${input.inspectionId}`);
  if (input.userId !== null && !(await listInspectionMembers(db, input.inspectionId)).some((m) => m.userId === input.userId))
    throw new AppError('invalid', 'Assign cases only to inspectors working on this inspection');
  await inTransaction(db, async (trx) => {
    if (!(await assignCase(trx, input.inspectionId, input.caseRef, input.userId))) throw new AppError('not-found', `There is no case ${input.caseRef}`);
    await recordAudit(trx, { actor, action: 'case.assigned', entity: 'case', entityId: `${input.inspectionId}/${input.caseRef}`, inspectionId: input.inspectionId, after: { userId: input.userId } });
  });
}


/** Adds someone to the inspection team (or changes their role on it); only inspectors and lead inspectors work on inspections. */
export async function setTeamMember(db: Db, input: { inspectionId: number; userId: number; role: 'lead-inspector' | 'inspector' }, actor: string): Promise<void> {
  await requireInspection(db, input.inspectionId);
  const user = await getUser(db, input.userId);
  if (!user?.active) throw new AppError('invalid', 'Select an active account');
  if (!worksOnInspectionTeams(user.role)) throw new AppError('invalid', `${user.displayName} is not an inspector`);
  if (input.role === 'lead-inspector' && user.role !== 'lead-inspector') throw new AppError('invalid', `${user.displayName} is not a lead inspector`);
  await inTransaction(db, async (trx) => {
    const before = (await listInspectionMembers(trx, input.inspectionId)).find((m) => m.userId === input.userId);
    await setInspectionMember(trx, input.inspectionId, input.userId, input.role);
    await recordAudit(trx, { actor, action: 'inspection.member-set', entity: 'inspection', entityId: input.inspectionId, inspectionId: input.inspectionId, before: before ? { userId: before.userId, role: before.role } : null, after: { userId: input.userId, role: input.role } });
  });
}

export async function removeTeamMember(db: Db, input: { inspectionId: number; userId: number }, actor: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!(await removeInspectionMember(trx, input.inspectionId, input.userId))) throw new AppError('not-found', 'That person is not on the team');
    await unassignCasesOf(trx, input.inspectionId, input.userId);
    await recordAudit(trx, { actor, action: 'inspection.member-removed', entity: 'inspection', entityId: input.inspectionId, inspectionId: input.inspectionId, before: { userId: input.userId } });
  });
}
