// Versions of the report's sections and the inspection's named report writers: stored and fetched,
// no rules (src/services/report-writing.ts has them).
import { sql } from 'kysely';
import type { Db } from './shared.ts';
import { toJson } from './shared.ts';

export interface SectionVersion {
  id: number;
  inspectionId: number;
  section: string;
  version: number;
  parts: Record<string, string>;
  /** Who saved it, as the audit trail names people ("user:12"). */
  author: string;
  note: string;
  factualAccuracyCommentId: number | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  createdAt: Date;
}

export interface ReportWriter {
  userId: number;
  displayName: string;
  email: string;
  namedBy: string;
  namedAt: Date;
}

const toVersion = (r: {
  id: number; inspection_id: number; section: string; version: number; parts: Record<string, string>; author: string; note: string;
  factual_accuracy_comment_id: number | null; approved_by: string | null; approved_at: Date | null; created_at: Date;
}): SectionVersion => ({
  id: r.id,
  inspectionId: r.inspection_id,
  section: r.section,
  version: r.version,
  parts: r.parts,
  author: r.author,
  note: r.note,
  factualAccuracyCommentId: r.factual_accuracy_comment_id,
  approvedBy: r.approved_by,
  approvedAt: r.approved_at,
  createdAt: r.created_at,
});

/** Every version of every section of an inspection's report, oldest first. */
export async function listSectionVersions(db: Db, inspectionId: number, section?: string): Promise<SectionVersion[]> {
  let q = db.selectFrom('report_section_version').selectAll().where('inspection_id', '=', inspectionId);
  if (section !== undefined) q = q.where('section', '=', section);
  return (await q.orderBy('section').orderBy('version').execute()).map(toVersion);
}

/**
 * The newest version number of a section (0 when none), read under a row lock on the report's
 * inspection so two saves of one section take turns (a unique key backs it up).
 */
export async function lockLatestVersion(db: Db, inspectionId: number, section: string): Promise<number> {
  await sql`select id from inspection where id = ${inspectionId} for update`.execute(db);
  const row = await db
    .selectFrom('report_section_version')
    .select(sql<number>`coalesce(max(version), 0)`.as('latest'))
    .where('inspection_id', '=', inspectionId)
    .where('section', '=', section)
    .executeTakeFirstOrThrow();
  return Number(row.latest);
}

export async function insertSectionVersion(
  db: Db,
  v: { inspectionId: number; section: string; version: number; parts: Record<string, string>; author: string; note: string; factualAccuracyCommentId: number | null; approved: boolean },
): Promise<SectionVersion> {
  const row = await db
    .insertInto('report_section_version')
    .values({
      inspection_id: v.inspectionId,
      section: v.section,
      version: v.version,
      parts: toJson(v.parts),
      author: v.author,
      note: v.note,
      factual_accuracy_comment_id: v.factualAccuracyCommentId,
      approved_by: v.approved ? v.author : null,
      approved_at: v.approved ? sql<Date>`now()` : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toVersion(row);
}

export async function approveSectionVersion(db: Db, inspectionId: number, section: string, version: number, by: string): Promise<boolean> {
  const r = await db
    .updateTable('report_section_version')
    .set({ approved_by: by, approved_at: sql<Date>`now()` })
    .where('inspection_id', '=', inspectionId)
    .where('section', '=', section)
    .where('version', '=', version)
    .where('approved_by', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function listReportWriters(db: Db, inspectionId: number): Promise<ReportWriter[]> {
  const rows = await db
    .selectFrom('report_writer as w')
    .innerJoin('app_user as u', 'u.id', 'w.user_id')
    .select(['w.user_id', 'u.display_name', 'u.email', 'w.named_by', 'w.named_at'])
    .where('w.inspection_id', '=', inspectionId)
    .orderBy('u.display_name')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, email: r.email, namedBy: r.named_by, namedAt: r.named_at }));
}

export async function addReportWriter(db: Db, inspectionId: number, userId: number, namedBy: string): Promise<boolean> {
  const row = await db.insertInto('report_writer').values({ inspection_id: inspectionId, user_id: userId, named_by: namedBy }).onConflict((oc) => oc.doNothing()).returning('user_id').executeTakeFirst();
  return row !== undefined;
}

export async function removeReportWriter(db: Db, inspectionId: number, userId: number): Promise<boolean> {
  const r = await db.deleteFrom('report_writer').where('inspection_id', '=', inspectionId).where('user_id', '=', userId).executeTakeFirst();
  return r.numDeletedRows > 0n;
}
