// The annual SFO report's pages: the years (/sfo/annual) and one year's report (/sfo/annual/:year,
// e.g. 2024-25) as a page, a tagged PDF (?format=pdf), CSV (?format=csv) and JSON (?format=json);
// the lead's draft summary and publication. The SFO QA team and administrators only; thin over
// src/services/sfo/annual-report.ts.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { canProduceSfoAnnualReport, canViewSfoReviews } from '../../domain/access/permissions.ts';
import { govukDateTime } from '../../presenters/govuk-dates.ts';
import { sfoAnnualTables } from '../../presenters/sfo-annual-tables.ts';
import { sfoAnnualCsv } from '../../reports/sfo-annual-csv.ts';
import { sfoAnnualPdf } from '../../reports/sfo-annual-pdf.ts';
import { AppError, FieldError } from '../../services/errors.ts';
import { MAX_SUMMARY, publishSfoAnnualReport, saveSfoAnnualDraft, sfoAnnualReport, sfoAnnualReportYears, yearFromParam, yearParam } from '../../services/sfo/annual-report.ts';
import { requirePermission, actingUser } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import type { FormError } from '../form-errors.ts';
import { enumQuery } from '../params.ts';
import { escapeHtml, page } from '../render.ts';

type C = Context<AppEnv>;

const yearOf = (c: C): number => {
  const param = c.req.param('year') ?? '';
  const year = yearFromParam(param);
  if (year === undefined) throw new AppError('not-found', `"${param}" is not a business year: give it as 2024-25`);
  return year;
};

const BANNERS: Record<string, string> = { saved: 'The draft has been saved.', published: 'The annual SFO report has been published: its figures will not change.' };

export function sfoAnnualRoutes(db: Db) {
  const routes = new Hono<AppEnv>();

  routes.get('/sfo/annual', async (c) => {
    requirePermission(c, canViewSfoReviews);
    const years = await sfoAnnualReportYears(db);
    return page(c, 'sfo-annual-list.njk', {
      title: 'Annual SFO reports',
      activeNav: 'sfo',
      yearRows: years.map((y) => [
        { html: `<a class="govuk-link" href="/sfo/annual/${yearParam(y.yearStart)}">April ${y.yearStart} to March ${y.yearStart + 1}</a>` },
        { text: y.record ? (y.record.state === 'published' ? 'Published' : 'Draft') : 'Not started' },
        { text: y.record ? govukDateTime(y.record.updatedAt) : '–' },
      ]),
    });
  });

  const reportPage = async (c: C, state: { errors?: FormError[]; summary?: string } = {}, status: 200 | 400 | 409 = 200) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const yearStart = yearOf(c);
    const view = await sfoAnnualReport(db, yearStart);
    const format = enumQuery(c, 'format', ['html', 'pdf', 'csv', 'json'] as const, 'html');
    const fileName = `sfo-annual-report-${yearParam(yearStart)}${view.record?.state === 'published' ? '' : '-draft'}`;
    if (format === 'pdf') return c.body(new Uint8Array(await sfoAnnualPdf(view)), 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${fileName}.pdf"` });
    if (format === 'csv') return c.body(sfoAnnualCsv(view.report), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}.csv"` });
    if (format === 'json') return c.json({ state: view.record?.state ?? 'not started', summary: view.record?.summary ?? '', frameworks: view.frameworks, demo: view.demo, source: view.source, ...view.report });
    const errors = state.errors ?? [];
    const published = view.record?.state === 'published';
    const r = view.report;
    return page(
      c,
      'sfo-annual.njk',
      {
        title: `Annual SFO report ${r.year}`,
        activeNav: 'sfo',
        errors,
        fieldErrors: Object.fromEntries(errors.map((e) => [e.href.slice(1), { text: e.text }])),
        banner: BANNERS[c.req.query('done') ?? ''],
        report: r,
        view,
        published,
        stateText: published ? `Published ${govukDateTime(view.record!.publishedAt)}` : view.record ? 'Draft' : 'Not started: the figures below are built from the signed-off assessments so far',
        yearParam: yearParam(yearStart),
        summary: state.summary ?? view.record?.summary ?? '',
        summaryHtml: (view.record?.summary ?? '').split(/\n\s*\n/).filter((p) => p.trim()).map((p) => `<p class="govuk-body">${escapeHtml(p.trim())}</p>`).join(''),
        maxSummary: MAX_SUMMARY,
        mayWrite: canProduceSfoAnnualReport(actor) && !published,
        tables: sfoAnnualTables(r, view.source.title).map((t) => ({
          ...t,
          headCells: t.head.map((text, i) => ({ text, ...(i >= t.numericFrom ? { format: 'numeric' } : {}) })),
          rowCells: t.rows.map((row) => row.map((text, i) => (i === 0 ? { text } : { text, ...(i >= t.numericFrom ? { format: 'numeric' } : {}) }))),
        })),
      },
      status,
    );
  };

  routes.get('/sfo/annual/:year', (c) => reportPage(c));

  routes.post('/sfo/annual/:year', async (c) => {
    requirePermission(c, canProduceSfoAnnualReport);
    const yearStart = yearOf(c);
    const body = await c.req.parseBody();
    const summary = typeof body.summary === 'string' ? body.summary : '';
    try {
      if (body.action === 'publish') {
        // Publishing opens the report to everyone (/public/sfo/annual/:year): only the form's confirmation publishes.
        if (body.confirm !== 'yes') return reportPage(c, { errors: [{ href: '#confirm', text: 'Confirm that the report is to be published for everyone to read' }] }, 400);
        await publishSfoAnnualReport(db, yearStart, actingUser(c));
        return c.redirect(`/sfo/annual/${yearParam(yearStart)}?done=published`, 303);
      }
      await saveSfoAnnualDraft(db, yearStart, summary, actingUser(c));
    } catch (e) {
      if (e instanceof FieldError) return reportPage(c, { errors: [{ href: '#summary', text: `The summary ${e.fields[0]!.message}` }], summary }, 400);
      // The publish form carries no summary: the draft's own is shown again.
      if (e instanceof AppError && e.code === 'conflict') return reportPage(c, body.action === 'publish' ? { errors: [{ href: '#publish', text: e.message }] } : { errors: [{ href: '#summary', text: e.message }], summary }, 409);
      throw e;
    }
    return c.redirect(`/sfo/annual/${yearParam(yearStart)}?done=saved`, 303);
  });

  return routes;
}
