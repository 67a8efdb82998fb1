// The JSON API: frameworks, organisations, inspections, cases and ratings with explanations, each
// behind the same access rules as the pages (the session of the web app).
import { Hono } from 'hono';
import { listAudit, listFrameworks, listRegionsWithPdus, type Db } from '../../db/repositories/index.ts';
import { canViewAudit, canViewFindings } from '../../domain/access/permissions.ts';
import { AppError } from '../../services/errors.ts';
import { storedFramework } from '../../services/frameworks.ts';
import { exportAssessments, loadAssessment, rateStoredInspection } from '../../services/inspections.ts';
import { visibleInspections } from '../../services/inspection-list.ts';
import { blindedCases } from '../../services/quality.ts';
import { inspectionFor, sessionOf } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { enumQuery } from '../params.ts';

export function apiRoutes(db: Db): Hono<AppEnv> {
  const api = new Hono<AppEnv>();

  api.get('/', (c) =>
    c.json({
      name: 'Inspectorate API',
      authentication: 'the session cookie of the web app (sign in at /sign-in)',
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
        regionalFeedback: '/api/regions/{id}/feedback?year=2025',
        annualReports: '/api/national/annual',
      },
    }),
  );

  api.get('/frameworks', async (c) => c.json({ frameworks: await listFrameworks(db) }));
  api.get('/frameworks/:id/:version', async (c) => c.json((await storedFramework(db, c.req.param('id'), c.req.param('version'))).definition));
  api.get('/organisations', async (c) => c.json({ regions: await listRegionsWithPdus(db) }));

  api.get('/inspections', async (c) => {
    const rows = await visibleInspections(db, sessionOf(c).actor);
    return c.json({
      inspections: rows.map(({ inspection, ratings }) => ({
        ...inspection,
        ...(ratings ? { cases: ratings.cases, overall: { rating: ratings.overall.rating, score: ratings.overall.score, maxScore: ratings.overall.maxScore } } : { embargoed: true }),
        links: { self: `/api/inspections/${inspection.id}`, ...(ratings ? { ratings: `/api/inspections/${inspection.id}/ratings` } : {}) },
      })),
    });
  });

  api.get('/inspections/:id', async (c) => {
    const { inspection, actor, scope } = await inspectionFor(c, db);
    if (!canViewFindings(actor, scope)) return c.json({ ...inspection, embargoed: true });
    const { ratings } = await rateStoredInspection(db, inspection.id);
    return c.json({ ...inspection, cases: ratings.cases, overall: ratings.overall, flags: ratings.flags.length });
  });

  api.get('/inspections/:id/ratings', async (c) => {
    const { inspection } = await inspectionFor(c, db, canViewFindings);
    return c.json((await rateStoredInspection(db, inspection.id)).ratings);
  });

  api.get('/inspections/:id/cases', async (c) => {
    const { inspection, actor } = await inspectionFor(c, db, canViewFindings);
    const { assessment } = await loadAssessment(db, inspection.id);
    const blinded = await blindedCases(db, inspection.id, actor.userId);
    return c.json({ frameworkKey: assessment.frameworkKey, cases: assessment.cases.filter((x) => !blinded.has(x.caseRef)), ...(blinded.size ? { withheld: [...blinded] } : {}) });
  });

  api.get('/inspections/:id/cases/:caseRef', async (c) => {
    const { inspection, actor } = await inspectionFor(c, db, canViewFindings);
    if ((await blindedCases(db, inspection.id, actor.userId)).has(c.req.param('caseRef')))
      throw new AppError('forbidden', 'You are this case’s second assessor: its first assessment stays hidden until you submit yours');
    const { assessment } = await loadAssessment(db, inspection.id);
    const found = assessment.cases.find((x) => x.caseRef === c.req.param('caseRef'));
    if (!found) throw new AppError('not-found', `There is no case ${c.req.param('caseRef')} in this inspection`);
    return c.json(found);
  });

  api.get('/inspections/:id/export', async (c) => {
    const { inspection } = await inspectionFor(c, db, canViewFindings);
    const format = enumQuery(c, 'format', ['csv', 'json'] as const, 'csv');
    const body = await exportAssessments(db, inspection.id, format);
    c.header('Content-Disposition', `attachment; filename="inspection-${inspection.id}-assessments.${format}"`);
    return c.body(body, 200, { 'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json' });
  });

  api.get('/inspections/:id/audit', async (c) => {
    const { inspection } = await inspectionFor(c, db, canViewAudit);
    return c.json({ events: await listAudit(db, { inspectionId: inspection.id }) });
  });

  return api;
}
