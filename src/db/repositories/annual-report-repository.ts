// Annual national reports and the data cuts they were built from.
import type { Db } from './shared.ts';

export interface AnnualReportSummary {
  id: number;
  businessYear: number;
  frameworkKey: string;
  title: string;
  inspections: number;
  cases: number;
  cutDigest: string;
  takenBy: string;
  takenAt: Date;
  status: 'draft' | 'published';
  publishOn: string | null;
}

export interface StoredAnnualReport extends AnnualReportSummary {
  foreword: string;
  cut: unknown;
}

const SUMMARY = ['id', 'business_year', 'framework_key', 'title', 'inspections', 'cases', 'cut_digest', 'taken_by', 'taken_at', 'status', 'publish_on'] as const;

type SummaryRow = {
  id: number;
  business_year: number;
  framework_key: string;
  title: string;
  inspections: number;
  cases: number;
  cut_digest: string;
  taken_by: string;
  taken_at: Date;
  status: 'draft' | 'published';
  publish_on: string | null;
};

const summary = (r: SummaryRow): AnnualReportSummary => ({
  id: r.id,
  businessYear: r.business_year,
  frameworkKey: r.framework_key,
  title: r.title,
  inspections: r.inspections,
  cases: r.cases,
  cutDigest: r.cut_digest,
  takenBy: r.taken_by,
  takenAt: r.taken_at,
  status: r.status,
  publishOn: r.publish_on,
});

export async function insertAnnualReport(
  db: Db,
  r: { businessYear: number; frameworkKey: string; title: string; cut: unknown; cutDigest: string; inspections: number; cases: number; takenBy: string },
): Promise<number> {
  const row = await db
    .insertInto('annual_report')
    .values({
      business_year: r.businessYear,
      framework_key: r.frameworkKey,
      title: r.title,
      cut: JSON.stringify(r.cut),
      cut_digest: r.cutDigest,
      inspections: r.inspections,
      cases: r.cases,
      taken_by: r.takenBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listAnnualReports(db: Db, filter: { publishedBy?: string } = {}): Promise<AnnualReportSummary[]> {
  let q = db.selectFrom('annual_report').select(SUMMARY);
  if (filter.publishedBy) q = q.where('status', '=', 'published').where('publish_on', '<=', filter.publishedBy);
  return (await q.orderBy('business_year', 'desc').orderBy('id', 'desc').execute()).map(summary);
}

export async function getAnnualReport(db: Db, id: number): Promise<StoredAnnualReport | undefined> {
  const r = await db.selectFrom('annual_report').select([...SUMMARY, 'foreword', 'cut']).where('id', '=', id).executeTakeFirst();
  return r ? { ...summary(r), foreword: r.foreword, cut: r.cut } : undefined;
}

export async function updateAnnualReport(db: Db, id: number, changes: { foreword?: string; status?: 'draft' | 'published'; publishOn?: string | null }): Promise<void> {
  await db
    .updateTable('annual_report')
    .set({
      ...(changes.foreword !== undefined ? { foreword: changes.foreword } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.publishOn !== undefined ? { publish_on: changes.publishOn } : {}),
    })
    .where('id', '=', id)
    .execute();
}
