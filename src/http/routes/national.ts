// Annual national reports: the list and the form that takes a data cut, each report's page (built
// from its stored cut), its figures as CSV, the cut itself, the check against live data, the
// foreword and the publication date; the same as JSON; and, once published, the public page. The
// page of either is also a PDF (`?format=pdf`).
import { Hono, type Context } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { stringifyCsv } from '../../interchange/csv-safe.ts';
import { canProduceNationalReports, canViewNationalReports } from '../../domain/access/permissions.ts';
import { annualReportPublished } from '../../domain/national/annual-report.ts';
import { annualFigureRows, annualReportView, publishedAnnualReport, WITHHELD_NOTE } from '../../presenters/annual-report-page.ts';
import { annualReportFileName, annualReportPdf } from '../../reports/annual-report-pdf.ts';
import { AppError, FieldError } from '../../services/errors.ts';
import {
  checkAnnualReport,
  createAnnualReport,
  listAllAnnualReports,
  loadAnnualReport,
  loadPublishedAnnualReport,
  publishAnnualReport,
  reportableKinds,
  reportableYears,
  saveAnnualForeword,
  type LoadedAnnualReport,
} from '../../services/national-reports.ts';
import { LICENCE } from '../../services/open-data.ts';
import { clock } from '../../services/clock.ts';
import { requirePermission, actingUser } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { govukDate, govukDateTime } from '../../presenters/govuk-dates.ts';
import { withFlash } from '../flash.ts';
import type { FormError } from '../form-errors.ts';
import { dateInputItems, readDateInput, type DateParts } from '../../presenters/date-input.ts';
import { fieldErrors } from '../form-errors.ts';
import { enumQuery, idParam } from '../params.ts';
import { escapeHtml, page } from '../render.ts';

/** Invalid input as GOV.UK form errors: each field's problem at its field; anything else the service found invalid, at the form's first field. */
const formErrorsOf = (e: AppError, firstField: string): FormError[] =>
  (e instanceof FieldError ? e.fields : [{ field: firstField, message: e.message }]).map((f) => ({ href: `#${f.field}`, text: f.message }));

const figuresCsv = (c: Context, loaded: LoadedAnnualReport) =>
  c.body(stringifyCsv(annualFigureRows(loaded.report), { header: true }), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="annual-report-${loaded.report.year.label.replace('/', '-')}-figures.csv"`,
  });

/** The report as a PDF to download (`?format=pdf`): the same figures as the page. */
const annualPdf = async (c: Context, loaded: LoadedAnnualReport) =>
  c.body(new Uint8Array(await annualReportPdf(loaded, clock.today())), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${annualReportFileName(loaded.report)}"`,
  });


/** Published annual reports: no sign-in. */
export function publicAnnualRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/public/annual/:id', async (c) => {
    const loaded = await loadPublishedAnnualReport(db, idParam(c));
    if (enumQuery(c, 'format', ['html', 'pdf'] as const, 'html') === 'pdf') return annualPdf(c, loaded);
    return page(c, 'public-annual.njk', { title: loaded.report.title, stored: loaded.stored, foreword: loaded.stored.foreword, licence: LICENCE, ...annualReportView(loaded.report, loaded.framework) });
  });
  routes.get('/public/annual/:id/figures.csv', async (c) => figuresCsv(c, await loadPublishedAnnualReport(db, idParam(c))));
  routes.get('/public/annual/:id/figures.json', async (c) => {
    const { report } = await loadPublishedAnnualReport(db, idParam(c));
    return c.json({ title: report.title, licence: LICENCE, withheld: WITHHELD_NOTE, figures: annualFigureRows(report) });
  });
  return routes;
}

