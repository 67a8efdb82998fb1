// The registry of services: the list by region, and one service's page (its names, intelligence,
// inspection results and place in the programme) with the administrators' forms on it.
import { Hono } from 'hono';
import type { Db } from '../../../db/repositories/index.ts';
import { canCreateInspections } from '../../../domain/access/permissions.ts';
import { RATINGS } from '../../../domain/programme/inspection-history.ts';
import { scoreYouthServices } from '../../../domain/programme/youth-risk.ts';
import { getCycleState, listCycleSummaries } from '../../../services/programme/cycles.ts';
import { canEditRegistry } from '../../../services/programme/permissions.ts';
import {
  cancelScheduledRename,
  getServiceRecord,
  listRegistry,
  planningYouthServices,
  recordInspectionResult,
  renameService,
  updateIntelligence,
  type ServiceRecord,
} from '../../../services/programme/registry.ts';
import { listStoredSelections } from '../../../services/programme/youth.ts';
import { KIND_NAMES, shortDate } from '../../../presenters/programme-cycle.ts';
import { factorRows, inspectionRows, nameRows, pduRegistryRows, percentText, youthRegistryRows, youthServiceSummaryRows } from '../../../presenters/programme-pages.ts';
import { govukDate } from '../../../presenters/govuk-dates.ts';
import { actingUser, requirePermission } from '../../access.ts';
import type { AppEnv } from '../../auth.ts';
import { withFlash } from '../../flash.ts';
import { escapeHtml as escape, page } from '../../render.ts';
import { pathId, view, type C } from './common.ts';
import { clock } from '../../../services/clock.ts';
import { dateItemsOf, errorsOf, failedFor, formFieldErrors, formRoute, status, titled, type Failure, type Values } from './form.ts';

/** Administrators change the registry's facts. */
export const edit = (c: C) => requirePermission(c, canEditRegistry);
export const serviceId = (c: C) => pathId(c, 'id', 'a service');

/** The rating scale as radios and the service's inspections in the app as a select, for the inspection result form. */
export const resultChoices = (record: ServiceRecord, values: Values) => ({
  ratingItems: RATINGS.map((r) => ({ value: r, text: r, checked: values.overallRating === r })),
  inspectionItems: record.inspectionsInApp.length
    ? [
        { value: '', text: 'None: not an inspection in Inspectorate' },
        ...record.inspectionsInApp.map((i) => ({ value: String(i.id), text: `${i.title} (fieldwork from ${shortDate(i.fieldworkStart)})`, selected: values.inspectionId === String(i.id) })),
      ]
    : [],
});

