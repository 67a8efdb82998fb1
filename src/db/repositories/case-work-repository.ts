// Case-level work in the web app: assignment and the version used for optimistic locking.
import { sql } from 'kysely';
import type { Db } from './shared.ts';

export interface CaseWork {
  caseRef: string;
  version: number;
  assignedTo: number | null;
  assignedToName: string | null;
  updatedAt: Date;
  updatedBy: string | null;
}

const caseWork = (db: Db, inspectionId: number) =>
  db
    .selectFrom('inspection_case as c')
    .leftJoin('app_user as u', 'u.id', 'c.assigned_to')
    .select(['c.case_ref', 'c.version', 'c.assigned_to', 'u.display_name', 'c.updated_at', 'c.updated_by'])
    .where('c.inspection_id', '=', inspectionId);

const toCaseWork = (r: { case_ref: string; version: number; assigned_to: number | null; display_name: string | null; updated_at: Date; updated_by: string | null }): CaseWork => ({
  caseRef: r.case_ref,
  version: r.version,
  assignedTo: r.assigned_to,
  assignedToName: r.display_name ?? null,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

export async function listCaseWork(db: Db, inspectionId: number): Promise<CaseWork[]> {
  return (await caseWork(db, inspectionId).orderBy('c.case_ref').execute()).map(toCaseWork);
}

export async function getCaseWork(db: Db, inspectionId: number, caseRef: string): Promise<CaseWork | undefined> {
  const row = await caseWork(db, inspectionId).where('c.case_ref', '=', caseRef).executeTakeFirst();
  return row && toCaseWork(row);
}

/**
 * Compare-and-set of the case version: raises it by one only if it is still `expected`.
 * False means someone else saved the case first.
 */
export async function claimCaseVersion(db: Db, inspectionId: number, caseRef: string, expected: number, by: string): Promise<boolean> {
  const result = await db
    .updateTable('inspection_case')
    .set({ version: sql<number>`version + 1`, updated_at: sql<Date>`now()`, updated_by: by })
    .where('inspection_id', '=', inspectionId)
    .where('case_ref', '=', caseRef)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function assignCase(db: Db, inspectionId: number, caseRef: string, userId: number | null): Promise<boolean> {
  const result = await db.updateTable('inspection_case').set({ assigned_to: userId }).where('inspection_id', '=', inspectionId).where('case_ref', '=', caseRef).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Takes every case of the inspection away from one inspector (when they leave the team). */
export async function unassignCasesOf(db: Db, inspectionId: number, userId: number): Promise<void> {
  await db.updateTable('inspection_case').set({ assigned_to: null }).where('inspection_id', '=', inspectionId).where('assigned_to', '=', userId).execute();
}
