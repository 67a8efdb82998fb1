// Public pages and open data: published material only, no sign-in. Nothing embargoed appears here.
import { Hono } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { stringifyCsv } from '../../interchange/csv-safe.ts';
import { reportFileName } from '../../reports/pdu-report.ts';
import { reportPage } from '../../reports/report-html.ts';
import { taggedReportPdf } from '../../reports/tagged-pdf/report-tagged-pdf.ts';
import { AppError } from '../../services/errors.ts';
import { publishedAnnualReports } from '../../services/national-reports.ts';
import { loadPublishedReport } from '../../services/report-loading.ts';
import { publishedSfoAnnualReports } from '../../services/sfo/public-annual.ts';
import { keyQuestionRows, LICENCE, publishedInspections, ratingRows, SUPPRESS_BELOW } from '../../services/open-data.ts';
import { improvementSummary, latestRatingRows, publicPduRatings, publicRatings, publicRegionRatings } from '../../services/public-ratings.ts';
import { pduTable, regionTable, standardNames } from '../../presenters/public-ratings-page.ts';
import { youthLatestTable, youthPublishedTable, youthServiceTable, youthStandardNames } from '../../presenters/public-youth-ratings-page.ts';
import { publicYouthRatings, publicYouthServiceRatings, youthRatingRows, youthRegimeWords, type YouthColumns } from '../../services/public-youth-ratings.ts';
import { govukDate } from '../../presenters/govuk-dates.ts';
import { organisationColumnLabel } from '../../presenters/organisation-label.ts';
import { frameworkKnownNow } from '../../services/frameworks.ts';
import type { AppEnv } from '../auth.ts';
import { idParam } from '../params.ts';
import { demoTag, escapeHtml, page, ratingTag } from '../render.ts';

const csv = (rows: object[]) => (rows.length ? stringifyCsv(rows, { header: true }) : '');

/** 'Ratings of youth justice services', in the youth framework's words. */
const youthRatingsTitle = (plural: string) => `Ratings of ${plural}`;
/** The standards rated separately, named in a sentence: 'resettlement policy and provision (4.1)'. */
const separatelyNames = (columns: YouthColumns) => columns.separately.map((s) => `${s.name.charAt(0).toLowerCase()}${s.name.slice(1)} (${s.id})`).join(' and ');

