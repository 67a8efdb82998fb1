// The registry of organisations for the programme: names over time, inspection results recorded by
// administrators, and the intelligence the risk score reads (caseload, concerns, performance,
// joint inspection). Data access only.
import { sql } from 'kysely';
import type { Rating } from '../../domain/programme/inspection-history.ts';
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

/** Names recorded here (renames, past and scheduled) of every organisation, with the organisation's stored name. */
export async function listRecordedNames(db: Db): Promise<(OrganisationName & { organisationName: string })[]> {
  const rows = await db
    .selectFrom('organisation_name as n')
    .innerJoin('organisation as o', 'o.id', 'n.organisation_id')
    .selectAll('n')
    .select('o.name as organisation_name')
    .where('n.source', '=', 'recorded')
    .orderBy('n.organisation_id')
    .orderBy('n.id')
    .execute();
  return rows.map((r) => ({ ...toName(r), organisationName: r.organisation_name }));
}

export async function setOrganisationNameValidTo(db: Db, id: number, validTo: string | null): Promise<void> {
  await db.updateTable('organisation_name').set({ valid_to: validTo }).where('id', '=', id).execute();
}

export async function deleteOrganisationName(db: Db, id: number): Promise<boolean> {
  const r = await db.deleteFrom('organisation_name').where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
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

/** Whether anything else refers to the organisation (inspections, accounts, child organisations, names, intelligence, recorded results). */
export async function organisationReferenced(db: Db, id: number): Promise<boolean> {
  const { rows } = await sql<{ used: boolean }>`
    select exists (select 1 from inspection where organisation_id = ${id})
        or exists (select 1 from app_user where organisation_id = ${id})
        or exists (select 1 from organisation where parent_id = ${id})
        or exists (select 1 from organisation_name where organisation_id = ${id})
        or exists (select 1 from organisation_intelligence where organisation_id = ${id})
        or exists (select 1 from organisation_inspection where organisation_id = ${id}) as used`.execute(db);
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

/** An inspection result an administrator recorded for a service. */
export interface RecordedInspection extends RecordedInspectionInput {
  id: number;
  organisationId: number;
  recordedBy: string;
  recordedAt: Date;
  updatedBy: string | null;
  updatedAt: Date | null;
  withdrawnBy: string | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
}

export interface RecordedInspectionInput {
  publishedOn: string;
  fieldworkOn: string | null;
  overallRating: Rating;
  url: string | null;
  source: string | null;
  inspectionId: number | null;
}

const toRecordedInspection = (r: {
  id: number;
  organisation_id: number;
  published_on: string;
  fieldwork_on: string | null;
  overall_rating: Rating;
  url: string | null;
  source: string | null;
  inspection_id: number | null;
  recorded_by: string;
  recorded_at: Date;
  updated_by: string | null;
  updated_at: Date | null;
  withdrawn_by: string | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
}): RecordedInspection => ({
  id: r.id,
  organisationId: r.organisation_id,
  publishedOn: r.published_on,
  fieldworkOn: r.fieldwork_on,
  overallRating: r.overall_rating,
  url: r.url,
  source: r.source,
  inspectionId: r.inspection_id,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
  withdrawnBy: r.withdrawn_by,
  withdrawnAt: r.withdrawn_at,
  withdrawnReason: r.withdrawn_reason,
});

/** Recorded results not withdrawn, of one organisation or of all, oldest published first. */
export async function listRecordedInspections(db: Db, organisationId?: number): Promise<RecordedInspection[]> {
  let query = db.selectFrom('organisation_inspection').selectAll().where('withdrawn_at', 'is', null);
  if (organisationId !== undefined) query = query.where('organisation_id', '=', organisationId);
  const rows = await query.orderBy('published_on').orderBy('id').execute();
  return rows.map(toRecordedInspection);
}

/** A recorded result, withdrawn or not. */
export async function getRecordedInspection(db: Db, id: number): Promise<RecordedInspection | undefined> {
  const row = await db.selectFrom('organisation_inspection').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRecordedInspection(row);
}

/** A result's columns, as inserted and as corrected. */
const resultColumns = (input: RecordedInspectionInput) => ({
  published_on: input.publishedOn,
  fieldwork_on: input.fieldworkOn,
  overall_rating: input.overallRating,
  url: input.url,
  source: input.source,
  inspection_id: input.inspectionId,
});

export async function insertRecordedInspection(db: Db, organisationId: number, input: RecordedInspectionInput, recordedBy: string): Promise<number> {
  const row = await db
    .insertInto('organisation_inspection')
    .values({ organisation_id: organisationId, ...resultColumns(input), recorded_by: recordedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRecordedInspection(db: Db, id: number, input: RecordedInspectionInput, updatedBy: string): Promise<void> {
  await db
    .updateTable('organisation_inspection')
    .set({ ...resultColumns(input), updated_by: updatedBy, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Withdraws a standing result; false when it was already withdrawn. */
export async function withdrawRecordedInspection(db: Db, id: number, reason: string, withdrawnBy: string): Promise<boolean> {
  const r = await db
    .updateTable('organisation_inspection')
    .set({ withdrawn_by: withdrawnBy, withdrawn_at: sql<Date>`now()`, withdrawn_reason: reason })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Renames an organisation unless it already has that name; false when nothing changed. */
export async function setOrganisationNameIfDifferent(db: Db, id: number, name: string): Promise<boolean> {
  const r = await db.updateTable('organisation').set({ name }).where('id', '=', id).where('name', '<>', name).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/**
 * The organisations of the given kinds whose name, or any name they are known by (former names,
 * other spellings, names before a rename), contains `text`, ignoring case.
 */
export async function findOrganisationIdsByAnyName(db: Db, kinds: readonly OrganisationKind[], text: string): Promise<Set<number>> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .selectFrom('organisation as o')
    .select('o.id')
    .where('o.kind', 'in', [...kinds])
    .where((eb) =>
      eb.or([
        eb('o.name', 'ilike', pattern),
        eb.exists(eb.selectFrom('organisation_name as n').select('n.id').whereRef('n.organisation_id', '=', 'o.id').where('n.name', 'ilike', pattern)),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}
