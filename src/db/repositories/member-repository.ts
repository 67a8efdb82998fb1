// Who works on which inspection, and as what.
import type { MemberRole } from '../schema.ts';
import type { Db } from './shared.ts';

export interface InspectionMember {
  inspectionId: number;
  userId: number;
  role: MemberRole;
  displayName: string;
  email: string;
}

export async function setInspectionMember(db: Db, inspectionId: number, userId: number, role: MemberRole): Promise<void> {
  await db
    .insertInto('inspection_member')
    .values({ inspection_id: inspectionId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['inspection_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}

export async function removeInspectionMember(db: Db, inspectionId: number, userId: number): Promise<boolean> {
  const r = await db.deleteFrom('inspection_member').where('inspection_id', '=', inspectionId).where('user_id', '=', userId).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function listInspectionMembers(db: Db, inspectionId: number): Promise<InspectionMember[]> {
  const rows = await db
    .selectFrom('inspection_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['m.inspection_id', 'm.user_id', 'm.role', 'u.display_name', 'u.email'])
    .where('m.inspection_id', '=', inspectionId)
    .orderBy('m.role')
    .orderBy('u.display_name')
    .execute();
  return rows.map((r) => ({ inspectionId: r.inspection_id, userId: r.user_id, role: r.role, displayName: r.display_name, email: r.email }));
}

/** The inspections a person works on, by inspection id. */
export async function membershipsOf(db: Db, userId: number): Promise<Map<number, MemberRole>> {
  const rows = await db.selectFrom('inspection_member').select(['inspection_id', 'role']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.inspection_id, r.role]));
}
