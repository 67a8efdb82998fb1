// The registry of organisations for the programme: names over time, and the intelligence the risk
// score reads (caseload, concerns, performance, joint inspection). Data access only.
import { sql } from 'kysely';
import type { NameSource } from '../schema-programme.ts';
import type { OrganisationKind } from '../schema.ts';
import type { Organisation } from './organisation-repository.ts';
import { toJson, type Db } from './shared.ts';

export interface OrganisationName {
  id: number;
  organisationId: number;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  source: NameSource;
  note: string | null;
  recordedBy: string;
  recordedAt: Date;
}

export interface OrganisationNameInput {
  organisationId: number;
  name: string;
  validFrom?: string | null;
  validTo?: string | null;
  source: NameSource;
  note?: string | null;
  recordedBy: string;
}

export interface OrganisationIntelligence {
  organisationId: number;
  caseload: number | null;
  caseloadAsOf: string | null;
  concerns: number | null;
  performance: number | null;
  jointInspection: boolean | null;
  note: string | null;
  updatedBy: string;
  updatedAt: Date;
}

export type OrganisationIntelligenceInput = Omit<OrganisationIntelligence, 'updatedAt'>;

const toName = (r: {
  id: number;
  organisation_id: number;
  name: string;
  valid_from: string | null;
  valid_to: string | null;
  source: NameSource;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
}): OrganisationName => ({
  id: r.id,
  organisationId: r.organisation_id,
  name: r.name,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  source: r.source,
  note: r.note,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
});

/** An organisation's names, oldest first (names with no dates first, then by date). */
export async function listOrganisationNames(db: Db, organisationId: number): Promise<OrganisationName[]> {
  const rows = await db
    .selectFrom('organisation_name')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy(sql`coalesce(valid_to, valid_from, '9999-12-31'::date)`)
    .orderBy('id')
    .execute();
  return rows.map(toName);
}

/** Names recorded for organisations of a kind, e.g. to find which organisation a former name now belongs to. */
export async function listNamesOfKind(db: Db, kind: OrganisationKind): Promise<OrganisationName[]> {
  const rows = await db
    .selectFrom('organisation_name as n')
    .innerJoin('organisation as o', 'o.id', 'n.organisation_id')
    .selectAll('n')
    .where('o.kind', '=', kind)
    .orderBy('n.id')
    .execute();
  return rows.map(toName);
}

export async function insertOrganisationName(db: Db, input: OrganisationNameInput): Promise<OrganisationName> {
  const row = await db
    .insertInto('organisation_name')
    .values({
      organisation_id: input.organisationId,
      name: input.name,
      valid_from: input.validFrom ?? null,
      valid_to: input.validTo ?? null,
      source: input.source,
      note: input.note ?? null,
      recorded_by: input.recordedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toName(row);
}

export async function setOrganisationNameValidTo(db: Db, id: number, validTo: string): Promise<void> {
  await db.updateTable('organisation_name').set({ valid_to: validTo }).where('id', '=', id).execute();
}

export async function setOrganisationName(db: Db, id: number, name: string): Promise<void> {
  await db.updateTable('organisation').set({ name }).where('id', '=', id).execute();
}

export async function setOrganisationDetails(db: Db, id: number, details: Record<string, unknown>): Promise<void> {
  await db.updateTable('organisation').set({ details: toJson(details) }).where('id', '=', id).execute();
}

/** The organisation of that kind under that parent with exactly that name. */
export async function findOrganisationExact(db: Db, kind: OrganisationKind, parentId: number | null, name: string): Promise<Organisation | undefined> {
  let query = db.selectFrom('organisation').selectAll().where('kind', '=', kind).where('name', '=', name);
  query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId);
  const r = await query.executeTakeFirst();
  return r && { id: r.id, kind: r.kind, name: r.name, code: r.code, parentId: r.parent_id, details: r.details };
}

/** The youth service loaded from the reference list under that name (it keeps the name as `referenceName` when renamed). */
export async function findOrganisationByReferenceName(db: Db, kind: OrganisationKind, referenceName: string): Promise<Organisation | undefined> {
  const r = await db
    .selectFrom('organisation')
    .selectAll()
    .where('kind', '=', kind)
    .where(sql<boolean>`details->>'referenceName' = ${referenceName}`)
    .orderBy('id')
    .executeTakeFirst();
  return r && { id: r.id, kind: r.kind, name: r.name, code: r.code, parentId: r.parent_id, details: r.details };
}

export async function insertRegistryOrganisation(db: Db, input: { kind: OrganisationKind; name: string; parentId: number | null; details: Record<string, unknown> }): Promise<number> {
  const row = await db
    .insertInto('organisation')
    .values({ kind: input.kind, name: input.name, parent_id: input.parentId, code: null, details: toJson(input.details) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Whether anything else refers to the organisation (inspections, accounts, child organisations, names, intelligence). */
export async function organisationReferenced(db: Db, id: number): Promise<boolean> {
  const { rows } = await sql<{ used: boolean }>`
    select exists (select 1 from inspection where organisation_id = ${id})
        or exists (select 1 from app_user where organisation_id = ${id})
        or exists (select 1 from organisation where parent_id = ${id})
        or exists (select 1 from organisation_name where organisation_id = ${id})
        or exists (select 1 from organisation_intelligence where organisation_id = ${id}) as used`.execute(db);
  return rows[0]!.used;
}

export async function deleteRegistryOrganisation(db: Db, id: number): Promise<void> {
  await db.deleteFrom('organisation').where('id', '=', id).execute();
}

const toOrganisationIntelligence = (r: {
  organisation_id: number;
  caseload: number | null;
  caseload_as_of: string | null;
  concerns: number | null;
  performance: number | null;
  joint_inspection: boolean | null;
  note: string | null;
  updated_by: string;
  updated_at: Date;
}): OrganisationIntelligence => ({
  organisationId: r.organisation_id,
  caseload: r.caseload,
  caseloadAsOf: r.caseload_as_of,
  concerns: r.concerns,
  performance: r.performance,
  jointInspection: r.joint_inspection,
  note: r.note,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

export async function getOrganisationIntelligence(db: Db, organisationId: number): Promise<OrganisationIntelligence | undefined> {
  const row = await db.selectFrom('organisation_intelligence').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
  return row && toOrganisationIntelligence(row);
}

/** OrganisationIntelligence of every organisation that has any, by organisation id. */
export async function listOrganisationIntelligence(db: Db): Promise<Map<number, OrganisationIntelligence>> {
  const rows = await db.selectFrom('organisation_intelligence').selectAll().execute();
  return new Map(rows.map((r) => [r.organisation_id, toOrganisationIntelligence(r)]));
}

export async function saveOrganisationIntelligence(db: Db, input: OrganisationIntelligenceInput): Promise<void> {
  const values = {
    organisation_id: input.organisationId,
    caseload: input.caseload,
    caseload_as_of: input.caseloadAsOf,
    concerns: input.concerns,
    performance: input.performance,
    joint_inspection: input.jointInspection,
    note: input.note,
    updated_by: input.updatedBy,
  };
  await db
    .insertInto('organisation_intelligence')
    .values(values)
    .onConflict((oc) =>
      oc.column('organisation_id').doUpdateSet({
        caseload: values.caseload,
        caseload_as_of: values.caseload_as_of,
        concerns: values.concerns,
        performance: values.performance,
        joint_inspection: values.joint_inspection,
        note: values.note,
        updated_by: values.updated_by,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}
