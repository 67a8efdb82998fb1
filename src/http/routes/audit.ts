// The audit pages: an inspection's trail (its lead inspector and administrators), the programme's
// (programme managers, administrators), national reporting's (analysts, administrators) and
// administration's, every event tied to no inspection (administrators). Each reads as a record,
// filters with a GET form, pages with MoJ pagination and downloads as CSV with the raw values.
import { Hono, type Context } from 'hono';
import type { AuditScope } from '../../db/repositories/audit-query.ts';
import type { Db, Inspection } from '../../db/repositories/index.ts';
import { canManageUsers, canViewNationalAudit, canViewProgrammeAudit, mayOpen, type Actor } from '../../domain/access/permissions.ts';
import type { FirstAssessmentAccess } from '../../domain/access/first-assessment.ts';
import type { AuditArea } from '../../domain/audit/sentences.ts';
import { stringifyCsv } from '../../interchange/csv-safe.ts';
import { auditQueryOf, EVENTS_PER_PAGE, readAuditFilters } from '../../presenters/audit-filters.ts';
import { auditCsvRows, auditPageView } from '../../presenters/audit-page.ts';
import { readAuditPage, scopeOfArea } from '../../services/audit-trail.ts';
import { frameworkKnownNow } from '../../services/frameworks.ts';
import { caseAssignments } from '../../services/lead-inspector.ts';
import { caseAccess, inspectionFor, requirePermission } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { page } from '../render.ts';

interface AreaPage {
  area: AuditArea;
  path: string;
  scope: AuditScope;
  fileName: string;
  heading: string;
  intro: string;
  breadcrumbs: { text: string; href?: string }[];
  activeNav?: string;
  inspection?: Inspection;
  access?: FirstAssessmentAccess;
  caseRefs?: string[];
  /** The programme's sub navigation above the trail. */
  programmeNav?: boolean;
}

async function auditResponse(c: Context<AppEnv>, db: Db, p: AreaPage): Promise<Response> {
  const { filters, errors } = readAuditFilters(c.req.query());
  const inspectionId = p.inspection?.id;
  const options = { ...(p.inspection ? { inspection: p.inspection } : {}), ...(p.access ? { access: p.access } : {}) };
  if (c.req.query('format') === 'csv') {
    const all = await readAuditPage(db, auditQueryOf(p.scope, filters, inspectionId, false), options);
    c.header('Content-Disposition', `attachment; filename="${p.fileName}"`);
    return c.body(stringifyCsv(auditCsvRows(all.events, all.words)), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  }
  let found = await readAuditPage(db, auditQueryOf(p.scope, filters, inspectionId, true), options);
  // A page past the end (the trail filtered, or an old link) shows the last page.
  const last = Math.max(1, Math.ceil(found.total / EVENTS_PER_PAGE));
  if (filters.page > last) {
    filters.page = last;
    found = await readAuditPage(db, auditQueryOf(p.scope, filters, inspectionId, true), options);
  }
  // One inspection's trail names its judgements as its framework does.
  const judgementsSection = p.inspection && frameworkKnownNow(p.inspection.frameworkId, p.inspection.frameworkVersion)?.regime.judgementsSection;
  const view = auditPageView({ area: p.area, path: p.path, filters, errors, ...found, ...(p.caseRefs ? { caseRefs: p.caseRefs } : {}), ...(judgementsSection ? { judgementsSection } : {}) });
  return page(
    c,
    'audit.njk',
    {
      title: `${errors.length ? 'Error: ' : ''}${p.heading}${filters.page > 1 ? ` (page ${filters.page})` : ''}`,
      heading: p.heading,
      intro: p.intro,
      breadcrumbs: p.breadcrumbs,
      view,
      ...(p.inspection ? { inspection: p.inspection, section: 'audit' } : {}),
      ...(p.activeNav ? { activeNav: p.activeNav } : {}),
      ...(p.programmeNav ? { programmeNav: true, section: 'audit' } : {}),
    },
    errors.length ? 400 : 200,
  );
}

const guard = (c: Context<AppEnv>, allowed: (actor: Actor) => boolean) => requirePermission(c, allowed);

export function auditRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/inspections/:id/audit', async (c) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('audit'));
    // A lead inspector can be a case's second assessor: that case's saved answers stay out of their trail until they submit.
    const access = await caseAccess(db, actor, scope);
    const caseRefs = (await caseAssignments(db, inspection.id)).map((w) => w.caseRef).filter((ref) => !access.hidden.has(ref));
    return auditResponse(c, db, {
      area: 'inspection',
      path: `/inspections/${inspection.id}/audit`,
      scope: { inspectionId: inspection.id },
      fileName: `inspection-${inspection.id}-audit.csv`,
      heading: 'Audit trail',
      intro: 'Every change to this inspection: its assessments, ratings, team, quality assurance, sample, survey, report and publication.',
      breadcrumbs: [{ text: 'Inspections', href: '/' }, { text: inspection.title, href: `/inspections/${inspection.id}` }, { text: 'Audit trail' }],
      inspection,
      access,
      caseRefs: caseRefs.sort(),
    });
  });

  routes.get('/programme/audit', async (c) => {
    guard(c, canViewProgrammeAudit);
    return auditResponse(c, db, {
      area: 'programme',
      path: '/programme/audit',
      scope: scopeOfArea('programme'),
      fileName: 'programme-audit.csv',
      heading: 'Audit trail of the inspection programme',
      intro: 'Every change to the registry of services, the PDU inspection cycles, the programme years with their topics and consultation, and the youth justice selections.',
      breadcrumbs: [{ text: 'Programme', href: '/programme' }, { text: 'Audit trail' }],
      activeNav: 'programme',
      programmeNav: true,
    });
  });

  routes.get('/national/audit', async (c) => {
    guard(c, canViewNationalAudit);
    return auditResponse(c, db, {
      area: 'national',
      path: '/national/audit',
      scope: scopeOfArea('national'),
      fileName: 'national-audit.csv',
      heading: 'Audit trail of national reporting',
      intro: 'Every data cut, foreword and publication date of the annual national reports.',
      breadcrumbs: [{ text: 'National reports', href: '/national' }, { text: 'Audit trail' }],
      activeNav: 'national',
    });
  });

  routes.get('/admin/audit', async (c) => {
    guard(c, canManageUsers);
    return auditResponse(c, db, {
      area: 'administration',
      path: '/admin/audit',
      scope: scopeOfArea('administration'),
      fileName: 'administration-audit.csv',
      heading: 'Audit trail of everything outside inspections',
      intro: 'Every event tied to no inspection: accounts, roles and signing in, reference data, the programme, national reporting and survey replies. Each inspection’s own trail is on its audit page.',
      breadcrumbs: [{ text: 'Users', href: '/admin/users' }, { text: 'Audit trail' }],
      activeNav: 'users',
    });
  });

  return routes;
}
