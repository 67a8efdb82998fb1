// Domain-one evidence and the team members allowed to record it: stored and fetched, no rules
// (src/services/domain-one-evidence.ts has them).
import { sql } from 'kysely';
import type { Db } from './shared.ts';

/** The fields a person enters. */
export interface EvidenceFields {
  itemId: string;
  kind: string;
  source: string;
  date: string;
  text: string;
  finding: string;
  surveyStatementId: string | null;
  caseKeyQuestionId: string | null;
}

export interface DomainOneEvidence extends EvidenceFields {
  id: number;
  inspectionId: number;
  standardId: string;
  version: number;
  /** Who recorded it, as the audit trail names people ("user:12"). */
  recordedBy: string;
  recordedAt: Date;
  changedBy: string | null;
  changedAt: Date | null;
  withdrawnBy: string | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
}

export interface EvidenceWriter {
  userId: number;
  displayName: string;
  allowedBy: string;
  allowedAt: Date;
}

type Row = {
  id: number; inspection_id: number; standard_id: string; item_id: string; kind: string; source: string; evidence_date: string; body: string; finding: string;
  survey_statement_id: string | null; case_key_question_id: string | null; version: number; recorded_by: string; recorded_at: Date;
  changed_by: string | null; changed_at: Date | null; withdrawn_by: string | null; withdrawn_at: Date | null; withdrawn_reason: string | null;
};

const toEvidence = (r: Row): DomainOneEvidence => ({
  id: r.id,
  inspectionId: r.inspection_id,
  standardId: r.standard_id,
  itemId: r.item_id,
  kind: r.kind,
  source: r.source,
  date: r.evidence_date,
  text: r.body,
  finding: r.finding,
  surveyStatementId: r.survey_statement_id,
  caseKeyQuestionId: r.case_key_question_id,
  version: r.version,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
  changedBy: r.changed_by,
  changedAt: r.changed_at,
  withdrawnBy: r.withdrawn_by,
  withdrawnAt: r.withdrawn_at,
  withdrawnReason: r.withdrawn_reason,
});

const columns = (f: EvidenceFields) => ({
  item_id: f.itemId,
  kind: f.kind,
  source: f.source,
  evidence_date: f.date,
  body: f.text,
  finding: f.finding,
  survey_statement_id: f.surveyStatementId,
  case_key_question_id: f.caseKeyQuestionId,
});

/** An inspection's evidence (of one standard, when given), withdrawn included, in the order recorded. */
export async function listDomainOneEvidence(db: Db, inspectionId: number, standardId?: string): Promise<DomainOneEvidence[]> {
  let q = db.selectFrom('domain_one_evidence').selectAll().where('inspection_id', '=', inspectionId);
  if (standardId !== undefined) q = q.where('standard_id', '=', standardId);
  return (await q.orderBy('id').execute()).map(toEvidence);
}

export async function getDomainOneEvidence(db: Db, inspectionId: number, id: number): Promise<DomainOneEvidence | undefined> {
  const row = await db.selectFrom('domain_one_evidence').selectAll().where('inspection_id', '=', inspectionId).where('id', '=', id).executeTakeFirst();
  return row && toEvidence(row);
}

export async function insertDomainOneEvidence(db: Db, inspectionId: number, standardId: string, fields: EvidenceFields, by: string): Promise<DomainOneEvidence> {
  const row = await db
    .insertInto('domain_one_evidence')
    .values({ inspection_id: inspectionId, standard_id: standardId, ...columns(fields), recorded_by: by })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toEvidence(row);
}

/** Saves new fields over version `baseVersion`; undefined when it is no longer that version (or withdrawn). */
export async function updateDomainOneEvidence(db: Db, inspectionId: number, id: number, baseVersion: number, fields: EvidenceFields, by: string): Promise<DomainOneEvidence | undefined> {
  const row = await db
    .updateTable('domain_one_evidence')
    .set({ ...columns(fields), version: baseVersion + 1, changed_by: by, changed_at: sql<Date>`now()` })
    .where('inspection_id', '=', inspectionId)
    .where('id', '=', id)
    .where('version', '=', baseVersion)
    .where('withdrawn_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toEvidence(row);
}

/** Marks the evidence withdrawn; undefined when it already was. */
export async function withdrawDomainOneEvidence(db: Db, inspectionId: number, id: number, reason: string, by: string): Promise<DomainOneEvidence | undefined> {
  const row = await db
    .updateTable('domain_one_evidence')
    .set({ withdrawn_by: by, withdrawn_at: sql<Date>`now()`, withdrawn_reason: reason })
    .where('inspection_id', '=', inspectionId)
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toEvidence(row);
}

export async function listEvidenceWriters(db: Db, inspectionId: number): Promise<EvidenceWriter[]> {
  const rows = await db
    .selectFrom('domain_one_evidence_writer as w')
    .innerJoin('app_user as u', 'u.id', 'w.user_id')
    .select(['w.user_id', 'u.display_name', 'w.allowed_by', 'w.allowed_at'])
    .where('w.inspection_id', '=', inspectionId)
    .orderBy('u.display_name')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, allowedBy: r.allowed_by, allowedAt: r.allowed_at }));
}

export async function addEvidenceWriter(db: Db, inspectionId: number, userId: number, by: string): Promise<boolean> {
  const row = await db.insertInto('domain_one_evidence_writer').values({ inspection_id: inspectionId, user_id: userId, allowed_by: by }).onConflict((oc) => oc.doNothing()).returning('user_id').executeTakeFirst();
  return row !== undefined;
}

export async function removeEvidenceWriter(db: Db, inspectionId: number, userId: number): Promise<boolean> {
  const r = await db.deleteFrom('domain_one_evidence_writer').where('inspection_id', '=', inspectionId).where('user_id', '=', userId).executeTakeFirst();
  return r.numDeletedRows > 0n;
}
