// The case sample of an inspection: its settings, the service's caseload (until the sample is
// confirmed), the confirmed sample by pseudonym, and the links from pseudonyms to the service's
// references (kept in their own table so that they can be deleted on their own).
import { sql, type Selectable } from 'kysely';
import type { EligibleCase } from '../../domain/sampling/eligible-cases.ts';
import type { CaseSampleTable, SampleMethod, SampleStatus } from '../schema-sample-survey.ts';
import { toJson, toJsonOrNull, type Db } from './shared.ts';

export type { SampleMethod, SampleStatus } from '../schema-sample-survey.ts';

export interface CaseSampleRecord {
  inspectionId: number;
  windowWeeks: 1 | 2;
  shiftWeeks: number;
  shiftReason: string | null;
  method: SampleMethod;
  /** 0.95 for 95%; set for a statistical sample. */
  confidence: number | null;
  /** 0.05 for ±5 points. */
  margin: number | null;
  stratifyBy: string | null;
  seed: number | null;
  caseloadFormat: 'csv' | 'xlsx' | null;
  caseloadCases: number;
  caseloadWarnings: unknown[];
  caseloadUploadedBy: string | null;
  caseloadUploadedAt: Date | null;
  status: SampleStatus;
  summary: unknown;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  publishedOn: string | null;
  linksDeletedAt: Date | null;
}

const toRecord = (r: Selectable<CaseSampleTable>): CaseSampleRecord => ({
  inspectionId: r.inspection_id,
  windowWeeks: r.window_weeks === 1 ? 1 : 2,
  shiftWeeks: r.shift_weeks,
  shiftReason: r.shift_reason,
  method: r.method,
  confidence: r.confidence === null ? null : Number(r.confidence),
  margin: r.margin === null ? null : Number(r.margin),
  stratifyBy: r.stratify_by,
  seed: r.seed === null ? null : Number(r.seed),
  caseloadFormat: r.caseload_format,
  caseloadCases: r.caseload_cases,
  caseloadWarnings: r.caseload_warnings,
  caseloadUploadedBy: r.caseload_uploaded_by,
  caseloadUploadedAt: r.caseload_uploaded_at,
  status: r.status,
  summary: r.summary,
  confirmedBy: r.confirmed_by,
  confirmedAt: r.confirmed_at,
  publishedOn: r.published_on,
  linksDeletedAt: r.links_deleted_at,
});

export async function getCaseSample(db: Db, inspectionId: number): Promise<CaseSampleRecord | undefined> {
  const row = await db.selectFrom('case_sample').selectAll().where('inspection_id', '=', inspectionId).executeTakeFirst();
  return row && toRecord(row);
}

/** The inspection's sample settings, created with the defaults if missing, locked for the transaction. */
export async function lockCaseSample(db: Db, inspectionId: number): Promise<CaseSampleRecord> {
  await db.insertInto('case_sample').values({ inspection_id: inspectionId }).onConflict((oc) => oc.column('inspection_id').doNothing()).execute();
  const row = await db.selectFrom('case_sample').selectAll().where('inspection_id', '=', inspectionId).forUpdate().executeTakeFirstOrThrow();
  return toRecord(row);
}

export interface CaseSamplePatch {
  windowWeeks?: 1 | 2;
  shiftWeeks?: number;
  shiftReason?: string | null;
  method?: SampleMethod;
  confidence?: number | null;
  margin?: number | null;
  stratifyBy?: string | null;
  seed?: number | null;
  caseloadFormat?: 'csv' | 'xlsx' | null;
  caseloadCases?: number;
  caseloadWarnings?: unknown[];
  caseloadUploadedBy?: string | null;
  caseloadUploadedAt?: Date | null;
  status?: SampleStatus;
  summary?: unknown;
  confirmedBy?: string | null;
  confirmedAt?: Date | null;
  publishedOn?: string | null;
  linksDeletedAt?: Date | null;
}

export async function updateCaseSample(db: Db, inspectionId: number, patch: CaseSamplePatch): Promise<void> {
  const set: Record<string, unknown> = {};
  const map: [keyof CaseSamplePatch, string][] = [
    ['windowWeeks', 'window_weeks'],
    ['shiftWeeks', 'shift_weeks'],
    ['shiftReason', 'shift_reason'],
    ['method', 'method'],
    ['confidence', 'confidence'],
    ['margin', 'margin'],
    ['stratifyBy', 'stratify_by'],
    ['seed', 'seed'],
    ['caseloadFormat', 'caseload_format'],
    ['caseloadCases', 'caseload_cases'],
    ['caseloadUploadedBy', 'caseload_uploaded_by'],
    ['caseloadUploadedAt', 'caseload_uploaded_at'],
    ['status', 'status'],
    ['confirmedBy', 'confirmed_by'],
    ['confirmedAt', 'confirmed_at'],
    ['publishedOn', 'published_on'],
    ['linksDeletedAt', 'links_deleted_at'],
  ];
  for (const [key, column] of map) if (patch[key] !== undefined) set[column] = patch[key];
  if (patch.caseloadWarnings !== undefined) set.caseload_warnings = toJson(patch.caseloadWarnings);
  if (patch.summary !== undefined) set.summary = toJsonOrNull(patch.summary);
  if (!Object.keys(set).length) return;
  await db.updateTable('case_sample').set(set).where('inspection_id', '=', inspectionId).execute();
}

