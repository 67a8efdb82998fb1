// A PDU inspection cycle: planning a new one, its calendar by year (with its revisions) and a
// region's share of it.
import { Hono } from 'hono';
import type { Db } from '../../../db/repositories/index.ts';
import { DEFAULT_BLACKOUTS } from '../../../domain/programme/calendar.ts';
import { AppError } from '../../../services/errors.ts';
import { cycleInspections } from '../../../services/inspection-booking.ts';
import { createCycle, cycleRevisions, getCycleState, type CycleState } from '../../../services/programme/cycles.ts';
import { canPlanInspections } from '../../../services/programme/permissions.ts';
import { calendarTable, exclusionRows, pinRows, regionView, shortDate, splitRows, unmetRows, yearRows } from '../../../presenters/programme-cycle.ts';
import { govukDateTime } from '../../../presenters/govuk-dates.ts';
import { actingUser } from '../../access.ts';
import type { AppEnv } from '../../auth.ts';
import { page } from '../../render.ts';
import { pathId, plan, revisionQuery, view, type C } from './common.ts';
import { formRoute, formState, status, titled, type Failure, type Values } from './form.ts';

export function cycleRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const newCyclePage = (c: C, failed?: Failure) => {
    const values: Values = failed?.values ?? {
      start: '',
      years: '3',
      teams: '3',
      capacity: '30',
      blackouts: DEFAULT_BLACKOUTS.map((b) => `${b.from} to ${b.to} ${b.label}`).join('\n'),
      returnWindowFrom: '12',
      returnWindowTo: '18',
      minimumWeeksBetween: '26',
      excludeNonGeographic: 'yes',
    };
    return page(
      c,
      'programme-cycle-new.njk',
      { title: titled('Plan a PDU inspection cycle', failed), activeNav: 'programme', section: 'cycles', ...formState(values, failed) },
      status(failed),
    );
  };
  routes.get('/programme/cycles/new', (c) => {
    plan(c);
    return newCyclePage(c);
  });
  routes.post(
    '/programme/cycles',
    formRoute({
      guard: plan,
      form: 'cycle',
      save: async (c, values) => {
        const input = { ...values, excludeNonGeographic: values.excludeNonGeographic === 'yes' ? 'yes' : 'no' };
        return `/programme/cycles/${(await createCycle(db, input, actingUser(c))).id}?changed=1`;
      },
      again: newCyclePage,
    }),
  );

  const yearQuery = (c: C, state: CycleState) => {
    const n = Number(c.req.query('year') ?? '1');
    return Number.isInteger(n) && n >= 1 && n <= state.shown.input.years ? n : 1;
  };

  routes.get('/programme/cycles/:id', async (c) => {
    const actor = view(c);
    const state = await getCycleState(db, pathId(c, 'id', 'a PDU cycle'), revisionQuery(c));
    const { input, plan: cyclePlan } = state.shown;
    const year = yearQuery(c, state);
    const isCurrent = state.shown.revision === state.current.revision;
    const canPlan = canPlanInspections(actor) && isCurrent;
    const revisions = await cycleRevisions(db, state.cycle.id);
    const base = `/programme/cycles/${state.cycle.id}`;
    const query = isCurrent ? '' : `&revision=${state.shown.revision}`;
    return page(c, 'programme-cycle.njk', {
      title: `${state.cycle.title}: year ${year}`,
      activeNav: 'programme',
      section: 'cycles',
      cycle: state.cycle,
      shown: state.shown,
      isCurrent,
      canPlan,
      changed: c.req.query('changed') === '1' && isCurrent ? state.current.change : null,
      year,
      yearNav: cyclePlan.years.map((y) => ({ text: `Year ${y.year}: ${shortDate(y.start)}`, href: `${base}?year=${y.year}${query}`, active: y.year === year })),
      unmet: unmetRows(cyclePlan),
      notes: cyclePlan.notes,
      calendar: calendarTable(state.cycle.id, input, cyclePlan, year, canPlan, isCurrent ? await cycleInspections(db, state.cycle.id, actor) : undefined),
      yearRows: yearRows(cyclePlan),
      splitHead: [{ text: 'Region' }, ...cyclePlan.years.map((y) => ({ text: `Year ${y.year}`, format: 'numeric' }))],
      splitRows: splitRows(state.cycle.id, cyclePlan),
      pins: pinRows(input),
      exclusions: exclusionRows(input),
      settings: [
        { key: { text: 'Start' }, value: { text: shortDate(input.start) } },
        { key: { text: 'Years' }, value: { text: String(input.years) } },
        { key: { text: 'Teams' }, value: { text: input.teams.join(', ') } },
        { key: { text: 'PDU inspections a year' }, value: { text: typeof input.capacityPerYear === 'number' ? String(input.capacityPerYear) : input.capacityPerYear.join(', ') } },
        { key: { text: 'Blackouts' }, value: { text: (input.blackouts ?? DEFAULT_BLACKOUTS).map((b) => `${b.label} (${b.from} to ${b.to})`).join('; ') || 'None' } },
        { key: { text: 'Return after Inadequate' }, value: { text: `${input.returnWindowMonths?.from ?? 12} to ${input.returnWindowMonths?.to ?? 18} months after the rating, at least ${input.minimumWeeksBetweenInspections ?? 26} weeks from the cycle inspection` } },
      ],
      revisionRows: revisions.map((r) => [
        { html: r.revision === state.shown.revision ? `<strong>${r.revision}</strong>` : `<a class="govuk-link" href="${base}?revision=${r.revision}&year=${year}">${r.revision}<span class="govuk-visually-hidden">: view this revision</span></a>`, format: 'numeric' },
        { text: r.change },
        { text: r.createdBy },
        { text: govukDateTime(r.createdAt) },
      ]),
    });
  });

  routes.get('/programme/cycles/:id/regions/:region', async (c) => {
    view(c);
    const state = await getCycleState(db, pathId(c, 'id', 'a PDU cycle'), revisionQuery(c));
    const region = c.req.param('region');
    if (!state.shown.input.regions.includes(region)) throw new AppError('not-found', `There is no region "${region}" in this cycle`);
    return page(c, 'programme-region.njk', {
      title: `${region}: ${state.cycle.title}`,
      activeNav: 'programme',
      section: 'cycles',
      cycle: state.cycle,
      region,
      ...regionView(state.shown.input, state.shown.plan, region, state.shown.organisationIds),
    });
  });

  return routes;
}