export function publicRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/public', async (c) => {
    // The published inspections are rated once: the improvement counts reuse them.
    const [rows, annualReports, sfoReports, youthWords] = await Promise.all([publishedInspections(db), publishedAnnualReports(db), publishedSfoAnnualReports(db), youthRegimeWords(db)]);
    const improvement = await improvementSummary(db, rows);
    // A list mixing kinds names each service's kind under its name: Surrey PDU and Surrey youth justice service are both 'Surrey'.
    const labels = rows.map(({ inspection: i }) => frameworkKnownNow(i.frameworkId, i.frameworkVersion)?.regime.report.organisationLabel);
    const mixed = new Set(labels).size > 1;
    return page(c, 'public-index.njk', {
      title: 'Published inspections',
      youthRatings: youthWords ? { title: youthRatingsTitle(youthWords.plural), plural: youthWords.plural } : null,
      annualReports: annualReports.map((r) => ({ href: `/public/annual/${r.id}`, text: r.title, publishOn: r.publishOn })),
      sfoReports: sfoReports.map((r) => ({ href: `/public/sfo/annual/${r.param}`, text: `Quality assurance of SFO reviews: annual report ${r.year}`, publishOn: r.publishedAt.toISOString().slice(0, 10) })),
      improvement,
      // The column names the organisations as their frameworks do, neutrally when PDUs and youth justice services are both listed.
      organisationLabel: organisationColumnLabel(labels),
      improvementRows: improvement.changes.map((x) => [{ text: x.organisation }, { text: x.from }, { text: x.to }, { text: x.direction }]),
      rows: rows.map(({ inspection: i, publishOn, ratings }, n) => [
        {
          html:
            `<a class="govuk-link" href="/public/inspections/${i.id}">${escapeHtml(i.organisationName)}</a>` +
            (mixed && labels[n] ? `<span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">${escapeHtml(labels[n])}</span>` : '') +
            demoTag(i.isDemo),
        },
        { text: i.regionName ?? '' },
        { text: publishOn ? govukDate(publishOn) : '' },
        { html: ratingTag(ratings.overall.rating, 'Not rated') },
      ]),
    });
  });

  // The published report in full: the report's own body (without the inspectorate's navigation
  // and workbook) and its tagged PDF. Before the publication date neither exists here (404).
  const published = async (id: number) => {
    const loaded = await loadPublishedReport(db, id);
    if (!loaded) throw new AppError('not-found', 'There is no published inspection with that number');
    return loaded;
  };

  routes.get('/public/inspections/:id', async (c) => {
    const { summary: i, report, publishOn } = await published(idParam(c));
    return page(c, 'public-inspection.njk', {
      ...reportPage(i, report),
      activeNav: null,
      section: null,
      publishOn,
      pdfHref: `/public/inspections/${i.id}/report.pdf`,
    });
  });

  routes.get('/public/inspections/:id/report.pdf', async (c) => {
    const { summary, report } = await published(idParam(c));
    return c.body(new Uint8Array(await taggedReportPdf(report)), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${reportFileName(summary, 'pdf')}"`,
    });
  });

  // Ratings tables: each region's PDUs with their latest ratings, and each PDU's over time.
  routes.get('/public/ratings', async (c) => {
    const { standards, regions } = await publicRatings(db);
    const tables = regions.map((r) => regionTable(r, standards));
    return page(c, 'public-ratings.njk', { title: 'Ratings by region', tables, standardNames: standardNames(standards), anyDemo: tables.some((t) => t.anyDemo) });
  });

  routes.get('/public/ratings/regions/:id', async (c) => {
    const { standards, region, regions } = await publicRegionRatings(db, idParam(c));
    const table = regionTable(region, standards);
    return page(c, 'public-ratings-region.njk', { title: `Ratings in ${region.name}`, table, regions, standardNames: standardNames(standards), anyDemo: table.anyDemo });
  });

  routes.get('/public/pdus/:id', async (c) => {
    const { standards, pdu } = await publicPduRatings(db, idParam(c));
    return page(c, 'public-pdu.njk', { title: `${pdu.name} PDU: inspections over time`, pdu, table: pduTable(pdu, standards), standardNames: standardNames(standards) });
  });

  // The youth justice services' ratings, beside the PDUs': the inspections published here with every standard, and each service's latest and its history.
  routes.get('/public/youth-ratings', async (c) => {
    const { columns, published, services } = await publicYouthRatings(db);
    const table = youthPublishedTable(published, services, columns);
    const latest = youthLatestTable(services, columns);
    return page(c, 'public-youth-ratings.njk', {
      title: youthRatingsTitle(columns.plural),
      columns,
      separatelyNames: separatelyNames(columns),
      published: table,
      latest,
      standardNames: youthStandardNames(columns),
      anyDemo: table.anyDemo || latest.anyDemo,
    });
  });

  routes.get('/public/youth-services/:id', async (c) => {
    const { columns, service } = await publicYouthServiceRatings(db, idParam(c));
    return page(c, 'public-youth-service.njk', {
      title: `${service.name} ${columns.singular}: inspections over time`,
      ratingsTitle: youthRatingsTitle(columns.plural),
      columns,
      service,
      separatelyNames: separatelyNames(columns),
      table: youthServiceTable(service, columns),
      standardNames: youthStandardNames(columns),
    });
  });

  routes.get('/public/data', async (c) => {
    const youth = await youthRegimeWords(db);
    return page(c, 'public-data.njk', { title: 'Open data', licence: LICENCE, suppressBelow: SUPPRESS_BELOW, youth: youth ?? null });
  });
  routes.get('/public/data/ratings.json', async (c) => c.json({ licence: LICENCE, ratings: await ratingRows(db) }));
  routes.get('/public/data/ratings.csv', async (c) => c.body(csv(await ratingRows(db)), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="ratings.csv"' }));
  routes.get('/public/data/ratings-latest.json', async (c) => c.json({ licence: LICENCE, ratings: await latestRatingRows(db) }));
  routes.get('/public/data/ratings-latest.csv', async (c) => c.body(csv(await latestRatingRows(db)), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="ratings-latest.csv"' }));
  routes.get('/public/data/youth-ratings.json', async (c) => c.json({ licence: LICENCE, ratings: await youthRatingRows(db) }));
  routes.get('/public/data/youth-ratings.csv', async (c) => c.body(csv(await youthRatingRows(db)), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="youth-ratings.csv"' }));
  routes.get('/public/data/key-questions.json', async (c) => c.json({ licence: LICENCE, suppression: `figures from fewer than ${SUPPRESS_BELOW} cases are withheld`, keyQuestions: await keyQuestionRows(db) }));
  routes.get('/public/data/key-questions.csv', async (c) => c.body(csv(await keyQuestionRows(db)), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="key-questions.csv"' }));

  return routes;
}
