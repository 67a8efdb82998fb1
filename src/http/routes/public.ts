// Public pages and open data: published material only, no sign-in. Nothing embargoed appears here.
import { Hono } from 'hono';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/repositories/index.ts';
import { AppError } from '../../services/errors.ts';
import { publishedAnnualReports } from '../../services/national-reports.ts';
import { keyQuestionRows, LICENCE, publishedInspection, publishedInspections, ratingRows, SUPPRESS_BELOW } from '../../services/open-data.ts';
import { improvementSummary, latestRatingRows, publicPduRatings, publicRatings, publicRegionRatings } from '../../services/public-ratings.ts';
import { pduTable, regionTable, standardNames } from '../../presenters/public-ratings-page.ts';
import type { AppEnv } from '../auth.ts';
import { idParam } from '../params.ts';
import { demoTag, escapeHtml, page, ratingTag } from '../render.ts';

const csv = (rows: object[]) => (rows.length ? stringify(rows, { header: true }) : '');

export function publicRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/public', async (c) => {
    // The published inspections are rated once: the improvement counts reuse them.
    const [rows, annualReports] = await Promise.all([publishedInspections(db), publishedAnnualReports(db)]);
    const improvement = await improvementSummary(db, rows);
    return page(c, 'public-index.njk', {
      title: 'Published inspections',
      annualReports: annualReports.map((r) => ({ href: `/public/annual/${r.id}`, text: r.title, publishOn: r.publishOn })),
      improvement,
      improvementRows: improvement.changes.map((x) => [{ text: x.organisation }, { text: x.from }, { text: x.to }, { text: x.direction }]),
      rows: rows.map(({ inspection: i, publishOn, ratings }) => [
        { html: `<a class="govuk-link" href="/public/inspections/${i.id}">${escapeHtml(i.organisationName)}</a>` + demoTag(i.isDemo) },
        { text: i.regionName ?? '' },
        { text: publishOn ?? '' },
        { html: ratingTag(ratings.overall.rating, 'Not rated') },
      ]),
    });
  });

  routes.get('/public/inspections/:id', async (c) => {
    const found = await publishedInspection(db, idParam(c));
    if (!found) throw new AppError('not-found', 'There is no published inspection with that number');
    const { inspection: i, report, ratings } = found;
    return page(c, 'public-inspection.njk', {
      title: i.title,
      inspection: i,
      report,
      overall: ratings.overall,
      rows: ratings.standards.map((s) => [
        { text: `${s.id} ${s.name}` },
        { html: s.rating ? ratingTag(s.rating) : ratingTag(null, s.treatment === 'national-only' ? 'Reported nationally' : 'Not rated') },
        { text: s.explanation.summary },
      ]),
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

  routes.get('/public/data', (c) => page(c, 'public-data.njk', { title: 'Open data', licence: LICENCE, suppressBelow: SUPPRESS_BELOW }));
  routes.get('/public/data/ratings.json', async (c) => c.json({ licence: LICENCE, ratings: await ratingRows(db) }));
  routes.get('/public/data/ratings.csv', async (c) => c.body(csv(await ratingRows(db)), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="ratings.csv"' }));
  routes.get('/public/data/ratings-latest.json', async (c) => c.json({ licence: LICENCE, ratings: await latestRatingRows(db) }));
  routes.get('/public/data/ratings-latest.csv', async (c) => c.body(csv(await latestRatingRows(db)), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="ratings-latest.csv"' }));
  routes.get('/public/data/key-questions.json', async (c) => c.json({ licence: LICENCE, suppression: `figures from fewer than ${SUPPRESS_BELOW} cases are withheld`, keyQuestions: await keyQuestionRows(db) }));
  routes.get('/public/data/key-questions.csv', async (c) => c.body(csv(await keyQuestionRows(db)), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="key-questions.csv"' }));

  return routes;
}
