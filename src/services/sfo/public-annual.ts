// The published annual SFO reports for the public pages and the open data: only a report the SFO
// QA lead has published, as published (its figures never rebuilt), through the public rules in
// src/domain/sfo/public-annual.ts. A draft or a year not started is "not found", so nothing about
// it is disclosed.
import type { Db } from '../../db/repositories/index.ts';
import { getAnnualReport, listAnnualReports } from '../../db/repositories/sfo-panel-repository.ts';
import { businessYearLabel } from '../../domain/sfo/annual-report-reference.ts';
import { publicSfoAnnualReport } from '../../domain/sfo/public-annual.ts';
import { AppError } from '../errors.ts';
import { sfoAnnualReport, yearFromParam, yearParam, type SfoAnnualReportView } from './annual-report.ts';

export interface PublishedSfoAnnualReport {
  yearStart: number;
  /** "2024-25", as in the address. */
  param: string;
  /** "2024/25". */
  year: string;
  publishedAt: Date;
}

/** The published years, newest first. */
export async function publishedSfoAnnualReports(db: Db): Promise<PublishedSfoAnnualReport[]> {
  return (await listAnnualReports(db))
    .filter((r) => r.state === 'published' && r.publishedAt)
    .map((r) => ({ yearStart: r.yearStart, param: yearParam(r.yearStart), year: businessYearLabel(r.yearStart), publishedAt: r.publishedAt! }));
}

const NOT_FOUND = 'There is no published annual SFO report for that year';

/** The year's published report (the URL's "2024-25") as the public sees it; not found unless published. */
export async function publishedSfoAnnualReport(db: Db, param: string): Promise<SfoAnnualReportView> {
  const yearStart = yearFromParam(param);
  if (yearStart === undefined) throw new AppError('not-found', NOT_FOUND);
  const record = await getAnnualReport(db, yearStart);
  if (record?.state !== 'published') throw new AppError('not-found', NOT_FOUND);
  const view = await sfoAnnualReport(db, yearStart);
  return { ...view, report: publicSfoAnnualReport(view.report) };
}

/** Every published year's report as the public sees it, oldest first (the open data). */
export async function publishedSfoAnnualReportViews(db: Db): Promise<SfoAnnualReportView[]> {
  const views: SfoAnnualReportView[] = [];
  for (const y of (await publishedSfoAnnualReports(db)).reverse()) views.push(await publishedSfoAnnualReport(db, y.param));
  return views;
}
