// Domain-one evidence (3.1, 4.21): the lead inspector, and the inspectors on the team the lead
// allows, record evidence against a domain-one standard's key questions and prompts; the lead rates
// the standard against it. Survey evidence and case findings are links to the inspection's own
// figures, read live and never typed. Evidence is changed and withdrawn (never deleted), each change
// audited, and all of it is locked once the inspection is signed off. The inspected service never
// sees any of it.
import {
  listInspectionJudgements,
  listInspectionMembers,
  listUsers,
  recordAudit,
  inTransaction,
  type Db,
} from '../db/repositories/index.ts';
import {
  addEvidenceWriter,
  getDomainOneEvidence,
  insertDomainOneEvidence,
  listDomainOneEvidence,
  listEvidenceWriters,
  removeEvidenceWriter,
  updateDomainOneEvidence,
  withdrawDomainOneEvidence,
  type DomainOneEvidence,
} from '../db/repositories/domain-one-evidence-repository.ts';
import { canLeadInspection, canOpenArea, type Actor, type InspectionScope } from '../domain/access/permissions.ts';
import { mayBeAllowedToWrite, mayChangeEvidence, mayRecordEvidence } from '../domain/domain-one/access.ts';
import {
  checkedEvidence,
  evidenceProblems,
  findingCounts,
  groupByKeyQuestion,
  type CheckedEvidence,
  type EvidenceInput,
  type FindingCounts,
  type GroupedEvidence,
} from '../domain/domain-one/evidence.ts';
import { domainOneStandard, domainOneStandards, evidenceTarget, evidenceTargets, type DomainOneStandard, type EvidenceTarget } from '../domain/domain-one/questions.ts';
import type { Framework } from '../domain/framework/framework.ts';
import type { KeyQuestionResult } from '../domain/rating/result.ts';
import type { RatingsStanding } from '../domain/sign-off/provisional.ts';
import type { Proportion } from '../domain/survey/results.ts';
import { AppError, FieldError } from './errors.ts';
import { holdOpenInspection } from './inspection-lock.ts';
import { frameworkOf, rateStoredInspection, requireInspection } from './inspections.ts';
import { clock } from './clock.ts';
import { loadSurveyResults } from './survey/survey.ts';

/** The person acting: their access facts and their name in the audit trail ("user:12"). */
export interface EvidenceActor {
  actor: Actor;
  scope: InspectionScope;
  by: string;
}

const LOCKED = 'its domain-one evidence is locked';

/** A survey statement that evidence can link to, with how people answered it. */
export interface LinkableStatement {
  id: string;
  text: string;
  informs: string[];
  agree: Proportion;
}

/** What evidence can link to: the survey's statements (once it has results) and domain two's key questions with their percentages. */
export interface EvidenceLinks {
  statements: LinkableStatement[];
  keyQuestions: KeyQuestionResult[];
  /** Whether the case figures may still change (cases being assessed, or not signed off). */
  standing: RatingsStanding;
}

export interface EvidenceView extends DomainOneEvidence {
  target: EvidenceTarget | undefined;
  recordedByName: string;
  changedByName: string | null;
  withdrawn: boolean;
  statement: LinkableStatement | undefined;
  keyQuestion: KeyQuestionResult | undefined;
  mayChange: boolean;
}

export interface StandardWorkspace {
  framework: Framework;
  standard: DomainOneStandard;
  grouped: GroupedEvidence<EvidenceView>;
  links: EvidenceLinks;
  judgement: { rating: string; rationale: string | null; recordedByName: string; recordedAt: Date } | undefined;
  /** The inspection is signed off: nothing changes. */
  locked: boolean;
  mayRecord: boolean;
  mayRate: boolean;
}

const refuseUnlessOpen = (who: EvidenceActor) => {
  if (!canOpenArea(who.actor, who.scope, 'judgements')) throw new AppError('forbidden', 'You do not have access to this part of the inspection');
};

/** The team members the lead has allowed to record evidence, by user id. */
export async function evidenceWriterIds(db: Db, inspectionId: number): Promise<Set<number>> {
  return new Set((await listEvidenceWriters(db, inspectionId)).map((w) => w.userId));
}

