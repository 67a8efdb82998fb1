// Quality assurance of case assessments: a dip sample of cases is assessed a second time, blind,
// by another inspector; the lead inspector settles each disagreement with a reason, and agreement
// is reported per key question and per inspector.
import {
  claimCaseVersion,
  getCaseWork,
  getQaPlan,
  listCaseWork,
  listInspectionMembers,
  listSecondAssessments,
  listSettlements,
  loadCaseAssessment,
  loadInspectionAssessment,
  previousInspectionCounts,
  recordAudit,
  replaceUnstartedSecondAssessments,
  saveCaseAssessment,
  saveQaPlan,
  saveSecondAssessmentWork,
  saveSettlement,
  setSecondAssessor,
  inTransaction,
  type Db,
  type SecondAssessment,
} from '../db/repositories/index.ts';
import { firstAssessmentAccess, type FirstAssessmentAccess } from '../domain/access/first-assessment.ts';
import type { Actor, InspectionScope } from '../domain/access/permissions.ts';
import { applyStandard, requiredKeys, standardStatus, valueProblems, type FlatValues } from '../domain/assessment/standard-edit.ts';
import { missingAnswers } from '../domain/assessment/missing-answers.ts';
import type { Answer, CaseAssessment, InspectionAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { agreement, disagreements, type Disagreement } from '../domain/quality/agreement.ts';
import { chooseSecondAssessments, type DipSampleRule } from '../domain/quality/dip-sample.ts';
import { AppError } from './errors.ts';
import { holdOpenInspection } from './inspection-lock.ts';
import { frameworkOf, requireInspection } from './inspections.ts';

export async function drawDipSample(db: Db, inspectionId: number, rule: DipSampleRule, seed: number, actor: string) {
  const inspection = await requireInspection(db, inspectionId);
  if (inspection.status === 'signed-off') throw new AppError('conflict', 'The inspection is signed off');
  const work = await listCaseWork(db, inspectionId);
  const chosen = chooseSecondAssessments(work.map((w) => ({ caseRef: w.caseRef, assessor: w.assignedTo })), await previousInspectionCounts(db, inspectionId), rule, seed);
  await inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, inspectionId, 'its quality assurance is closed');
    await saveQaPlan(trx, inspectionId, { ...rule, seed, drawnBy: actor });
    await replaceUnstartedSecondAssessments(trx, inspectionId, chosen);
    await recordAudit(trx, { actor, action: 'qa.dip-sample-drawn', entity: 'inspection', entityId: inspectionId, inspectionId, after: { rule, seed, cases: chosen.map((c) => c.caseRef) } });
  });
  return chosen;
}

/** The second assessor must work on the inspection and must not have made the first assessment. */
export async function assignSecondAssessor(db: Db, input: { inspectionId: number; caseRef: string; userId: number | null }, actor: string): Promise<void> {
  if (input.userId !== null) {
    if (!(await listInspectionMembers(db, input.inspectionId)).some((m) => m.userId === input.userId))
      throw new AppError('invalid', 'The second assessor must be working on this inspection');
    if ((await getCaseWork(db, input.inspectionId, input.caseRef))?.assignedTo === input.userId)
      throw new AppError('invalid', `The second assessment of ${input.caseRef} must be made by someone other than its first assessor`);
  }
  await inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, input.inspectionId, 'its quality assurance is closed');
    if (!(await setSecondAssessor(trx, input.inspectionId, input.caseRef, input.userId))) throw new AppError('not-found', `${input.caseRef} is not in the dip sample`);
    await recordAudit(trx, { actor, action: 'qa.second-assessor-assigned', entity: 'case', entityId: `${input.inspectionId}/${input.caseRef}`, inspectionId: input.inspectionId, after: { userId: input.userId } });
  });
}

export async function secondAssessmentOf(db: Db, inspectionId: number, caseRef: string): Promise<SecondAssessment | undefined> {
  return (await listSecondAssessments(db, inspectionId)).find((s) => s.caseRef === caseRef);
}

