// Organisations inspected: probation regions and their PDUs, youth-justice services, national bodies.
import { sql } from 'kysely';
import type { OrganisationKind } from '../schema.ts';
import { toJson, type Db } from './shared.ts';

export type { OrganisationKind } from '../schema.ts';

export interface Organisation {
  id: number;
  kind: OrganisationKind;
  name: string;
  code: string | null;
  parentId: number | null;
  details: Record<string, unknown>;
}

export interface OrganisationInput {
  kind: OrganisationKind;
  name: string;
  /** Left as stored when undefined; null clears it. */
  code?: string | null;
  parentId?: number | null;
  /** Left as stored when undefined (`{}` for a new organisation). */
  details?: Record<string, unknown>;
}

export interface RegionWithPdus extends Organisation {
  pdus: Organisation[];
}

/** An organisation without its details: what lists and choices of organisations need (the details are most of the table's size). */
export type OrganisationSummary = Omit<Organisation, 'details'>;

export interface RegionSummaryWithPdus extends OrganisationSummary {
  pdus: OrganisationSummary[];
}

interface OrganisationRow {
  id: number;
  kind: OrganisationKind;
  name: string;
  code: string | null;
  parent_id: number | null;
  details: Record<string, unknown>;
}

const toOrganisation = (r: OrganisationRow): Organisation => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  code: r.code,
  parentId: r.parent_id,
  details: r.details,
});

/**
 * Inserts the organisation, or updates the one with the same kind, parent and name (exact name):
 * code and details are replaced when given, kept when undefined.
 */
export async function upsertOrganisation(db: Db, input: OrganisationInput): Promise<Organisation> {
  const { rows } = await sql<OrganisationRow>`
    insert into organisation (kind, name, code, parent_id, details)
    values (${input.kind}, ${input.name}, ${input.code ?? null}, ${input.parentId ?? null}::int,
            ${toJson(input.details ?? {})}::jsonb)
    on conflict (kind, (coalesce(parent_id, 0)), name) do update set
      code = case when ${input.code !== undefined} then excluded.code else organisation.code end,
      details = case when ${input.details !== undefined} then excluded.details else organisation.details end
    returning id, kind, name, code, parent_id, details`.execute(db);
  return toOrganisation(rows[0]!);
}

export async function getOrganisation(db: Db, id: number): Promise<Organisation | undefined> {
  const row = await db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toOrganisation(row);
}

/** The organisation of that kind with that name, ignoring case (the lowest id if several). */
export async function findOrganisationByName(
  db: Db,
  kind: OrganisationKind,
  name: string,
): Promise<Organisation | undefined> {
  const row = await db
    .selectFrom('organisation')
    .selectAll()
    .where('kind', '=', kind)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .orderBy('id')
    .executeTakeFirst();
  return row && toOrganisation(row);
}

/** Organisations of one kind (or all), by name. */
export async function listOrganisations(db: Db, kind?: OrganisationKind): Promise<Organisation[]> {
  let query = db.selectFrom('organisation').selectAll();
  if (kind) query = query.where('kind', '=', kind);
  const rows = await query.orderBy(sql`name collate "C"`).orderBy('id').execute();
  return rows.map(toOrganisation);
}

/** Organisations of one kind (or all), by name, without their details. */
export async function listOrganisationSummaries(db: Db, kind?: OrganisationKind): Promise<OrganisationSummary[]> {
  let query = db.selectFrom('organisation').select(['id', 'kind', 'name', 'code', 'parent_id']);
  if (kind) query = query.where('kind', '=', kind);
  const rows = await query.orderBy(sql`name collate "C"`).orderBy('id').execute();
  return rows.map(toSummary);
}

const toSummary = (r: Omit<OrganisationRow, 'details'>): OrganisationSummary => ({ id: r.id, kind: r.kind, name: r.name, code: r.code, parentId: r.parent_id });

/** Regions with their PDUs nested, both by name, from rows of both kinds. */
function nestPdus<R extends { id: number; kind: OrganisationKind; parent_id: number | null }, O>(rows: R[], to: (r: R) => O): (O & { pdus: O[] })[] {
  const regions = new Map<number, O & { pdus: O[] }>();
  for (const row of rows) if (row.kind === 'region') regions.set(row.id, { ...to(row), pdus: [] });
  for (const row of rows) if (row.kind === 'pdu' && row.parent_id !== null) regions.get(row.parent_id)?.pdus.push(to(row));
  return [...regions.values()];
}

/** Every region with its PDUs, both by name. */
export async function listRegionsWithPdus(db: Db): Promise<RegionWithPdus[]> {
  const rows = await db
    .selectFrom('organisation')
    .selectAll()
    .where('kind', 'in', ['region', 'pdu'])
    .orderBy(sql`name collate "C"`)
    .orderBy('id')
    .execute();
  return nestPdus(rows, toOrganisation);
}

/** Every region with its PDUs, both by name, without their details. */
export async function listRegionSummariesWithPdus(db: Db): Promise<RegionSummaryWithPdus[]> {
  const rows = await db
    .selectFrom('organisation')
    .select(['id', 'kind', 'name', 'code', 'parent_id'])
    .where('kind', 'in', ['region', 'pdu'])
    .orderBy(sql`name collate "C"`)
    .orderBy('id')
    .execute();
  return nestPdus(rows, toSummary);
}
