// The annual SFO report for a business year: built from the signed-off assessments of reviews
// submitted in the year by the rules in src/domain/sfo/annual-report.ts, with the framework's scale
// and standards, the regions, the published years and themes shipped in reference/sfo and the bank
// holidays. A draft (its summary text) is kept per year; publishing keeps the figures as built, so
// the published report never changes. Each change in one transaction with an audit event.
import { recordAudit, inTransaction, type Db } from '../../db/repositories/index.ts';
import { getAnnualReport, listAnnualReports, publishAnnualReport, saveAnnualDraft, type AnnualReportRecord } from '../../db/repositories/sfo-panel-repository.ts';
import { FEWEST_CASES_SHOWN } from '../../domain/disclosure/thresholds.ts';
import { buildAnnualSfoReport, businessYearOf, type AnnualSfoReport } from '../../domain/sfo/annual-report.ts';
import { bankHolidays } from '../../reference/bank-holidays.ts';
import { publishedSfoResults, rationaleThemes } from '../../reference/sfo-annual.ts';
import { AppError, FieldError } from '../errors.ts';
import { currentSfoFramework } from './frameworks.ts';
import { qualityAssuredReviews } from './annual-report-input.ts';
import { sfoRegions } from './register.ts';
import { clock } from '../clock.ts';

export const MAX_SUMMARY = 10_000;

export interface SfoAnnualReportView {
  report: AnnualSfoReport;
  /** The stored draft or published report; none before a draft is started. */
  record: AnnualReportRecord | undefined;
  /** The framework versions the year's assessments were made under. */
  frameworks: string[];
  source: { title: string; url: string; licence: string };
  themesExplained: string;
  /** Built from demonstration data (reviews the demo made). */
  demo: boolean;
}

/** "2024-25" (the URL's form) as the year's first calendar year, or undefined. */
export function yearFromParam(param: string): number | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(param);
  if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2]) || Number(m[1]) < 2021 || Number(m[1]) > 2100) return undefined;
  return Number(m[1]);
}
export const yearParam = (yearStart: number): string => `${yearStart}-${String((yearStart + 1) % 100).padStart(2, '0')}`;

async function build(db: Db, yearStart: number): Promise<Omit<SfoAnnualReportView, 'record'>> {
  const framework = await currentSfoFramework(db);
  const reviews = await qualityAssuredReviews(db, { from: `${yearStart}-04-01`, to: `${yearStart + 1}-03-31` });
  const history = publishedSfoResults();
  const themes = rationaleThemes();
  const report = buildAnnualSfoReport(reviews, {
    yearStart,
    ratings: framework.ratings,
    standards: framework.standards.map((s) => ({ id: s.id, name: s.name.text })),
    regions: await sfoRegions(db),
    history: history.years,
    themes: themes.themes,
    holidays: bankHolidays(),
    fewestShown: FEWEST_CASES_SHOWN,
  });
  return { report, demo: reviews.some((r) => r.demo), frameworks: [...new Set(reviews.map((r) => r.frameworkKey))].sort(), source: history.source, themesExplained: themes.description };
}

/** The year's report: as published, or built afresh from the signed-off assessments. */
export async function sfoAnnualReport(db: Db, yearStart: number): Promise<SfoAnnualReportView> {
  const record = await getAnnualReport(db, yearStart);
  if (record?.state === 'published') return { ...(record.publishedFigures as Omit<SfoAnnualReportView, 'record'>), record };
  return { ...(await build(db, yearStart)), record };
}

/** Business years with a draft or published report, and the one now under way, newest first. */
export async function sfoAnnualReportYears(db: Db, today = clock.today()): Promise<{ yearStart: number; record: AnnualReportRecord | undefined }[]> {
  const records = await listAnnualReports(db);
  const years = new Set([...records.map((r) => r.yearStart), businessYearOf(today), businessYearOf(today) - 1]);
  return [...years].sort((a, b) => b - a).map((yearStart) => ({ yearStart, record: records.find((r) => r.yearStart === yearStart) }));
}

/** Starts the year's draft or changes its summary; a published report is not changed. */
export async function saveSfoAnnualDraft(db: Db, yearStart: number, summary: string, actor: string): Promise<void> {
  const text = summary.trim();
  if (text.length > MAX_SUMMARY) throw new FieldError([{ field: 'summary', message: `may have at most ${MAX_SUMMARY} characters` }]);
  await inTransaction(db, async (trx) => {
    const before = await getAnnualReport(trx, yearStart, true);
    if (before?.state === 'published') throw new AppError('conflict', `The annual SFO report for ${yearParam(yearStart)} is published; it cannot be changed`);
    await saveAnnualDraft(trx, yearStart, text, actor);
    await recordAudit(trx, { actor, action: before ? 'sfo-annual-report.draft-saved' : 'sfo-annual-report.draft-started', entity: 'sfo-annual-report', entityId: yearParam(yearStart), before: before ? { summary: before.summary } : null, after: { summary: text } });
  });
}

/** Publishes the draft: its figures kept as built now, never rebuilt. */
export async function publishSfoAnnualReport(db: Db, yearStart: number, actor: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getAnnualReport(trx, yearStart, true);
    if (!before) throw new AppError('conflict', `There is no draft annual SFO report for ${yearParam(yearStart)} to publish`);
    if (before.state === 'published') throw new AppError('conflict', `The annual SFO report for ${yearParam(yearStart)} is published already`);
    const built = await build(trx, yearStart);
    if (!built.report.reviews) throw new AppError('conflict', `No review submitted in ${built.report.year} has a signed-off assessment, so there is nothing to publish`);
    await publishAnnualReport(trx, yearStart, built, actor);
    await recordAudit(trx, { actor, action: 'sfo-annual-report.published', entity: 'sfo-annual-report', entityId: yearParam(yearStart), after: { reviews: built.report.reviews, goodOrBetterPercent: built.report.overall.goodOrBetter.percent } });
  });
}
