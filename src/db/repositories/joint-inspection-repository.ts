// A joint inspection's partner inspectorates and the partner inspectors on its team.
import type { Db } from './shared.ts';

export interface PartnerInspectorateRow {
  inspectionId: number;
  inspectorate: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface PartnerInspectorRow {
  id: number;
  inspectionId: number;
  inspectorate: string;
  name: string;
  email: string | null;
  addedBy: string;
  addedAt: Date;
}

export async function listPartnerInspectorates(db: Db, inspectionId: number): Promise<PartnerInspectorateRow[]> {
  const rows = await db.selectFrom('inspection_partner_inspectorate').selectAll().where('inspection_id', '=', inspectionId).orderBy('recorded_at').orderBy('inspectorate').execute();
  return rows.map((r) => ({ inspectionId: r.inspection_id, inspectorate: r.inspectorate, recordedBy: r.recorded_by, recordedAt: r.recorded_at }));
}

export async function insertPartnerInspectorate(db: Db, inspectionId: number, inspectorate: string, recordedBy: string): Promise<void> {
  await db.insertInto('inspection_partner_inspectorate').values({ inspection_id: inspectionId, inspectorate, recorded_by: recordedBy }).onConflict((oc) => oc.doNothing()).execute();
}

export async function deletePartnerInspectorate(db: Db, inspectionId: number, inspectorate: string): Promise<void> {
  await db.deleteFrom('inspection_partner_inspectorate').where('inspection_id', '=', inspectionId).where('inspectorate', '=', inspectorate).execute();
}

export async function listPartnerInspectors(db: Db, inspectionId: number): Promise<PartnerInspectorRow[]> {
  const rows = await db.selectFrom('inspection_partner_inspector').selectAll().where('inspection_id', '=', inspectionId).orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, inspectionId: r.inspection_id, inspectorate: r.inspectorate, name: r.name, email: r.email, addedBy: r.added_by, addedAt: r.added_at }));
}

export async function insertPartnerInspector(db: Db, input: { inspectionId: number; inspectorate: string; name: string; email: string | null; addedBy: string }): Promise<number> {
  const row = await db
    .insertInto('inspection_partner_inspector')
    .values({ inspection_id: input.inspectionId, inspectorate: input.inspectorate, name: input.name, email: input.email, added_by: input.addedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Removes a partner inspector of this inspection; the row removed, or undefined when there was none. */
export async function deletePartnerInspector(db: Db, inspectionId: number, id: number): Promise<PartnerInspectorRow | undefined> {
  const r = await db.deleteFrom('inspection_partner_inspector').where('inspection_id', '=', inspectionId).where('id', '=', id).returningAll().executeTakeFirst();
  return r && { id: r.id, inspectionId: r.inspection_id, inspectorate: r.inspectorate, name: r.name, email: r.email, addedBy: r.added_by, addedAt: r.added_at };
}