async function requireStandard(db: Db, inspectionId: number, standardId: string): Promise<{ framework: Framework; standard: DomainOneStandard }> {
  const framework = await frameworkOf(db, await requireInspection(db, inspectionId));
  const standard = domainOneStandard(framework, standardId);
  if (!standard) throw new AppError('not-found', `${standardId} is not a domain-one standard`);
  return { framework, standard };
}

/** The survey statements and the domain-two key questions evidence can link to, read from the inspection now. */
export async function evidenceLinks(db: Db, inspectionId: number): Promise<EvidenceLinks> {
  const [{ results }, { ratings, standing }] = await Promise.all([loadSurveyResults(db, inspectionId), rateStoredInspection(db, inspectionId)]);
  return {
    statements: (results?.statements ?? []).map((s) => ({ id: s.id, text: s.text, informs: s.informs, agree: s.agree })),
    keyQuestions: ratings.standards.filter((s) => s.assessedBy === 'case-assessment' || s.assessedBy === 'case-outcomes').flatMap((s) => [...s.keyQuestions, ...(s.outcomeQuestions ?? [])]),
    standing,
  };
}

const namesOf = async (db: Db): Promise<(by: string | null) => string> => {
  const users = new Map((await listUsers(db)).map((u) => [`user:${u.id}`, u.displayName]));
  return (by) => (by === null ? '' : (users.get(by) ?? (by === 'system:demo' ? 'demonstration data' : by.startsWith('system') ? 'the system' : by)));
};

/** One domain-one standard as the lead works on it: its key questions and prompts, the evidence by key question with counts, the links' figures and the rating. */
export async function standardWorkspace(db: Db, who: EvidenceActor, standardId: string): Promise<StandardWorkspace> {
  refuseUnlessOpen(who);
  const inspectionId = who.scope.id;
  const { framework, standard } = await requireStandard(db, inspectionId, standardId);
  const [inspection, stored, links, writers, judgements, nameOf] = await Promise.all([
    requireInspection(db, inspectionId),
    listDomainOneEvidence(db, inspectionId, standard.id),
    evidenceLinks(db, inspectionId),
    evidenceWriterIds(db, inspectionId),
    listInspectionJudgements(db, inspectionId),
    namesOf(db),
  ]);
  const locked = inspection.status === 'signed-off';
  const views: EvidenceView[] = stored.map((e) => ({
    ...e,
    target: evidenceTarget(framework, standard.id, e.itemId),
    recordedByName: nameOf(e.recordedBy),
    changedByName: e.changedBy && nameOf(e.changedBy),
    withdrawn: e.withdrawnAt !== null,
    statement: e.surveyStatementId ? links.statements.find((s) => s.id === e.surveyStatementId) : undefined,
    keyQuestion: e.caseKeyQuestionId ? links.keyQuestions.find((k) => k.id === e.caseKeyQuestionId) : undefined,
    mayChange: !locked && mayChangeEvidence(who.actor, who.scope, writers, e, who.by),
  }));
  const judgement = judgements.find((j) => j.itemId === standard.id);
  return {
    framework,
    standard,
    grouped: groupByKeyQuestion(standard, views),
    links,
    judgement: judgement && { rating: judgement.rating, rationale: judgement.rationale, recordedByName: nameOf(judgement.recordedBy), recordedAt: judgement.recordedAt },
    locked,
    mayRecord: !locked && mayRecordEvidence(who.actor, who.scope, writers),
    mayRate: !locked && canLeadInspection(who.actor, who.scope),
  };
}

/** Each domain-one standard's counts of evidence shown, for the judgements page. */
export async function domainOneCounts(db: Db, inspectionId: number): Promise<Record<string, FindingCounts>> {
  const framework = await frameworkOf(db, await requireInspection(db, inspectionId));
  const evidence = (await listDomainOneEvidence(db, inspectionId)).map((e) => ({ ...e, withdrawn: e.withdrawnAt !== null }));
  return Object.fromEntries(domainOneStandards(framework).map((s) => [s.id, findingCounts(evidence.filter((e) => e.standardId === s.id))]));
}

