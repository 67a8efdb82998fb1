// The JSON API: frameworks, organisations, inspections, cases and ratings with explanations, each
// behind the same access rules as the pages (the session of the web app).
import { Hono } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { blindExportRefusal } from '../../domain/access/first-assessment.ts';
import { canViewFindings, mayOpen } from '../../domain/access/permissions.ts';
import { AppError } from '../../services/errors.ts';
import { listFrameworks, storedFramework } from '../../services/frameworks.ts';
import { exportAssessments, loadAssessment, rateStoredInspection } from '../../services/inspections.ts';
import { visibleInspections } from '../../services/inspection-list.ts';
import { regionsWithPdus } from '../../services/organisations.ts';
import { caseAccess, inspectionFor, requireWholeCaseExport, sessionOf } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { enumQuery } from '../params.ts';
import { auditQueryOf, EVENTS_PER_PAGE, readAuditFilters } from '../../presenters/audit-filters.ts';
import { readAuditPage } from '../../services/audit-trail.ts';
import { apiProgrammeRoutes } from './api-programme.ts';

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
        programme: '/api/programme',
      },
    }),
  );

  api.get('/frameworks', async (c) => c.json({ frameworks: await listFrameworks(db) }));
  api.get('/frameworks/:id/:version', async (c) => c.json((await storedFramework(db, c.req.param('id'), c.req.param('version'))).definition));
  api.get('/organisations', async (c) => c.json({ regions: await regionsWithPdus(db) }));

  api.get('/inspections', async (c) => {
    const rows = await visibleInspections(db, sessionOf(c).actor);
    return c.json({
      // provisional, casesComplete, casesTotal: ratings are provisional until signed off with every case complete.
      inspections: rows.map(({ inspection, ratings, standing }) => ({
        ...inspection,
        ...(ratings ? { cases: ratings.cases, ...standing, overall: { rating: ratings.overall.rating, score: ratings.overall.score, maxScore: ratings.overall.maxScore } } : { embargoed: true }),
        links: { self: `/api/inspections/${inspection.id}`, ...(ratings ? { ratings: `/api/inspections/${inspection.id}/ratings` } : {}) },
      })),
    });
  });

  api.get('/inspections/:id', async (c) => {
    const { inspection, actor, scope } = await inspectionFor(c, db);
    if (!canViewFindings(actor, scope)) return c.json({ ...inspection, embargoed: true });
    const [{ ratings, standing }, access] = await Promise.all([rateStoredInspection(db, inspection.id), caseAccess(db, actor, scope)]);
    return c.json({ ...inspection, cases: ratings.cases, ...standing, overall: ratings.overall, flags: ratings.flags.filter((f) => access.mayRead(f.caseRef)).length });
  });

  // Quality flags name a case and its judgement: only those whose first assessment the person may read.
  api.get('/inspections/:id/ratings', async (c) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('ratings'));
    const [{ ratings, standing }, access] = await Promise.all([rateStoredInspection(db, inspection.id), caseAccess(db, actor, scope)]);
    return c.json({ ...standing, ...ratings, flags: ratings.flags.filter((f) => access.mayRead(f.caseRef)) });
  });

  api.get('/inspections/:id/cases', async (c) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('cases'));
    const [{ assessment }, access] = await Promise.all([loadAssessment(db, inspection.id), caseAccess(db, actor, scope)]);
    return c.json({
      frameworkKey: assessment.frameworkKey,
      cases: assessment.cases.filter((x) => access.mayRead(x.caseRef)),
      ...(access.hidden.size ? { withheld: [...access.hidden].sort(), withheldBecause: blindExportRefusal(access.hidden) } : {}),
    });
  });

  api.get('/inspections/:id/cases/:caseRef', async (c) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('cases'));
    await caseAccess(db, actor, scope, c.req.param('caseRef'));
    const { assessment } = await loadAssessment(db, inspection.id);
    const found = assessment.cases.find((x) => x.caseRef === c.req.param('caseRef'));
    if (!found) throw new AppError('not-found', `There is no case ${c.req.param('caseRef')} in this inspection`);
    return c.json(found);
  });

  api.get('/inspections/:id/export', async (c) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('cases'));
    const format = enumQuery(c, 'format', ['csv', 'json'] as const, 'csv');
    await requireWholeCaseExport(db, actor, scope);
    const body = await exportAssessments(db, inspection.id, format);
    c.header('Content-Disposition', `attachment; filename="inspection-${inspection.id}-assessments.${format}"`);
    return c.body(body, 200, { 'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json' });
  });

  // Raw values as stored (actor ids, action codes, JSON before and after), newest first; the page's
  // filters apply (person=<actor>, kind, case, from-/to- day, month and year), and page=N gives 50 at a time.
  api.get('/inspections/:id/audit', async (c) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('audit'));
    const { filters, errors } = readAuditFilters(c.req.query());
    if (errors.length) throw new AppError('invalid', errors.map((e) => e.text).join('; '));
    const paged = c.req.query('page') !== undefined;
    const access = await caseAccess(db, actor, scope);
    const { events, total } = await readAuditPage(db, auditQueryOf({ inspectionId: inspection.id }, filters, inspection.id, paged), { inspection, access });
    return c.json({ events, total, ...(paged ? { page: filters.page, perPage: EVENTS_PER_PAGE } : {}) });
  });

  // The inspection programme's resources, listed at /api/programme.
  api.route('/programme', apiProgrammeRoutes(db));

  return api;
}
