// Quality-assurance records: the dip-sample plan, second assessments and settled disagreements.
import { sql } from 'kysely';
import type { CaseAssessment } from '../../domain/assessment/types.ts';
import type { Db } from './shared.ts';
import { toJson } from './shared.ts';

export interface QaPlan {
  share: number;
  firstInspectionAll: boolean;
  minimumPerInspector: number;
  seed: number;
  drawnBy: string;
  drawnAt: Date;
}

export interface SecondAssessment {
  caseRef: string;
  reason: string;
  assessorId: number | null;
  assessorName: string | null;
  /** The second assessor's answers, outcomes and evidence (attributes are the case's own). */
  answers: CaseAssessment['answers'];
  outcomes: CaseAssessment['outcomes'];
  evidence: CaseAssessment['evidence'];
  version: number;
  submittedAt: Date | null;
}

export interface Settlement {
  caseRef: string;
  itemId: string;
  firstValue: string;
  secondValue: string;
  settledValue: string;
  reason: string;
  settledBy: string;
  settledAt: Date;
}

export async function saveQaPlan(db: Db, inspectionId: number, plan: Omit<QaPlan, 'drawnAt'>): Promise<void> {
  const values = { inspection_id: inspectionId, share: plan.share, first_inspection_all: plan.firstInspectionAll, minimum_per_inspector: plan.minimumPerInspector, seed: plan.seed, drawn_by: plan.drawnBy };
  await db.insertInto('qa_plan').values(values).onConflict((oc) => oc.column('inspection_id').doUpdateSet({ ...values, drawn_at: sql<Date>`now()` })).execute();
}

export async function getQaPlan(db: Db, inspectionId: number): Promise<QaPlan | undefined> {
  const r = await db.selectFrom('qa_plan').selectAll().where('inspection_id', '=', inspectionId).executeTakeFirst();
  return r && { share: Number(r.share), firstInspectionAll: r.first_inspection_all, minimumPerInspector: r.minimum_per_inspector, seed: r.seed, drawnBy: r.drawn_by, drawnAt: r.drawn_at };
}

/** Replaces the chosen cases that no second assessor has started; started ones are kept. */
export async function replaceUnstartedSecondAssessments(db: Db, inspectionId: number, chosen: { caseRef: string; reason: string }[]): Promise<void> {
  await db.deleteFrom('second_assessment').where('inspection_id', '=', inspectionId).where('version', '=', 1).execute();
  if (!chosen.length) return;
  await db
    .insertInto('second_assessment')
    .values(chosen.map((c) => ({ inspection_id: inspectionId, case_ref: c.caseRef, reason: c.reason })))
    .onConflict((oc) => oc.columns(['inspection_id', 'case_ref']).doNothing())
    .execute();
}

export async function listSecondAssessments(db: Db, inspectionId: number): Promise<SecondAssessment[]> {
  const rows = await db
    .selectFrom('second_assessment as s')
    .leftJoin('app_user as u', 'u.id', 's.assessor_id')
    .selectAll('s')
    .select('u.display_name')
    .where('s.inspection_id', '=', inspectionId)
    .orderBy('s.case_ref')
    .execute();
  return rows.map((r) => ({
    caseRef: r.case_ref,
    reason: r.reason,
    assessorId: r.assessor_id,
    assessorName: r.display_name ?? null,
    answers: r.answers,
    outcomes: r.outcomes,
    evidence: r.evidence,
    version: r.version,
    submittedAt: r.submitted_at,
  }));
}

export async function setSecondAssessor(db: Db, inspectionId: number, caseRef: string, assessorId: number | null): Promise<boolean> {
  const r = await db.updateTable('second_assessment').set({ assessor_id: assessorId }).where('inspection_id', '=', inspectionId).where('case_ref', '=', caseRef).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Compare-and-set save of the second assessor's work; false when the version moved on. */
export async function saveSecondAssessmentWork(
  db: Db,
  inspectionId: number,
  caseRef: string,
  work: Pick<CaseAssessment, 'answers' | 'outcomes' | 'evidence'>,
  expectedVersion: number,
  submit: boolean,
): Promise<boolean> {
  const r = await db
    .updateTable('second_assessment')
    .set({
      answers: toJson(work.answers),
      outcomes: toJson(work.outcomes),
      evidence: toJson(work.evidence),
      version: sql<number>`version + 1`,
      ...(submit ? { submitted_at: sql<Date>`now()` } : {}),
    })
    .where('inspection_id', '=', inspectionId)
    .where('case_ref', '=', caseRef)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function saveSettlement(db: Db, inspectionId: number, s: Omit<Settlement, 'settledAt'>): Promise<void> {
  const values = { inspection_id: inspectionId, case_ref: s.caseRef, item_id: s.itemId, first_value: s.firstValue, second_value: s.secondValue, settled_value: s.settledValue as 'yes' | 'no' | 'na', reason: s.reason, settled_by: s.settledBy };
  await db.insertInto('qa_settlement').values(values).onConflict((oc) => oc.columns(['inspection_id', 'case_ref', 'item_id']).doUpdateSet({ ...values, settled_at: sql<Date>`now()` })).execute();
}

export async function listSettlements(db: Db, inspectionId: number): Promise<Settlement[]> {
  const rows = await db.selectFrom('qa_settlement').selectAll().where('inspection_id', '=', inspectionId).orderBy('case_ref').orderBy('item_id').execute();
  return rows.map((r) => ({ caseRef: r.case_ref, itemId: r.item_id, firstValue: r.first_value, secondValue: r.second_value, settledValue: r.settled_value, reason: r.reason, settledBy: r.settled_by, settledAt: r.settled_at }));
}

/** How many earlier inspections each user has worked on as an inspector, for the dip-sample rule. */
export async function previousInspectionCounts(db: Db, inspectionId: number): Promise<Map<number, number>> {
  const { rows } = await sql<{ user_id: number; n: number }>`
    select m.user_id, count(other.inspection_id)::int as n
    from inspection_member m
    join inspection this on this.id = m.inspection_id
    left join inspection_member other on other.user_id = m.user_id and other.inspection_id <> m.inspection_id
    left join inspection o on o.id = other.inspection_id and o.fieldwork_start < this.fieldwork_start
    where m.inspection_id = ${inspectionId} and (other.inspection_id is null or o.id is not null)
    group by m.user_id`.execute(db);
  return new Map(rows.map((r) => [r.user_id, r.n]));
}