async function checkInput(db: Db, inspectionId: number, standard: DomainOneStandard, input: EvidenceInput): Promise<CheckedEvidence> {
  const links = await evidenceLinks(db, inspectionId);
  const problems = evidenceProblems(input, {
    targets: new Set(evidenceTargets(standard).map((t) => t.id)),
    surveyStatements: new Set(links.statements.map((s) => s.id)),
    caseKeyQuestions: new Set(links.keyQuestions.map((k) => k.id)),
    today: clock.today(),
  });
  if (problems.length) throw new FieldError(problems);
  return checkedEvidence(input);
}

const audited = (e: Pick<DomainOneEvidence, 'itemId' | 'kind' | 'source' | 'date' | 'text' | 'finding' | 'surveyStatementId' | 'caseKeyQuestionId'>) => ({
  item: e.itemId,
  kind: e.kind,
  source: e.source,
  date: e.date,
  text: e.text,
  finding: e.finding,
  ...(e.surveyStatementId ? { surveyStatement: e.surveyStatementId } : {}),
  ...(e.caseKeyQuestionId ? { caseKeyQuestion: e.caseKeyQuestionId } : {}),
});

/** Records evidence against a key question or prompt of the standard. */
export async function recordEvidence(db: Db, who: EvidenceActor, standardId: string, input: EvidenceInput): Promise<DomainOneEvidence> {
  refuseUnlessOpen(who);
  const inspectionId = who.scope.id;
  const { standard } = await requireStandard(db, inspectionId, standardId);
  if (!mayRecordEvidence(who.actor, who.scope, await evidenceWriterIds(db, inspectionId)))
    throw new AppError('forbidden', 'Only the lead inspector, and the inspectors on the team the lead allows, record domain-one evidence');
  const fields = await checkInput(db, inspectionId, standard, input);
  return inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, inspectionId, LOCKED);
    const evidence = await insertDomainOneEvidence(trx, inspectionId, standard.id, fields, who.by);
    await recordAudit(trx, { actor: who.by, action: 'domain-one-evidence.recorded', entity: 'domain-one-evidence', entityId: `${inspectionId}/${evidence.id}`, inspectionId, after: { standard: standard.id, ...audited(evidence) } });
    return evidence;
  });
}

/** The evidence, if the person may change it; refused (with the reason) otherwise. */
async function changeable(db: Db, who: EvidenceActor, standardId: string, evidenceId: number): Promise<DomainOneEvidence> {
  refuseUnlessOpen(who);
  const evidence = await getDomainOneEvidence(db, who.scope.id, evidenceId);
  if (!evidence || evidence.standardId !== standardId || evidence.withdrawnAt) throw new AppError('not-found', `There is no evidence ${evidenceId} for ${standardId}`);
  if (!mayChangeEvidence(who.actor, who.scope, await evidenceWriterIds(db, who.scope.id), evidence, who.by))
    throw new AppError('forbidden', 'Only the lead inspector, or the inspector who recorded it, may change this evidence');
  return evidence;
}

/** The evidence for its edit form: refused to those who may not change it. */
export async function evidenceToChange(db: Db, who: EvidenceActor, standardId: string, evidenceId: number): Promise<DomainOneEvidence> {
  return changeable(db, who, standardId, evidenceId);
}

/** Someone saved the evidence after the version this change started from. */
export class StaleEvidenceError extends AppError {
  constructor(readonly latest: DomainOneEvidence) {
    super('conflict', 'Someone changed this evidence after you opened it. Your changes have not been saved: check the evidence as it is now and make them again.');
    this.name = 'StaleEvidenceError';
  }
}

