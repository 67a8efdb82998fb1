// Report text, recommendations, factual accuracy comments and embargo recipients.
import { sql } from 'kysely';
import type { Db } from './shared.ts';

export type ReportStatus = 'draft' | 'factual-accuracy' | 'embargoed' | 'published';

export interface StoredReport {
  inspectionId: number;
  status: ReportStatus;
  foreword: string;
  overallFindings: string;
  publishOn: string | null;
  updatedBy: string | null;
  updatedAt: Date | null;
}

export interface Recommendation {
  id: number;
  addressedTo: 'pdu' | 'region' | 'national';
  text: string;
  position: number;
}

export interface FactualAccuracyComment {
  id: number;
  author: string;
  section: string;
  comment: string;
  decision: 'accepted' | 'rejected' | null;
  decisionReason: string | null;
  decidedBy: string | null;
  createdAt: Date;
}

export interface EmbargoRecipient {
  id: number;
  name: string;
  email: string;
  organisation: string;
}

/** The report of an inspection; a fresh draft when none has been written. */
export async function getReport(db: Db, inspectionId: number): Promise<StoredReport> {
  const r = await db.selectFrom('report').selectAll().where('inspection_id', '=', inspectionId).executeTakeFirst();
  return r
    ? { inspectionId, status: r.status, foreword: r.foreword, overallFindings: r.overall_findings, publishOn: r.publish_on, updatedBy: r.updated_by, updatedAt: r.updated_at }
    : { inspectionId, status: 'draft', foreword: '', overallFindings: '', publishOn: null, updatedBy: null, updatedAt: null };
}

export async function saveReport(db: Db, report: Omit<StoredReport, 'updatedAt'>): Promise<void> {
  const values = { inspection_id: report.inspectionId, status: report.status, foreword: report.foreword, overall_findings: report.overallFindings, publish_on: report.publishOn, updated_by: report.updatedBy };
  await db.insertInto('report').values(values).onConflict((oc) => oc.column('inspection_id').doUpdateSet({ ...values, updated_at: sql<Date>`now()` })).execute();
}

/**
 * Which inspections' reports the inspected service has seen (for factual accuracy, embargoed or
 * published), which are published, and the publication date set for each of those reports.
 */
export async function publicationStates(
  db: Db,
  today: string,
): Promise<{ published: Set<number>; sharedWithService: Set<number>; publishOn: Map<number, string | null>; status: Map<number, ReportStatus> }> {
  const rows = await db.selectFrom('report').select(['inspection_id', 'status', 'publish_on']).where('status', '<>', 'draft').execute();
  const published = new Set(rows.filter((r) => r.status === 'published' || (r.status === 'embargoed' && r.publish_on !== null && r.publish_on <= today)).map((r) => r.inspection_id));
  return { published, sharedWithService: new Set(rows.map((r) => r.inspection_id)), publishOn: new Map(rows.map((r) => [r.inspection_id, r.publish_on])), status: new Map(rows.map((r) => [r.inspection_id, r.status])) };
}

export async function listRecommendations(db: Db, inspectionId: number): Promise<Recommendation[]> {
  const rows = await db.selectFrom('recommendation').selectAll().where('inspection_id', '=', inspectionId).orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, addressedTo: r.addressed_to, text: r.text, position: r.position }));
}

export async function addRecommendation(db: Db, inspectionId: number, r: { addressedTo: Recommendation['addressedTo']; text: string }): Promise<number> {
  const { next } = await db.selectFrom('recommendation').select(sql<number>`coalesce(max(position), 0) + 1`.as('next')).where('inspection_id', '=', inspectionId).executeTakeFirstOrThrow();
  const row = await db.insertInto('recommendation').values({ inspection_id: inspectionId, addressed_to: r.addressedTo, text: r.text, position: next }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteRecommendation(db: Db, inspectionId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('recommendation').where('inspection_id', '=', inspectionId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function listFactualAccuracyComments(db: Db, inspectionId: number): Promise<FactualAccuracyComment[]> {
  const rows = await db.selectFrom('factual_accuracy_comment').selectAll().where('inspection_id', '=', inspectionId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, author: r.author, section: r.section, comment: r.comment, decision: r.decision, decisionReason: r.decision_reason, decidedBy: r.decided_by, createdAt: r.created_at }));
}

export async function addFactualAccuracyComment(db: Db, inspectionId: number, c: { author: string; section: string; comment: string }): Promise<number> {
  const row = await db.insertInto('factual_accuracy_comment').values({ inspection_id: inspectionId, ...c }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function decideFactualAccuracyComment(db: Db, inspectionId: number, id: number, d: { decision: 'accepted' | 'rejected'; reason: string; by: string }): Promise<boolean> {
  const r = await db
    .updateTable('factual_accuracy_comment')
    .set({ decision: d.decision, decision_reason: d.reason, decided_by: d.by, decided_at: sql<Date>`now()` })
    .where('inspection_id', '=', inspectionId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function listEmbargoRecipients(db: Db, inspectionId: number): Promise<EmbargoRecipient[]> {
  const rows = await db.selectFrom('embargo_recipient').selectAll().where('inspection_id', '=', inspectionId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, organisation: r.organisation }));
}

export async function addEmbargoRecipient(db: Db, inspectionId: number, r: { name: string; email: string; organisation: string; addedBy: string }): Promise<number> {
  const row = await db.insertInto('embargo_recipient').values({ inspection_id: inspectionId, name: r.name, email: r.email, organisation: r.organisation, added_by: r.addedBy }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
