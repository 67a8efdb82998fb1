// The JSON API: frameworks, organisations, inspections, cases and ratings with explanations.
// Read-only until sign-in and roles arrive with the inspectors' web app; writes go through the CLI.
import { Hono } from 'hono';
import { listAudit, listFrameworks, listRegionsWithPdus, type Db } from '../../db/repositories/index.ts';
import { AppError } from '../../services/errors.ts';
import { storedFramework } from '../../services/frameworks.ts';
import { exportAssessments, listInspectionsWithRatings, loadAssessment, rateStoredInspection } from '../../services/inspections.ts';
import { enumQuery, idParam } from '../params.ts';

export function apiRoutes(db: Db): Hono {
  const api = new Hono();

  api.get('/', (c) =>
    c.json({
      name: 'Inspectorate API',
      resources: {
        frameworks: '/api/frameworks',
        framework: '/api/frameworks/{id}/{version}',
        organisations: '/api/organisations',
        inspections: '/api/inspections',
        inspection: '/api/inspections/{id}',
        ratings: '/api/inspections/{id}/ratings',
        cases: '/api/inspections/{id}/cases',
        case: '/api/inspections/{id}/cases/{caseRef}',
        export: '/api/inspections/{id}/export?format=csv|json',
        audit: '/api/inspections/{id}/audit',
      },
    }),
  );

  api.get('/frameworks', async (c) => c.json({ frameworks: await listFrameworks(db) }));
  api.get('/frameworks/:id/:version', async (c) => {
    const framework = await storedFramework(db, c.req.param('id'), c.req.param('version'));
    return c.json(framework.definition);
  });

  api.get('/organisations', async (c) => c.json({ regions: await listRegionsWithPdus(db) }));

  api.get('/inspections', async (c) => {
    const rows = await listInspectionsWithRatings(db);
    return c.json({
      inspections: rows.map(({ inspection, ratings }) => ({
        ...inspection,
        cases: ratings.cases,
        overall: { rating: ratings.overall.rating, score: ratings.overall.score, maxScore: ratings.overall.maxScore },
        links: { self: `/api/inspections/${inspection.id}`, ratings: `/api/inspections/${inspection.id}/ratings` },
      })),
    });
  });

  api.get('/inspections/:id', async (c) => {
    const { inspection, ratings } = await rateStoredInspection(db, idParam(c));
    return c.json({ ...inspection, cases: ratings.cases, overall: ratings.overall, flags: ratings.flags.length });
  });

  api.get('/inspections/:id/ratings', async (c) => {
    const { ratings } = await rateStoredInspection(db, idParam(c));
    return c.json(ratings);
  });

  api.get('/inspections/:id/cases', async (c) => {
    const { assessment } = await loadAssessment(db, idParam(c));
    return c.json({ frameworkKey: assessment.frameworkKey, cases: assessment.cases });
  });

  api.get('/inspections/:id/cases/:caseRef', async (c) => {
    const { assessment } = await loadAssessment(db, idParam(c));
    const found = assessment.cases.find((x) => x.caseRef === c.req.param('caseRef'));
    if (!found) throw new AppError('not-found', `There is no case ${c.req.param('caseRef')} in this inspection`);
    return c.json(found);
  });

  api.get('/inspections/:id/export', async (c) => {
    const id = idParam(c);
    const format = enumQuery(c, 'format', ['csv', 'json'] as const, 'csv');
    const body = await exportAssessments(db, id, format);
    c.header('Content-Disposition', `attachment; filename="inspection-${id}-assessments.${format}"`);
    return c.body(body, 200, { 'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json' });
  });

  api.get('/inspections/:id/audit', async (c) => c.json({ events: await listAudit(db, { inspectionId: idParam(c) }) }));

  return api;
}
