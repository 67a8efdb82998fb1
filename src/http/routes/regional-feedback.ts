// Regional feedback for a Regional Probation Director: the page with its year picker, the same as a
// PDF to circulate (?format=pdf), the figures as CSV (?format=csv), and as JSON under /api. An
// unknown region is 404 for everyone; a known one is refused (403) to those it is not for.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { canViewRegionalFeedback } from '../../domain/access/permissions.ts';
import { regionalFeedbackPage } from '../../presenters/regional-feedback-page.ts';
import { regionalFeedbackCsv, regionalFeedbackFileName } from '../../reports/regional-feedback-csv.ts';
import { regionalFeedbackPdf } from '../../reports/regional-feedback-pdf.ts';
import { AppError } from '../../services/errors.ts';
import { clock } from '../../services/clock.ts';
import { regionalFeedback, requireRegion, yearFrom } from '../../services/regional-feedback.ts';
import { sessionOf } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { enumQuery, idParam } from '../params.ts';
import { page } from '../render.ts';

export function regionalFeedbackRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const load = async (c: Context<AppEnv>) => {
    const { actor } = sessionOf(c);
    const id = idParam(c, 'id', (text) => `There is no region "${text ?? ''}"`);
    const region = await requireRegion(db, id);
    if (!canViewRegionalFeedback(actor, id)) throw new AppError('forbidden', 'Regional feedback is for the inspectorate and the region’s own staff');
    return regionalFeedback(db, region, yearFrom(c.req.query('year')));
  };

  routes.get('/regions/:id/feedback', async (c) => {
    const format = enumQuery(c, 'format', ['html', 'pdf', 'csv'] as const, 'html');
    const { feedback, years } = await load(c);
    if (format === 'pdf') {
      const pdf = await regionalFeedbackPdf(feedback, clock.today());
      return c.body(new Uint8Array(pdf), 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${regionalFeedbackFileName(feedback, 'pdf')}"` });
    }
    if (format === 'csv')
      return c.body(regionalFeedbackCsv(feedback), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${regionalFeedbackFileName(feedback, 'csv')}"` });
    return page(c, 'regional-feedback.njk', regionalFeedbackPage(feedback, years));
  });

  routes.get('/api/regions/:id/feedback', async (c) => {
    const { feedback, years } = await load(c);
    const self = `/api/regions/${feedback.region.id}/feedback?year=${feedback.year.start}`;
    return c.json({
      ...feedback,
      years: years.map((y) => ({ start: y.start, label: y.label, href: `/api/regions/${feedback.region.id}/feedback?year=${y.start}` })),
      links: { self, page: `/regions/${feedback.region.id}/feedback?year=${feedback.year.start}` },
    });
  });

  return routes;
}
