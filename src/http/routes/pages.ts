// Pages: the list of inspections and each inspection's ratings with their explanations.
import { Hono } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { listInspectionsWithRatings, rateStoredInspection } from '../../services/inspections.ts';
import { listInspections } from '../../db/repositories/index.ts';
import { inspectionPage } from '../../presenters/inspection-page.ts';
import { idParam } from '../params.ts';
import { escapeHtml, page, ratingTag } from '../render.ts';

export function pageRoutes(db: Db): Hono {
  const pages = new Hono();

  pages.get('/', async (c) => {
    const rows = await listInspectionsWithRatings(db);
    return page(c, 'inspections.njk', {
      title: 'Inspections',
      activeNav: 'inspections',
      rows: rows.map(({ inspection: i, ratings }) => [
        {
          html:
            `<a class="govuk-link" href="/inspections/${i.id}">${escapeHtml(i.organisationName)}</a>` +
            (i.isDemo ? ` ${ratingTag(null, 'Demonstration data')}` : ''),
        },
        { text: i.regionName ?? '–' },
        { text: `${i.fieldworkStart} to ${i.fieldworkEnd}` },
        { text: String(ratings.cases), format: 'numeric' },
        { text: `${i.frameworkId} ${i.frameworkVersion}` },
        { html: ratingTag(ratings.overall.rating, 'Not yet rated') },
      ]),
    });
  });

  pages.get('/inspections/:id', async (c) => {
    const id = idParam(c);
    const { ratings } = await rateStoredInspection(db, id);
    const summary = (await listInspections(db)).find((i) => i.id === id)!;
    return page(c, 'inspection.njk', inspectionPage(summary, ratings));
  });

  return pages;
}