/** Replaces the inspection's caseload by `cases`, kept in file order. */
export async function replaceCaseload(db: Db, inspectionId: number, cases: readonly EligibleCase[]): Promise<void> {
  await db.deleteFrom('caseload_case').where('inspection_id', '=', inspectionId).execute();
  const CHUNK = 5_000;
  for (let start = 0; start < cases.length; start += CHUNK) {
    const chunk = cases.slice(start, start + CHUNK);
    await sql`
      insert into caseload_case (inspection_id, case_ref, practitioner, attributes, position)
      select ${inspectionId}::int, u.case_ref, u.practitioner, u.attributes::jsonb, u.position
      from unnest(${chunk.map((c) => c.caseRef)}::text[], ${chunk.map((c) => c.practitioner)}::text[],
                  ${chunk.map((c) => JSON.stringify(c.attributes))}::text[], ${chunk.map((_, i) => start + i)}::int[])
        as u(case_ref, practitioner, attributes, position)`.execute(db);
  }
}

export async function listCaseload(db: Db, inspectionId: number): Promise<EligibleCase[]> {
  const rows = await db
    .selectFrom('caseload_case')
    .select(['case_ref', 'practitioner', 'attributes'])
    .where('inspection_id', '=', inspectionId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ caseRef: r.case_ref, practitioner: r.practitioner, attributes: r.attributes }));
}

export async function deleteCaseload(db: Db, inspectionId: number): Promise<number> {
  const result = await db.deleteFrom('caseload_case').where('inspection_id', '=', inspectionId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface CaseLinkRecord {
  pseudonym: string;
  serviceRef: string;
}

export async function insertCaseLinks(db: Db, inspectionId: number, links: readonly CaseLinkRecord[]): Promise<void> {
  if (!links.length) return;
  await sql`
    insert into case_link (inspection_id, pseudonym, service_ref)
    select ${inspectionId}::int, u.pseudonym, u.service_ref
    from unnest(${links.map((l) => l.pseudonym)}::text[], ${links.map((l) => l.serviceRef)}::text[]) as u(pseudonym, service_ref)`.execute(db);
}

export async function listCaseLinks(db: Db, inspectionId: number): Promise<CaseLinkRecord[]> {
  const rows = await db.selectFrom('case_link').select(['pseudonym', 'service_ref']).where('inspection_id', '=', inspectionId).orderBy('pseudonym').execute();
  return rows.map((r) => ({ pseudonym: r.pseudonym, serviceRef: r.service_ref }));
}

export async function deleteCaseLinks(db: Db, inspectionId: number): Promise<number> {
  const result = await db.deleteFrom('case_link').where('inspection_id', '=', inspectionId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface SampleCaseRecord {
  caseRef: string;
  practitioner: string;
}

export async function insertSampleCases(db: Db, inspectionId: number, cases: readonly SampleCaseRecord[]): Promise<void> {
  if (!cases.length) return;
  await sql`
    insert into sample_case (inspection_id, case_ref, practitioner, position)
    select ${inspectionId}::int, u.case_ref, u.practitioner, u.position
    from unnest(${cases.map((c) => c.caseRef)}::text[], ${cases.map((c) => c.practitioner)}::text[], ${cases.map((_, i) => i)}::int[])
      as u(case_ref, practitioner, position)`.execute(db);
}

export async function listSampleCases(db: Db, inspectionId: number): Promise<SampleCaseRecord[]> {
  const rows = await db.selectFrom('sample_case').select(['case_ref', 'practitioner']).where('inspection_id', '=', inspectionId).orderBy('position').execute();
  return rows.map((r) => ({ caseRef: r.case_ref, practitioner: r.practitioner }));
}

/** Confirmed samples whose links still exist, with their publication dates (null: not published). */
export async function listSamplesWithLinks(db: Db): Promise<{ inspectionId: number; publishedOn: string | null }[]> {
  const rows = await db
    .selectFrom('case_sample')
    .select(['inspection_id', 'published_on'])
    .where('status', '=', 'confirmed')
    .where('links_deleted_at', 'is', null)
    .orderBy('inspection_id')
    .execute();
  return rows.map((r) => ({ inspectionId: r.inspection_id, publishedOn: r.published_on }));
}