/** Which cases' first assessments this person may read (the rule: ../domain/access/first-assessment.ts). */
export async function firstAssessmentAccessOf(db: Db, actor: Actor, inspection: InspectionScope): Promise<FirstAssessmentAccess> {
  const seconds = await listSecondAssessments(db, inspection.id);
  return firstAssessmentAccess(actor, inspection, seconds.map((s) => ({ caseRef: s.caseRef, assessorId: s.assessorId, submitted: !!s.submittedAt })));
}

/** The second assessment in the shape of a case: the case's own attributes, the second assessor's answers. */
export async function loadSecondAssessment(db: Db, inspectionId: number, caseRef: string) {
  const inspection = await requireInspection(db, inspectionId);
  const framework = await frameworkOf(db, inspection);
  const [official, second] = await Promise.all([loadCaseAssessment(db, inspectionId, caseRef), secondAssessmentOf(db, inspectionId, caseRef)]);
  if (!official || !second) throw new AppError('not-found', `${caseRef} is not in the dip sample`);
  const assessment: CaseAssessment = { caseRef, attributes: official.attributes, answers: second.answers, outcomes: second.outcomes, evidence: second.evidence };
  return { inspection, framework, second, assessment, standards: framework.caseStandards.map((standard) => ({ standard, ...standardStatus(standard, assessment) })) };
}

export async function saveSecondStandard(
  db: Db,
  input: { inspectionId: number; caseRef: string; standardId: string; values: FlatValues; version: number; mode: 'draft' | 'complete' },
  assessorId: number,
  actor: string,
): Promise<{ outcome: 'saved' } | { outcome: 'invalid'; problems: { key: string; message: string }[]; values: FlatValues }> {
  const { inspection, framework, second, assessment } = await loadSecondAssessment(db, input.inspectionId, input.caseRef);
  if (inspection.status === 'signed-off') throw new AppError('conflict', 'The inspection is signed off');
  if (second.assessorId !== assessorId) throw new AppError('forbidden', 'Only the assigned second assessor records this assessment');
  if (second.submittedAt) throw new AppError('conflict', 'The second assessment has been submitted');
  const standard = framework.caseStandards.find((s) => s.id === input.standardId);
  if (!standard) throw new AppError('not-found', `There is no case standard ${input.standardId}`);
  const values = Object.fromEntries(Object.entries(input.values).filter(([, v]) => v !== ''));
  const problems = valueProblems(standard, assessment, values);
  if (problems.length) return { outcome: 'invalid', problems, values };
  const updated = applyStandard(standard, assessment, values);
  if (input.mode === 'complete') {
    const missing = [...requiredKeys(standard, updated)].filter((k) => !values[k]);
    if (missing.length) return { outcome: 'invalid', problems: missingAnswers(standard, updated, new Set(missing)), values };
  }
  await inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, input.inspectionId, 'its quality assurance is closed');
    if (!(await saveSecondAssessmentWork(trx, input.inspectionId, input.caseRef, updated, input.version, false)))
      throw new AppError('conflict', 'This second assessment was saved elsewhere meanwhile; reload the page and try again');
    await recordAudit(trx, { actor, action: 'qa.second-assessment-saved', entity: 'case', entityId: `${input.inspectionId}/${input.caseRef}`, inspectionId: input.inspectionId, after: { standard: standard.id, mode: input.mode, ...values } });
  });
  return { outcome: 'saved' };
}

export async function submitSecondAssessment(db: Db, inspectionId: number, caseRef: string, assessorId: number, actor: string): Promise<void> {
  const { second, assessment, standards } = await loadSecondAssessment(db, inspectionId, caseRef);
  if (second.assessorId !== assessorId) throw new AppError('forbidden', 'Only the assigned second assessor submits this assessment');
  const unfinished = standards.filter((s) => s.status !== 'completed' && s.status !== 'not-applicable').map((s) => s.standard.id);
  if (unfinished.length) throw new AppError('invalid', `Complete every standard before submitting: ${unfinished.join(', ')}`);
  await inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, inspectionId, 'its quality assurance is closed');
    if (!(await saveSecondAssessmentWork(trx, inspectionId, caseRef, assessment, second.version, true))) throw new AppError('conflict', 'Reload the page and try again');
    await recordAudit(trx, { actor, action: 'qa.second-assessment-submitted', entity: 'case', entityId: `${inspectionId}/${caseRef}`, inspectionId });
  });
}