/** Saves changed evidence over version `baseVersion` (a change based on an older version is refused). */
export async function changeEvidence(db: Db, who: EvidenceActor, standardId: string, evidenceId: number, baseVersion: number, input: EvidenceInput): Promise<DomainOneEvidence> {
  const before = await changeable(db, who, standardId, evidenceId);
  const { standard } = await requireStandard(db, who.scope.id, standardId);
  const fields = await checkInput(db, who.scope.id, standard, input);
  return inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, who.scope.id, LOCKED);
    const after = await updateDomainOneEvidence(trx, who.scope.id, evidenceId, baseVersion, fields, who.by);
    if (!after) {
      const latest = await getDomainOneEvidence(trx, who.scope.id, evidenceId);
      if (!latest || latest.withdrawnAt) throw new AppError('conflict', 'This evidence has been withdrawn, so it cannot be changed');
      throw new StaleEvidenceError(latest);
    }
    await recordAudit(trx, { actor: who.by, action: 'domain-one-evidence.changed', entity: 'domain-one-evidence', entityId: `${who.scope.id}/${evidenceId}`, inspectionId: who.scope.id, before: audited(before), after: audited(after) });
    return after;
  });
}

export const MAX_REASON_LENGTH = 1000;

/** Withdraws evidence: no longer shown or counted, kept in the audit trail with the reason. */
export async function withdrawEvidence(db: Db, who: EvidenceActor, standardId: string, evidenceId: number, reason: string): Promise<void> {
  const before = await changeable(db, who, standardId, evidenceId);
  const why = reason.trim();
  if (!why) throw new FieldError([{ field: 'reason', message: 'Enter why the evidence is withdrawn' }]);
  if (why.length > MAX_REASON_LENGTH) throw new FieldError([{ field: 'reason', message: `Why the evidence is withdrawn must be ${MAX_REASON_LENGTH.toLocaleString('en-GB')} characters or fewer` }]);
  await inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, who.scope.id, LOCKED);
    if (!(await withdrawDomainOneEvidence(trx, who.scope.id, evidenceId, why, who.by))) throw new AppError('conflict', 'This evidence has already been withdrawn');
    await recordAudit(trx, { actor: who.by, action: 'domain-one-evidence.withdrawn', entity: 'domain-one-evidence', entityId: `${who.scope.id}/${evidenceId}`, inspectionId: who.scope.id, before: audited(before), after: { withdrawn: true, reason: why } });
  });
}

export interface WriterChoice {
  userId: number;
  displayName: string;
  allowed: boolean;
}

/** The team's inspectors and whether each may record evidence, for the lead's form. */
export async function evidenceWriterChoices(db: Db, inspectionId: number): Promise<WriterChoice[]> {
  const [members, writers] = await Promise.all([listInspectionMembers(db, inspectionId), evidenceWriterIds(db, inspectionId)]);
  return members.filter(mayBeAllowedToWrite).map((m) => ({ userId: m.userId, displayName: m.displayName, allowed: writers.has(m.userId) }));
}

/** The lead allows exactly `userIds` of the team's inspectors to record evidence; each change audited. */
export async function setEvidenceWriters(db: Db, who: EvidenceActor, userIds: readonly number[]): Promise<{ allowed: string[]; removed: string[] }> {
  if (!canLeadInspection(who.actor, who.scope)) throw new AppError('forbidden', 'Only the lead inspector decides who records domain-one evidence');
  const inspectionId = who.scope.id;
  const choices = await evidenceWriterChoices(db, inspectionId);
  const unknown = userIds.filter((id) => !choices.some((c) => c.userId === id));
  if (unknown.length) throw new FieldError([{ field: 'writers', message: 'Select only inspectors on this inspection’s team' }]);
  const wanted = new Set(userIds);
  return inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, inspectionId, LOCKED);
    const allowed: string[] = [];
    const removed: string[] = [];
    for (const c of choices) {
      if (wanted.has(c.userId) && !c.allowed && (await addEvidenceWriter(trx, inspectionId, c.userId, who.by))) {
        allowed.push(c.displayName);
        await recordAudit(trx, { actor: who.by, action: 'domain-one-evidence.writer-allowed', entity: 'inspection', entityId: inspectionId, inspectionId, after: { userId: c.userId } });
      }
      if (!wanted.has(c.userId) && c.allowed && (await removeEvidenceWriter(trx, inspectionId, c.userId))) {
        removed.push(c.displayName);
        await recordAudit(trx, { actor: who.by, action: 'domain-one-evidence.writer-removed', entity: 'inspection', entityId: inspectionId, inspectionId, before: { userId: c.userId } });
      }
    }
    return { allowed, removed };
  });
}
