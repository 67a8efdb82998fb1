// Pages: the inspections a person may see, and each inspection's ratings with their explanations
// (or, for the inspected service, its own tasks for the inspection).
import { Hono } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { canOpenArea, canViewRegionalFeedback, reportStatusOf, canCreateInspections, canManageTeam } from '../../domain/access/permissions.ts';
import { STATUS_NAMES } from '../../domain/publication/workflow.ts';
import { serviceTasks } from '../../presenters/service-tasks-page.ts';
import { serviceTaskFacts } from '../../services/service-tasks.ts';
import { inspectionListItem, visibleInspections } from '../../services/inspection-list.ts';
import { organisationsOfKind } from '../../services/organisations.ts';
import { frameworkOf, rateStoredInspection } from '../../services/inspections.ts';
import { frameworkKnownNow } from '../../services/frameworks.ts';
import { organisationColumnLabel } from '../../presenters/organisation-label.ts';
import { inspectionPage } from '../../presenters/inspection-page.ts';
import { provisionalHtml } from '../../presenters/provisional.ts';
import { govukDate } from '../../presenters/govuk-dates.ts';
import { caseAccess, inspectionFor, sessionOf } from '../access.ts';
import { timelineSection } from './inspection-timeline.ts';
import { jointInspectionSummaryRow } from './joint-inspection.ts';
import { jointInspectionOf } from '../../services/joint-inspection.ts';
import type { AppEnv } from '../auth.ts';
import { demoTag, escapeHtml, page, ratingTag } from '../render.ts';

export function pageRoutes(db: Db): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();

  pages.get('/', async (c) => {
    const { actor } = sessionOf(c);
    const rows = await visibleInspections(db, actor);
    // Regional feedback: every region for the inspectorate's staff who may read it, their own for a region's staff.
    const regions = (await organisationsOfKind(db, 'region')).filter((r) => canViewRegionalFeedback(actor, r.id));
    const labels = rows.map(({ inspection: i }) => frameworkKnownNow(i.frameworkId, i.frameworkVersion)?.regime.report.organisationLabel);
    // A list mixing kinds names each service's kind under its name: Leeds PDU and Leeds youth justice service are both 'Leeds'.
    const mixed = new Set(labels).size > 1;
    return page(c, 'inspections.njk', {
      title: 'Inspections',
      activeNav: 'inspections',
      canCreateInspections: canCreateInspections(actor),
      // The column names the organisations as their frameworks do, neutrally for a list mixing kinds.
      organisationLabel: organisationColumnLabel(labels),
      regionLinks: regions.map((r) => ({ href: `/regions/${r.id}/feedback`, text: r.name })),
      // A region's own staff: inspections are of PDUs, so their page is the region's feedback.
      emptyText:
        actor.role === 'service-staff'
          ? regions.length
            ? 'Inspections are of your region’s PDUs, and each PDU’s staff see their own. What they found across the region is in the regional feedback below.'
            : 'There are no inspections of your service to show yet.'
          : 'There are no inspections yet. Import case assessments with the command line: npx inspectorate import FILE --inspection ID.',
      rows: rows.map(({ inspection: i, ratings, standing }, n) => [
        {
          html:
            `<a class="govuk-link" href="/inspections/${i.id}">${escapeHtml(i.organisationName)}</a>` +
            (mixed && labels[n] ? `<span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">${escapeHtml(labels[n])}</span>` : '') +
            demoTag(i.isDemo),
        },
        { text: i.regionName ?? '–' },
        { text: `${govukDate(i.fieldworkStart)} to ${govukDate(i.fieldworkEnd)}` },
        { text: ratings ? String(ratings.cases) : '–', format: 'numeric' },
        { text: `${i.frameworkId} ${i.frameworkVersion}` },
        { html: ratings ? ratingTag(ratings.overall.rating, 'Not yet rated') + provisionalHtml(standing) : ratingTag(null, 'Embargoed until publication') },
      ]),
    });
  });

  pages.get('/inspections/:id', async (c) => {
    const { inspection, actor, scope } = await inspectionFor(c, db);
    const summary = await inspectionListItem(db, inspection);
    // The inspected service lands on its own tasks, whatever the report's stage.
    if (actor.role === 'service-staff')
      return page(c, 'inspection-service.njk', {
        title: inspection.title,
        inspection: summary,
        section: 'overview',
        organisationLabel: (await frameworkOf(db, inspection)).regime.report.organisationLabel,
        reportStatusName: STATUS_NAMES[reportStatusOf(scope)],
        embargoed: !scope.published,
        tasks: serviceTasks(inspection.id, await serviceTaskFacts(db, inspection.id), (area) => canOpenArea(actor, scope, area)),
      });
    const [{ ratings, standing }, framework, access] = await Promise.all([rateStoredInspection(db, inspection.id), frameworkOf(db, inspection), caseAccess(db, actor, scope)]);
    // Quality flags name a case's judgements: not those of a case the person is assessing blind.
    const model = inspectionPage(summary, { ...ratings, flags: ratings.flags.filter((f) => access.mayRead(f.caseRef)) }, framework, standing);
    // A joint inspection's partners, after the framework (none for a framework that inspects nobody jointly).
    const joint = jointInspectionSummaryRow(await jointInspectionOf(db, inspection.id), inspection.id, canManageTeam(actor, scope));
    if (joint) model.summaryRows.splice(model.summaryRows.findIndex((r) => r.key.text === 'Framework') + 1, 0, joint);
    return page(c, 'inspection.njk', { ...model, ...(await timelineSection(c, db, inspection, actor, scope)) });
  });

  return pages;
}