export interface QualityOverview {
  plan: Awaited<ReturnType<typeof getQaPlan>>;
  seconds: SecondAssessment[];
  /** Disagreements of submitted second assessments not yet settled. */
  open: Disagreement[];
  settled: Awaited<ReturnType<typeof listSettlements>>;
  agreement: ReturnType<typeof agreement>;
}

/** `loaded`: the framework and official assessment when the caller has read them already (sign-off, in its transaction). */
export async function qualityOverview(db: Db, inspectionId: number, loaded?: { framework: Framework; assessment: InspectionAssessment }): Promise<QualityOverview> {
  const framework = loaded?.framework ?? (await frameworkOf(db, await requireInspection(db, inspectionId)));
  const [plan, seconds, settled, official, work] = await Promise.all([
    getQaPlan(db, inspectionId),
    listSecondAssessments(db, inspectionId),
    listSettlements(db, inspectionId),
    loaded ? loaded.assessment : loadInspectionAssessment(db, inspectionId),
    listCaseWork(db, inspectionId),
  ]);
  const byRef = new Map((official?.cases ?? []).map((c) => [c.caseRef, c]));
  const settledKeys = new Set(settled.map((s) => `${s.caseRef} ${s.itemId}`));
  const assessorOf = new Map(work.map((w) => [w.caseRef, w.assignedTo]));
  const pairs = seconds
    .filter((s) => s.submittedAt && byRef.has(s.caseRef))
    .map((s) => {
      const first = byRef.get(s.caseRef)!;
      // Agreement is measured on the independent judgements: a settled item counts with the value the first assessor gave.
      const original = { ...first, answers: { ...first.answers } };
      for (const x of settled.filter((x) => x.caseRef === s.caseRef)) original.answers[x.itemId] = x.firstValue as Answer;
      return { first: original, second: { ...first, answers: s.answers, outcomes: s.outcomes, evidence: s.evidence }, firstAssessor: assessorOf.get(s.caseRef) ?? null };
    });
  const open = pairs.flatMap((p) => disagreements(framework, p.first, p.second)).filter((d) => !settledKeys.has(`${d.caseRef} ${d.item}`));
  return { plan, seconds, open, settled, agreement: agreement(framework, pairs) };
}

/** Settles one disagreement: the official assessment takes the settled value, and the reason is kept. */
export async function settleDisagreement(db: Db, input: { inspectionId: number; caseRef: string; item: string; choice: 'first' | 'second'; reason: string }, actor: string): Promise<void> {
  const inspection = await requireInspection(db, input.inspectionId);
  if (inspection.status === 'signed-off') throw new AppError('conflict', 'The inspection is signed off');
  if (!input.reason.trim()) throw new AppError('invalid', 'Give the reason for settling the disagreement this way');
  const overview = await qualityOverview(db, input.inspectionId);
  const open = overview.open.find((d) => d.caseRef === input.caseRef && d.item === input.item);
  if (!open) throw new AppError('not-found', `There is no open disagreement on ${input.item} for ${input.caseRef}`);
  const value = (input.choice === 'first' ? open.first : open.second) as Answer;
  await inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, input.inspectionId, 'its quality assurance is closed');
    const official = (await loadCaseAssessment(trx, input.inspectionId, input.caseRef))!;
    if (official.answers[input.item] !== value) {
      const work = (await getCaseWork(trx, input.inspectionId, input.caseRef))!;
      await claimCaseVersion(trx, input.inspectionId, input.caseRef, work.version, actor);
      await saveCaseAssessment(trx, input.inspectionId, { ...official, answers: { ...official.answers, [input.item]: value } });
    }
    await saveSettlement(trx, input.inspectionId, { caseRef: input.caseRef, itemId: input.item, firstValue: open.first, secondValue: open.second, settledValue: value, reason: input.reason.trim(), settledBy: actor });
    await recordAudit(trx, {
      actor,
      action: 'qa.disagreement-settled',
      entity: 'case',
      entityId: `${input.inspectionId}/${input.caseRef}`,
      inspectionId: input.inspectionId,
      before: { [input.item]: open.first, second: open.second },
      after: { [input.item]: value, reason: input.reason.trim() },
    });
  });
}
