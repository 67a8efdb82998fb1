// The published annual SFO reports for the public, no sign-in: each published year's page
// (/public/sfo/annual/:year, e.g. 2024-25) with its tagged PDF, CSV and JSON, and every published
// year's figures as open data (/public/data/sfo-annual.csv and .json). A draft or a year not
// started is 404, so nothing about it is disclosed. Thin over src/services/sfo/public-annual.ts.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { FEWEST_CASES_SHOWN } from '../../domain/disclosure/thresholds.ts';
import { stringifyCsv } from '../../interchange/csv-safe.ts';
import { govukDate } from '../../presenters/govuk-dates.ts';
import { sfoAnnualTables } from '../../presenters/sfo-annual-tables.ts';
import { SFO_ANNUAL_CSV_COLUMNS, sfoAnnualCsv, sfoAnnualCsvRows } from '../../reports/sfo-annual-csv.ts';
import { sfoAnnualPdf } from '../../reports/sfo-annual-pdf.ts';
import type { SfoAnnualReportView } from '../../services/sfo/annual-report.ts';
import { LICENCE } from '../../services/open-data.ts';
import { publishedSfoAnnualReport, publishedSfoAnnualReportViews } from '../../services/sfo/public-annual.ts';
import type { AppEnv } from '../auth.ts';
import { escapeHtml, page } from '../render.ts';

type C = Context<AppEnv>;

const SUPPRESSION = (fewest: number) =>
  `A region's count from 1 to ${fewest - 1} is withheld, with as many more as would let one be worked out; a median or quartile of fewer than ${fewest} reviews is withheld. National counts are published whole.`;

/** The published report's figures as JSON: what the page shows, without the staff's record. */
const reportJson = (view: SfoAnnualReportView) => ({
  licence: LICENCE,
  publishedAt: view.record!.publishedAt!.toISOString(),
  summary: view.record!.summary,
  frameworks: view.frameworks,
  demo: view.demo,
  source: view.source,
  withheld: SUPPRESSION(view.report.suppression.fewestShown),
  ...view.report,
});

/** One row per figure of every published year, for the open data; the published years' history is left out (each report's own year only). */
const openDataRows = (views: SfoAnnualReportView[]) =>
  views.flatMap((v) =>
    sfoAnnualCsvRows(v.report)
      .filter(([table]) => table !== 'year on year')
      .map(([table, group, item, count, percent, note]) => ({ year: v.report.year, table, group, item, count, percent, note })),
  );

export function publicSfoRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const fileName = (view: SfoAnnualReportView) => `sfo-annual-report-${view.report.year.replace('/', '-')}`;

  routes.get('/public/sfo/annual/:year', async (c: C) => {
    const view = await publishedSfoAnnualReport(db, c.req.param('year') ?? '');
    const r = view.report;
    const param = r.year.replace('/', '-');
    return page(c, 'public-sfo-annual.njk', {
      title: `Quality assurance of SFO reviews: annual report ${r.year}`,
      report: r,
      view,
      param,
      publishedOn: govukDate(view.record!.publishedAt!.toISOString().slice(0, 10)),
      licence: LICENCE,
      summaryHtml: view.record!.summary.split(/\n\s*\n/).filter((p) => p.trim()).map((p) => `<p class="govuk-body">${escapeHtml(p.trim())}</p>`).join(''),
      tables: sfoAnnualTables(r, view.source.title).map((t) => ({
        ...t,
        headCells: t.head.map((text, i) => ({ text, ...(i >= t.numericFrom ? { format: 'numeric' } : {}) })),
        rowCells: t.rows.map((row) => row.map((text, i) => (i === 0 ? { text } : { text, ...(i >= t.numericFrom ? { format: 'numeric' } : {}) }))),
      })),
    });
  });
  routes.get('/public/sfo/annual/:year/report.pdf', async (c: C) => {
    const view = await publishedSfoAnnualReport(db, c.req.param('year') ?? '');
    return c.body(new Uint8Array(await sfoAnnualPdf(view)), 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${fileName(view)}.pdf"` });
  });
  routes.get('/public/sfo/annual/:year/figures.csv', async (c: C) => {
    const view = await publishedSfoAnnualReport(db, c.req.param('year') ?? '');
    return c.body(sfoAnnualCsv(view.report), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName(view)}.csv"` });
  });
  routes.get('/public/sfo/annual/:year/figures.json', async (c: C) => c.json(reportJson(await publishedSfoAnnualReport(db, c.req.param('year') ?? ''))));

  routes.get('/public/data/sfo-annual.json', async (c: C) => {
    const views = await publishedSfoAnnualReportViews(db);
    return c.json({ licence: LICENCE, withheld: SUPPRESSION(FEWEST_CASES_SHOWN), years: views.map((v) => v.report.year), figures: openDataRows(views) });
  });
  routes.get('/public/data/sfo-annual.csv', async (c: C) => {
    const rows = openDataRows(await publishedSfoAnnualReportViews(db));
    return c.body(stringifyCsv(rows, { header: true, columns: ['year', ...SFO_ANNUAL_CSV_COLUMNS] }), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="sfo-annual.csv"' });
  });

  return routes;
}