export function nationalRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const indexPage = async (c: Context<AppEnv>, errors: FormError[] = [], values: Record<string, string> = {}) => {
    const actor = requirePermission(c, canViewNationalReports);
    const [reports, years, kinds] = await Promise.all([listAllAnnualReports(db), reportableYears(db), reportableKinds(db)]);
    const today = clock.today();
    return page(
      c,
      'national-index.njk',
      {
        title: `${errors.length ? 'Error: ' : ''}National reports`,
        activeNav: 'national',
        errors,
        errorFor: fieldErrors(errors),
        canProduce: canProduceNationalReports(actor),
        rows: reports.map((r) => [
          { html: `<a class="govuk-link" href="/national/annual/${r.id}">${escapeHtml(r.title)}</a>` },
          { text: r.frameworkKey },
          { text: String(r.inspections), format: 'numeric' },
          { text: String(r.cases), format: 'numeric' },
          { text: `${govukDateTime(r.takenAt)} by ${r.takenBy}` },
          { text: annualReportPublished(r, today) ? `Published ${govukDate(r.publishOn)}` : r.status === 'published' ? `To be published ${govukDate(r.publishOn)}` : 'Draft' },
        ]),
        yearItems: years.map((y) => ({
          value: y.year.label,
          text: `${y.year.label} (${y.frameworks.reduce((s, f) => s + f.inspections, 0)} published inspections)`,
          selected: values.year === y.year.label,
        })),
        // The kind of inspection: the report takes its newest framework version that year, and the year's others beside it.
        kindItems: kinds.map((k, i) => ({
          value: k.kind,
          text: `Inspections of ${k.organisations}`,
          hint: { text: years.filter((y) => y.frameworks.some((f) => f.kind === k.kind)).map((y) => `${y.year.label}: ${y.frameworks.filter((f) => f.kind === k.kind).map((f) => `${f.inspections} under ${f.key}`).join(', ')}`).join('; ') },
          checked: values.kind ? values.kind === k.kind : i === 0,
        })),
      },
      errors.length ? 400 : 200,
    );
  };

  const reportPage = async (c: Context<AppEnv>, found: FormError[] = [], values: Record<string, string> = {}, dateParts: DateParts[] = []) => {
    // The publication date is a GOV.UK date input: its problems link to its first field.
    const errors = found.map((e) => (e.href === '#publishOn' ? { ...e, href: '#publishOn-day' } : e));
    const actor = requirePermission(c, canViewNationalReports);
    const loaded = await loadAnnualReport(db, idParam(c));
    const { stored, report, framework } = loaded;
    return page(
      c,
      'national-annual.njk',
      {
        title: `${errors.length ? 'Error: ' : ''}${report.title}`,
        activeNav: 'national',
        errors,
        errorFor: fieldErrors(errors),
        stored,
        publishOnItems: dateInputItems(values, 'publishOn', values['publishOn-day'] === undefined ? (stored.publishOn ?? undefined) : undefined, dateParts),
        publishOnError: errors.find((e) => e.href.startsWith('#publishOn')) && { text: errors.find((e) => e.href.startsWith('#publishOn'))!.text },
        published: annualReportPublished(stored, clock.today()),
        takenAt: govukDateTime(stored.takenAt),
        foreword: values.foreword ?? stored.foreword,
        canProduce: canProduceNationalReports(actor),
        ...annualReportView(report, framework),
      },
      errors.length ? 400 : 200,
    );
  };

  const body = async (c: Context<AppEnv>) => Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, typeof v === 'string' ? v : '']));

  routes.get('/national', (c) => indexPage(c));
  routes.post('/national/annual', async (c) => {
    requirePermission(c, canProduceNationalReports);
    const values = await body(c);
    try {
      // The form sends the kind of inspection; a framework version (id@version) is still taken from the API and older forms.
      const chosen = values.framework ? { framework: values.framework } : { kind: values.kind || undefined };
      const id = await createAnnualReport(db, { year: values.year ?? '', ...chosen }, actingUser(c));
      return c.redirect(withFlash(`/national/annual/${id}`, 'report-created'), 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid') return indexPage(c, formErrorsOf(e, 'year'), values);
      throw e;
    }
  });

  routes.get('/national/annual/:id', async (c) => {
    requirePermission(c, canViewNationalReports);
    if (enumQuery(c, 'format', ['html', 'pdf'] as const, 'html') === 'html') return reportPage(c);
    return annualPdf(c, await loadAnnualReport(db, idParam(c)));
  });
  routes.get('/national/annual/:id/figures.csv', async (c) => {
    requirePermission(c, canViewNationalReports);
    return figuresCsv(c, await loadAnnualReport(db, idParam(c)));
  });
  routes.get('/national/annual/:id/cut.json', async (c) => {
    requirePermission(c, canProduceNationalReports);
    const { stored, cut } = await loadAnnualReport(db, idParam(c));
    c.header('Content-Disposition', `attachment; filename="annual-report-${stored.id}-data-cut.json"`);
    return c.json({ digest: stored.cutDigest, cut });
  });
  routes.get('/national/annual/:id/check', async (c) => {
    requirePermission(c, canViewNationalReports);
    const id = idParam(c);
    const check = await checkAnnualReport(db, id);
    return page(c, 'national-check.njk', {
      title: check.title,
      activeNav: 'national',
      id,
      check,
      groups: [
        { title: 'Published since the cut', items: check.added },
        { title: 'No longer published', items: check.removed },
        { title: 'Changed since the cut', items: check.changed },
      ],
    });
  });

  const act = (field: string, run: (id: number, values: Record<string, string>, actor: string) => Promise<void>) => async (c: Context<AppEnv>) => {
    requirePermission(c, canProduceNationalReports);
    const id = idParam(c);
    const values = await body(c);
    try {
      await run(id, values, actingUser(c));
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid') return reportPage(c, formErrorsOf(e, field), values);
      throw e;
    }
    return c.redirect(withFlash(`/national/annual/${id}`, field === 'foreword' ? 'foreword-saved' : 'publication-saved'), 303);
  };
  routes.post('/national/annual/:id/foreword', act('foreword', (id, v, actor) => saveAnnualForeword(db, id, v.foreword ?? '', actor)));
  routes.post('/national/annual/:id/publication', async (c) => {
    requirePermission(c, canProduceNationalReports);
    const date = readDateInput(await body(c), 'publishOn', 'publication date');
    if (!date.ok) return reportPage(c, [{ href: date.href, text: date.message }], await body(c), date.parts);
    return act('publishOn', (id, _values, actor) => publishAnnualReport(db, id, date.date, actor))(c);
  });

  routes.get('/api/national/annual', async (c) => {
    requirePermission(c, canViewNationalReports);
    return c.json({ annualReports: (await listAllAnnualReports(db)).map((r) => ({ ...r, links: { self: `/api/national/annual/${r.id}` } })) });
  });
  routes.get('/api/national/annual/:id', async (c) => {
    requirePermission(c, canViewNationalReports);
    const { stored, report } = await loadAnnualReport(db, idParam(c));
    const { cut: _cut, ...summary } = stored;
    return c.json({ ...summary, report: publishedAnnualReport(report) });
  });

  return routes;
}