export function registryRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/programme/services', async (c) => {
    view(c);
    const query = (c.req.query('q') ?? '').trim().slice(0, 200);
    const registry = await listRegistry(db, undefined, { query });
    return page(c, 'programme-services.njk', {
      title: query ? `Services named like ‘${query}’ – Registry of services` : 'Registry of services',
      query,
      activeNav: 'programme',
      section: 'services',
      regions: registry.regions.map((r) => ({ name: r.region.name, id: r.region.id, rows: pduRegistryRows(r.pdus) })),
      pduCount: registry.regions.reduce((s, r) => s + r.pdus.length, 0),
      youthRows: youthRegistryRows(registry.youthServices),
      youthCount: registry.youthServices.length,
    });
  });

  const servicePage = async (c: C, failed?: Failure) => {
    const actor = view(c);
    const id = serviceId(c);
    const record = await getServiceRecord(db, id);
    const org = record.organisation;
    const canEdit = canEditRegistry(actor) && org.kind !== 'region';
    const renameFailed = failedFor(failed, 'rename');
    const intelFailed = failedFor(failed, 'intelligence');
    const resultFailed = failedFor(failed, 'result');
    const resultValues = resultFailed?.values ?? {};
    const intel = record.intelligence;
    const intelValues = intelFailed?.values ?? {
      caseload: intel?.caseload?.toString() ?? '',
      caseloadAsOf: intel?.caseloadAsOf ?? '',
      concerns: intel?.concerns?.toString() ?? '',
      performancePercent: intel?.performance == null ? '' : String(Math.round(intel.performance * 1000) / 10),
      jointInspection: intel?.jointInspection == null ? '' : intel.jointInspection ? 'yes' : 'no',
      note: intel?.note ?? '',
    };
    // Where the service is in the programme: each cycle's current plan, each stored youth selection.
    const planned: { text?: string; html?: string }[][] = [];
    if (org.kind === 'pdu')
      for (const s of await listCycleSummaries(db)) {
        const { current } = await getCycleState(db, s.cycle.id);
        const name = Object.entries(current.organisationIds).find(([, orgId]) => orgId === id)?.[0];
        for (const b of current.plan.bookings.filter((x) => name !== undefined && x.pdu === name))
          planned.push([{ html: `<a class="govuk-link" href="/programme/cycles/${s.cycle.id}?year=${b.year}">${escape(s.cycle.title)}</a>` }, { text: KIND_NAMES[b.kind] }, { text: `${shortDate(b.week)} (year ${b.year}), ${b.team ?? 'no team free'}` }, { text: b.reason }]);
      }
    let score: ReturnType<typeof factorRows> | null = null;
    let scoreTotal = '';
    const selections: { text?: string; html?: string }[][] = [];
    if (org.kind === 'youth-service') {
      const asOf = clock.today();
      // getServiceRecord has applied the renames due.
      const { services } = await planningYouthServices(db, asOf, { renamesApplied: true });
      const found = scoreYouthServices(services, asOf).find((s) => s.service === org.name);
      if (found) [score, scoreTotal] = [factorRows(found), `${(Math.round(found.score * 10) / 10).toFixed(1)} as of ${shortDate(asOf)}`];
      const knownAs = new Set([org.name, ...record.names.map((n) => n.name)]);
      for (const s of await listStoredSelections(db)) {
        const chosen = s.selected.find((x) => knownAs.has(x.service));
        if (chosen) selections.push([{ html: `<a class="govuk-link" href="/programme/youth/selections/${s.id}">${escape(s.title)}</a>` }, { text: chosen.reasons.map((r) => r.text).join('; ') }]);
      }
    }
    return page(
      c,
      'programme-service.njk',
      {
        title: titled(org.name, failed),
        activeNav: 'programme',
        section: 'services',
        record,
        org,
        kindName: org.kind === 'pdu' ? 'Probation delivery unit' : org.kind === 'youth-service' ? 'Youth justice service' : 'Probation region',
        canEdit,
        // Issue 12: an inspection of the PDU or youth justice service, its framework chosen by the organisation's kind.
        createHref: org.kind !== 'region' && canCreateInspections(actor) ? `/inspections/new?organisation=${id}#direct` : null,
        errors: errorsOf(failed),
        summary: [
          { key: { text: 'Kind' }, value: { text: org.kind === 'pdu' ? 'Probation delivery unit (PDU)' : org.kind === 'youth-service' ? 'Youth justice service' : 'Probation region' } },
          ...(record.regionName ? [{ key: { text: 'Region' }, value: { text: record.regionName } }] : []),
          ...youthServiceSummaryRows(record),
          ...record.scheduled.map((n) => ({ key: { text: 'Name change' }, value: { text: `Renamed to ${n.name} from ${shortDate(n.validFrom!)}` } })),
          ...(org.kind !== 'region'
            ? [
                { key: { text: 'Caseload' }, value: { text: intel?.caseload == null ? 'Not known' : `${intel.caseload}${intel.caseloadAsOf ? ` (as of ${shortDate(intel.caseloadAsOf)})` : ''}` } },
                { key: { text: 'Concerns raised (past year)' }, value: { text: intel?.concerns == null ? 'Not known' : String(intel.concerns) } },
                { key: { text: 'Performance: indicators worse than national' }, value: { text: intel?.performance == null ? 'Not known' : percentText(intel.performance) } },
                { key: { text: 'Inspection' }, value: { text: record.joint ? 'Jointly with other inspectorates' : 'Single' } },
              ]
            : []),
          ...(intel?.note ? [{ key: { text: 'Note' }, value: { text: intel.note } }] : []),
          ...(intel ? [{ key: { text: 'Last changed' }, value: { text: `${govukDate(intel.updatedAt)} by ${intel.updatedBy}` } }] : []),
        ],
        nameRows: nameRows(org.name, record.names, clock.today()),
        inspectionRows: inspectionRows(record.inspections, canEdit ? { serviceId: id } : undefined),
        inspectionHead: [{ text: 'Published' }, { text: 'Overall rating' }, { text: 'Source' }, { text: 'Report and notes' }, ...(canEdit ? [{ html: '<span class="govuk-visually-hidden">Change</span>' }] : [])],
        resultValues,
        resultErrors: formFieldErrors(errorsOf(resultFailed)),
        resultDates: dateItemsOf(resultValues, errorsOf(resultFailed)),
        ...resultChoices(record, resultValues),
        planned,
        score,
        scoreTotal,
        selections,
        renameValues: renameFailed?.values ?? { name: '', effectiveFrom: '', note: '' },
        renameErrors: formFieldErrors(errorsOf(renameFailed)),
        renameDates: dateItemsOf(renameFailed?.values ?? {}, errorsOf(renameFailed)),
        intelValues,
        intelErrors: formFieldErrors(errorsOf(intelFailed)),
        intelDates: dateItemsOf(intelValues, errorsOf(intelFailed)),
      },
      status(failed),
    );
  };
  routes.get('/programme/services/:id', (c) => servicePage(c));
  routes.post(
    '/programme/services/:id/name',
    formRoute({
      guard: edit,
      form: 'rename',
      save: async (c, values) => {
        await renameService(db, serviceId(c), values, actingUser(c));
        return `/programme/services/${serviceId(c)}`;
      },
      flash: 'rename-saved',
      // The rename's note has its own id on the page (the intelligence form has a note too).
      again: (c, failed) => servicePage(c, { ...failed, errors: failed.errors.map((e) => (e.href === '#note' ? { ...e, href: '#rename-note' } : e)) }),
    }),
  );
  routes.post('/programme/services/:id/name/cancel', async (c) => {
    edit(c);
    const id = serviceId(c);
    await cancelScheduledRename(db, id, actingUser(c));
    return c.redirect(withFlash(`/programme/services/${id}`, 'rename-cancelled'), 303);
  });
  routes.post(
    '/programme/services/:id/inspections',
    formRoute({
      guard: edit,
      form: 'result',
      save: async (c, values) => {
        await recordInspectionResult(db, serviceId(c), values, actingUser(c));
        return `/programme/services/${serviceId(c)}#inspections`;
      },
      flash: 'result-saved',
      again: servicePage,
    }),
  );
  routes.post(
    '/programme/services/:id/intelligence',
    formRoute({
      guard: edit,
      form: 'intelligence',
      save: async (c, values) => {
        await updateIntelligence(db, serviceId(c), values, actingUser(c));
        return `/programme/services/${serviceId(c)}`;
      },
      flash: 'intelligence-saved',
      again: servicePage,
    }),
  );

  return routes;
}
