// Inspections: an organisation inspected under one framework version over a fieldwork period.
import type { Selectable } from 'kysely';
import type { InspectionStatus, InspectionTable } from '../schema.ts';
import { deleteInspectionCases } from './assessment-repository.ts';
import type { ReportStatus } from './report-repository.ts';
import { inTransaction, type Db } from './shared.ts';

export type { InspectionStatus } from '../schema.ts';

export interface Inspection {
  id: number;
  organisationId: number;
  frameworkId: string;
  frameworkVersion: string;
  title: string;
  /** 'YYYY-MM-DD' */
  fieldworkStart: string;
  /** 'YYYY-MM-DD' */
  fieldworkEnd: string;
  status: InspectionStatus;
  isDemo: boolean;
  createdAt: Date;
}

export interface InspectionInput {
  organisationId: number;
  frameworkId: string;
  frameworkVersion: string;
  title: string;
  fieldworkStart: string;
  fieldworkEnd: string;
  status?: InspectionStatus;
  isDemo?: boolean;
}

export interface InspectionListItem extends Inspection {
  organisationName: string;
  organisationKind: string;
  /** The region the organisation belongs to (its own name for a region), else null. */
  regionName: string | null;
}

const toInspection = (r: Selectable<InspectionTable>): Inspection => ({
  id: r.id,
  organisationId: r.organisation_id,
  frameworkId: r.framework_id,
  frameworkVersion: r.framework_version,
  title: r.title,
  fieldworkStart: r.fieldwork_start,
  fieldworkEnd: r.fieldwork_end,
  status: r.status,
  isDemo: r.is_demo,
  createdAt: r.created_at,
});

export async function createInspection(db: Db, input: InspectionInput): Promise<Inspection> {
  const row = await db
    .insertInto('inspection')
    .values({
      organisation_id: input.organisationId,
      framework_id: input.frameworkId,
      framework_version: input.frameworkVersion,
      title: input.title,
      fieldwork_start: input.fieldworkStart,
      fieldwork_end: input.fieldworkEnd,
      status: input.status,
      is_demo: input.isDemo,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toInspection(row);
}

export async function getInspection(db: Db, id: number): Promise<Inspection | undefined> {
  const row = await db.selectFrom('inspection').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toInspection(row);
}

/**
 * The inspection with how far its report has gone, in one query (every page of an inspection asks
 * both): published once its status says so, or once an embargoed report's date `today` has come.
 */
export async function getInspectionWithReport(db: Db, id: number, today: string): Promise<{ inspection: Inspection; published: boolean; reportStatus: ReportStatus } | undefined> {
  const row = await db
    .selectFrom('inspection as i')
    .leftJoin('report as r', 'r.inspection_id', 'i.id')
    .selectAll('i')
    .select(['r.status as report_status', 'r.publish_on as report_publish_on'])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { report_status, report_publish_on, ...inspection } = row;
  const published = report_status === 'published' || (report_status === 'embargoed' && report_publish_on !== null && report_publish_on <= today);
  return { inspection: toInspection(inspection), published, reportStatus: report_status ?? 'draft' };
}

/**
 * Reads the inspection and locks its row until the transaction ends: 'update' for a change of
 * status (sign-off), 'share' for a change under the inspection that must not cross one.
 */
export async function lockInspection(db: Db, id: number, mode: 'update' | 'share'): Promise<Inspection | undefined> {
  const query = db.selectFrom('inspection').selectAll().where('id', '=', id);
  const row = await (mode === 'update' ? query.forUpdate() : query.forShare()).executeTakeFirst();
  return row && toInspection(row);
}

/** Sets the status; returns the updated inspection, or undefined when there is none with that id. */
export async function setInspectionStatus(
  db: Db,
  id: number,
  status: InspectionStatus,
): Promise<Inspection | undefined> {
  const row = await db
    .updateTable('inspection')
    .set({ status })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toInspection(row);
}

/** Inspections, newest fieldwork first, with the organisation's name and its region's name. */
export async function listInspections(
  db: Db,
  filter: { organisationId?: number } = {},
): Promise<InspectionListItem[]> {
  let query = db
    .selectFrom('inspection as i')
    .innerJoin('organisation as o', 'o.id', 'i.organisation_id')
    .leftJoin('organisation as p', 'p.id', 'o.parent_id')
    .selectAll('i')
    .select((eb) => [
      'o.name as organisation_name',
      'o.kind as organisation_kind',
      eb
        .case()
        .when('o.kind', '=', 'region')
        .then(eb.ref('o.name'))
        .when('p.kind', '=', 'region')
        .then(eb.ref('p.name'))
        .end()
        .as('region_name'),
    ]);
  if (filter.organisationId !== undefined) query = query.where('i.organisation_id', '=', filter.organisationId);
  const rows = await query.orderBy('i.fieldwork_start', 'desc').orderBy('i.id', 'desc').execute();
  return rows.map((r) => ({
    ...toInspection(r),
    organisationName: r.organisation_name,
    organisationKind: r.organisation_kind,
    regionName: r.region_name ?? null,
  }));
}

/** Deletes the inspection and (by cascade) its cases, answers and judgements; false if none. */
export async function deleteInspection(db: Db, id: number): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    await deleteInspectionCases(trx, id); // set-wise first: much faster than the row-by-row cascade
    const result = await trx.deleteFrom('inspection').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  });
}
