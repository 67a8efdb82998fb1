// The inspection programme's pages and JSON API: the registry of services, PDU cycle plans (the
// calendar by week and team, regions, moving and pinning), youth justice selections, programme
// years with their thematic and research topics, and the consultation (HTML and PDF) with its
// questions and responses. Programme managers and administrators plan; analysts and inspectors
// read; administrators change the registry's facts.
import { Hono, type Context } from 'hono';
import { AppError } from '../../services/errors.ts';
import { consultationPdf } from '../../services/programme/consultation-pdf.ts';
import {
  consultationDocument,
  consultationResponses,
  numberedQuestions,
  recordResponse,
  removeQuestion,
  saveQuestion,
  SECTION_NAMES,
  SECTIONS,
} from '../../services/programme/consultation.ts';
import {
  addExclusion,
  bookingId,
  createCycle,
  cycleRevisions,
  getCycleState,
  listCycleSummaries,
  pinBooking,
  removeExclusion,
  settingsOf,
  unpinBooking,
  updateCycleSettings,
  type CycleState,
} from '../../services/programme/cycles.ts';
import { isRealDate } from '../../services/programme/dates.ts';
import { cycleInspections } from '../../services/inspection-booking.ts';
import { ProgrammeFieldError } from '../../services/programme/errors.ts';
import { canEditRegistry, canPlanInspections, canViewProgramme } from '../../services/programme/permissions.ts';
import {
  cancelScheduledRename,
  correctInspectionResult,
  getServiceRecord,
  listRegistry,
  planningYouthServices,
  recordInspectionResult,
  renameService,
  requireRecordedResult,
  resultFormValues,
  updateIntelligence,
  withdrawInspectionResult,
  type ServiceRecord,
} from '../../services/programme/registry.ts';
import { RATINGS } from '../../domain/programme/inspection-history.ts';
import { registryJson, serviceRecordJson } from '../../presenters/registry-json.ts';
import {
  createProgrammeYear,
  listYears,
  removeTopic,
  requireProgrammeYear,
  requireTopic,
  saveTopic,
  topicFromForm,
  updateYearSettings,
  yearTopics,
} from '../../services/programme/years.ts';
import { getStoredSelection, listStoredSelections, makeYouthSelection, newSeed, repeatsExactly, youthScores } from '../../services/programme/youth.ts';
import { listCycleRevisions, listYouthSelections, type Db } from '../../db/repositories/index.ts';
import { DEFAULT_BLACKOUTS } from '../../domain/programme/calendar.ts';
import { TOPIC_KIND_NAMES, TOPIC_KINDS } from '../../domain/programme/programme-words.ts';
import { checkPlan } from '../../domain/programme/cycle-check.ts';
import { scoreYouthServices } from '../../domain/programme/youth-risk.ts';
import {
  bookingLabel,
  calendarTable,
  exclusionRows,
  KIND_NAMES,
  pinRows,
  regionView,
  shortDate,
  splitRows,
  unmetRows,
  weekItems,
  yearRows,
} from '../../presenters/programme-cycle.ts';
import {
  documentBlocks,
  factorRows,
  inspectionRows,
  nameRows,
  pduRegistryRows,
  percentText,
  responseGroups,
  scoreHead,
  scoreRows,
  scoreSelects,
  selectedRows,
  selectionCounts,
  topicPartsRows,
  topicRows,
  youthRegistryRows,
} from '../../presenters/programme-pages.ts';
import { govukDate, govukDateTime } from '../../presenters/govuk-dates.ts';
import { requirePermission, actingUser } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { withFlash } from '../flash.ts';
import { dateInputItems, readDateInput } from '../../presenters/date-input.ts';
import { fieldErrors, type FormError } from '../form-errors.ts';
import { escapeHtml as escape, page } from '../render.ts';

type C = Context<AppEnv>;
type Values = Record<string, string>;
interface Failure {
  form: string;
  values: Values;
  errors: FormError[];
}

const view = (c: C) => requirePermission(c, canViewProgramme);
const plan = (c: C) => requirePermission(c, canPlanInspections);
const today = () => new Date().toISOString().slice(0, 10);

/** The next 1 April on or after today: the start of the coming programme year. */
const nextProgrammeYearStart = () => {
  const now = today();
  const april = `${now.slice(0, 4)}-04-01`;
  return april >= now ? april : `${Number(now.slice(0, 4)) + 1}-04-01`;
};

function numParam(c: C, name: string, what: string): number {
  const raw = c.req.param(name) ?? '';
  const n = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || n < 1) throw new AppError('not-found', `"${raw}" is not ${what}`);
  return n;
}

async function formBody(c: C): Promise<Values> {
  const body = await c.req.parseBody();
  const values: Values = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
  return values;
}

/** The programme forms' dates, each a GOV.UK date input (NAME-day, NAME-month, NAME-year), named as in messages. */
const DATE_LABELS: Record<string, string> = {
  receivedOn: 'the date received',
  caseloadAsOf: 'the date of the caseload figure',
  effectiveFrom: 'the date the new name takes effect',
  published: 'the date the report was published',
  fieldwork: 'the date fieldwork started',
};
const DATE_PARTS = ['day', 'month', 'year'] as const;

/** Reads each date input typed into its YYYY-MM-DD value (a date with no part typed is left as sent, or empty); the problems in GOV.UK's words. */
function readDates(values: Values): FormError[] {
  const errors: FormError[] = [];
  for (const [name, label] of Object.entries(DATE_LABELS)) {
    if (!DATE_PARTS.some((p) => `${name}-${p}` in values)) continue;
    if (!DATE_PARTS.some((p) => (values[`${name}-${p}`] ?? '').trim())) values[name] = '';
    else {
      const date = readDateInput(values, name, label);
      if (date.ok) values[name] = date.date;
      else errors.push({ href: date.href, text: date.message });
    }
  }
  return errors;
}

/** Field id → its error, a date's under its name too (the date input's errorMessage). */
const formFieldErrors = (errors: FormError[]) => ({
  ...fieldErrors(errors),
  ...Object.fromEntries(errors.flatMap((e) => DATE_PARTS.flatMap((p) => (e.href.endsWith(`-${p}`) && e.href.slice(1, -p.length - 1) in DATE_LABELS ? [[e.href.slice(1, -p.length - 1), { text: e.text }]] : [])))),
});

/** Each date input's items: the parts typed, or those of the YYYY-MM-DD value; the parts in error marked. */
const dateItemsOf = (values: Values, errors: FormError[]) =>
  Object.fromEntries(
    Object.keys(DATE_LABELS).map((name) => [
      name,
      dateInputItems(values, name, isRealDate(values[name] ?? '') ? values[name] : undefined, errors.flatMap((e) => DATE_PARTS.filter((p) => e.href === `#${name}-${p}`))),
    ]),
  );

/** Runs a write; a ProgrammeFieldError re-renders the form with every problem linked to its field. */
async function attempt(form: string, values: Values, write: () => Promise<Response>, render: (failed: Failure) => Response | Promise<Response>): Promise<Response> {
  const dateErrors = readDates(values);
  if (dateErrors.length) return render({ form, values, errors: dateErrors });
  try {
    return await write();
  } catch (e) {
    // A date's problem links to its first part.
    if (e instanceof ProgrammeFieldError) return render({ form, values, errors: e.fields.map((f) => ({ href: `#${f.field}${f.field in DATE_LABELS ? '-day' : ''}`, text: f.message })) });
    throw e;
  }
}

const failedFor = (failed: Failure | undefined, form: string) => (failed?.form === form ? failed : undefined);
const errorsOf = (failed: Failure | undefined) => failed?.errors ?? [];
const status = (failed: Failure | undefined) => (failed ? 400 : 200);
const titled = (title: string, failed: Failure | undefined) => (failed ? `Error: ${title}` : title);

/** The rating scale as radios and the service's inspections in the app as a select, for the inspection result form. */
const resultChoices = (record: ServiceRecord, values: Values) => ({
  ratingItems: RATINGS.map((r) => ({ value: r, text: r, checked: values.overallRating === r })),
  inspectionItems: record.inspectionsInApp.length
    ? [
        { value: '', text: 'None: not an inspection in Inspectorate' },
        ...record.inspectionsInApp.map((i) => ({ value: String(i.id), text: `${i.title} (fieldwork from ${shortDate(i.fieldworkStart)})`, selected: values.inspectionId === String(i.id) })),
      ]
    : [],
});

export function programmeRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  // ---- Overview ---------------------------------------------------------------------------
  routes.get('/programme', async (c) => {
    const actor = view(c);
    const [cycles, selections, years] = await Promise.all([listCycleSummaries(db), listYouthSelections(db), listYears(db)]);
    return page(c, 'programme-index.njk', {
      title: 'Inspection programme',
      activeNav: 'programme',
      section: 'overview',
      canPlan: canPlanInspections(actor),
      cycleRows: cycles.map((s) => [
        { html: `<a class="govuk-link" href="/programme/cycles/${s.cycle.id}">${escape(s.cycle.title)}</a>` },
        { text: `${shortDate(s.start)}, ${s.years} years` },
        { text: String(s.teams), format: 'numeric' },
        { text: String(s.bookings), format: 'numeric' },
        { text: s.unmet ? `${s.unmet} not met` : 'All met' },
        { text: `${s.cycle.revision}` , format: 'numeric' },
      ]),
      selectionRows: selections.map((s) => [
        { html: `<a class="govuk-link" href="/programme/youth/selections/${s.id}">${escape(s.title)}</a>` },
        { text: shortDate(s.asOf) },
        { text: String(s.seed), format: 'numeric' },
        { text: String((s.result as { selected: unknown[] }).selected.length), format: 'numeric' },
      ]),
      yearRows: years.map((y) => [
        { html: `<a class="govuk-link" href="/programme/years/${y.id}">${escape(y.label)}</a>` },
        { text: shortDate(y.startsOn) },
        { text: `${y.fieldworkSlots} fieldwork, ${y.desktopSlots} desktop, ${y.researchSlots} research` },
        { html: `<a class="govuk-link" href="/programme/years/${y.id}/consultation">Consultation<span class="govuk-visually-hidden"> on ${escape(y.label)}</span></a>` },
      ]),
    });
  });

  // ---- PDU cycles -------------------------------------------------------------------------
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
      { title: titled('Plan a PDU inspection cycle', failed), activeNav: 'programme', section: 'cycles', values, errors: errorsOf(failed), fieldErrors: fieldErrors(errorsOf(failed)) },
      status(failed),
    );
  };
  routes.get('/programme/cycles/new', (c) => {
    plan(c);
    return newCyclePage(c);
  });
  routes.post('/programme/cycles', async (c) => {
    plan(c);
    const values = await formBody(c);
    const input = { ...values, excludeNonGeographic: values.excludeNonGeographic === 'yes' ? 'yes' : 'no' };
    return attempt(
      'cycle',
      values,
      async () => c.redirect(`/programme/cycles/${(await createCycle(db, input, actingUser(c))).id}?changed=1`, 303),
      (failed) => newCyclePage(c, failed),
    );
  });

  const yearQuery = (c: C, state: CycleState) => {
    const n = Number(c.req.query('year') ?? '1');
    return Number.isInteger(n) && n >= 1 && n <= state.shown.input.years ? n : 1;
  };
  const revisionQuery = (c: C) => {
    const r = c.req.query('revision');
    if (r === undefined) return undefined;
    if (!/^\d{1,9}$/.test(r)) throw new AppError('not-found', `"${r}" is not a revision`);
    return Number(r);
  };

  routes.get('/programme/cycles/:id', async (c) => {
    const actor = view(c);
    const state = await getCycleState(db, numParam(c, 'id', 'a PDU cycle'), revisionQuery(c));
    const { input, plan: cyclePlan } = state.shown;
    const year = yearQuery(c, state);
    const isCurrent = state.shown.revision === state.current.revision;
    const canPlan = canPlanInspections(actor) && isCurrent;
    const revisions = await listCycleRevisions(db, state.cycle.id);
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
    const state = await getCycleState(db, numParam(c, 'id', 'a PDU cycle'), revisionQuery(c));
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

  const movePage = async (c: C, failed?: Failure) => {
    const state = await getCycleState(db, numParam(c, 'id', 'a PDU cycle'));
    const key = failed?.values.booking ?? c.req.query('booking') ?? '';
    const booking = state.current.plan.bookings.find((b) => bookingId(b) === key);
    if (!booking) throw new AppError('not-found', `There is no booking "${key}" in the current plan`);
    const values = failed?.values ?? { week: booking.week, team: booking.team ?? '' };
    const errors = errorsOf(failed);
    return page(
      c,
      'programme-move.njk',
      {
        title: titled(`Move or pin: ${bookingLabel(booking)}`, failed),
        activeNav: 'programme',
        section: 'cycles',
        cycle: state.cycle,
        revision: state.current.revision,
        booking,
        bookingKey: key,
        now: shortDate(booking.week),
        label: bookingLabel(booking),
        kindName: KIND_NAMES[booking.kind],
        errors,
        weekSelect: { id: 'week', name: 'week', label: { text: 'Week beginning', classes: 'govuk-label--s' }, items: weekItems(state.current.input, values.week ?? booking.week), errorMessage: fieldErrors(errors).week },
        teamSelect: {
          id: 'team',
          name: 'team',
          label: { text: 'Team', classes: 'govuk-label--s' },
          hint: { text: 'Leave it to the planner, or fix a team' },
          items: [{ value: '', text: 'Any free team' }, ...state.current.input.teams.map((t) => ({ value: t, text: t, selected: values.team === t }))],
          errorMessage: fieldErrors(errors).team,
        },
        year: booking.year,
      },
      status(failed),
    );
  };
  routes.get('/programme/cycles/:id/move', (c) => {
    plan(c);
    return movePage(c);
  });
  routes.post('/programme/cycles/:id/pins', async (c) => {
    plan(c);
    const id = numParam(c, 'id', 'a PDU cycle');
    const values = await formBody(c);
    return attempt(
      'move',
      values,
      async () => {
        await pinBooking(db, id, values, actingUser(c));
        const year = (await getCycleState(db, id)).current.plan.years.find((y) => y.start <= values.week! && values.week! < y.end)?.year ?? 1;
        return c.redirect(`/programme/cycles/${id}?year=${year}&changed=1`, 303);
      },
      (failed) => movePage(c, failed),
    );
  });
  routes.post('/programme/cycles/:id/unpin', async (c) => {
    plan(c);
    const id = numParam(c, 'id', 'a PDU cycle');
    const values = await formBody(c);
    const state = await getCycleState(db, id);
    const booking = state.current.plan.bookings.find((b) => bookingId(b) === values.booking);
    if (!booking) throw new AppError('not-found', `There is no booking "${values.booking ?? ''}" in the current plan`);
    // Unpinning what is not pinned (a repeated form) changes nothing.
    if (booking.pinned) await unpinBooking(db, id, values, actingUser(c));
    return c.redirect(`/programme/cycles/${id}?year=${booking.year}${booking.pinned ? '&changed=1' : ''}`, 303);
  });

  const settingsPage = async (c: C, failed?: Failure) => {
    const state = await getCycleState(db, numParam(c, 'id', 'a PDU cycle'));
    const { input } = state.current;
    const settingsFailed = failedFor(failed, 'settings');
    const exclusionFailed = failedFor(failed, 'exclusion');
    const values = settingsFailed?.values ?? { ...settingsOf(input, state.cycle.title), refreshRegistry: 'no' };
    const exclusionValues = exclusionFailed?.values ?? { subject: 'team' };
    return page(
      c,
      'programme-cycle-settings.njk',
      {
        title: titled(`Planning inputs: ${state.cycle.title}`, failed),
        activeNav: 'programme',
        section: 'cycles',
        cycle: state.cycle,
        revision: state.current.revision,
        values,
        exclusionValues,
        errors: errorsOf(failed),
        fieldErrors: fieldErrors(errorsOf(settingsFailed)),
        exclusionErrors: fieldErrors(errorsOf(exclusionFailed)),
        exclusions: exclusionRows(input),
        pins: pinRows(input),
        pduItems: [{ value: '', text: 'Select a PDU' }, ...[...input.pdus].sort((a, b) => (a.name < b.name ? -1 : 1)).map((p) => ({ value: p.name, text: `${p.name} (${p.region})`, selected: exclusionValues.pdu === p.name }))],
        teamItems: [{ value: '', text: 'Select a team' }, ...input.teams.map((t) => ({ value: t, text: t, selected: exclusionValues.team === t }))],
      },
      status(failed),
    );
  };
  routes.get('/programme/cycles/:id/settings', (c) => {
    plan(c);
    return settingsPage(c);
  });
  /** A change made on the cycle's settings page: re-plans, then back to the calendar (or the page with the problem). */
  const settingsChange = (field: string, change: (id: number, values: Record<string, string>, actor: string) => Promise<unknown>) => async (c: Context<AppEnv>) => {
    plan(c);
    const id = numParam(c, 'id', 'a PDU cycle');
    const values = await formBody(c);
    return attempt(
      field,
      values,
      async () => {
        await change(id, values, actingUser(c));
        return c.redirect(`/programme/cycles/${id}?changed=1`, 303);
      },
      (failed) => settingsPage(c, failed),
    );
  };
  routes.post(
    '/programme/cycles/:id/settings',
    settingsChange('settings', (id, values, actor) =>
      updateCycleSettings(db, id, { ...values, refreshRegistry: values.refreshRegistry === 'yes' ? 'yes' : 'no', excludeNonGeographic: 'no' }, actor),
    ),
  );
  routes.post('/programme/cycles/:id/exclusions', settingsChange('exclusion', (id, values, actor) => addExclusion(db, id, values, actor)));
  routes.post('/programme/cycles/:id/exclusions/remove', settingsChange('exclusion', (id, values, actor) => removeExclusion(db, id, values, actor)));

  // ---- Registry ---------------------------------------------------------------------------
  routes.get('/programme/services', async (c) => {
    view(c);
    const registry = await listRegistry(db);
    return page(c, 'programme-services.njk', {
      title: 'Registry of services',
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
    const id = numParam(c, 'id', 'a service');
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
      const asOf = today();
      // getServiceRecord has applied the renames due.
      const { services } = await planningYouthServices(db, asOf, { renamesApplied: true });
      const found = scoreYouthServices(services, asOf).find((s) => s.service === org.name);
      if (found) [score, scoreTotal] = [factorRows(found), `${(Math.round(found.score * 10) / 10).toFixed(1)} as of ${shortDate(asOf)}`];
      const knownAs = new Set([org.name, ...record.names.map((n) => n.name)]);
      for (const s of await listStoredSelections(db)) {
        const chosen = s.result.selected.find((x) => knownAs.has(x.service));
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
        errors: errorsOf(failed),
        summary: [
          { key: { text: 'Kind' }, value: { text: org.kind === 'pdu' ? 'Probation delivery unit (PDU)' : org.kind === 'youth-service' ? 'Youth justice service' : 'Probation region' } },
          ...(record.regionName ? [{ key: { text: 'Region' }, value: { text: record.regionName } }] : []),
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
        nameRows: nameRows(org.name, record.names, today()),
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
  routes.post('/programme/services/:id/name', async (c) => {
    requirePermission(c, canEditRegistry);
    const id = numParam(c, 'id', 'a service');
    const values = await formBody(c);
    return attempt(
      'rename',
      values,
      async () => {
        await renameService(db, id, values, actingUser(c));
        return c.redirect(withFlash(`/programme/services/${id}`, 'rename-saved'), 303);
      },
      (failed) => servicePage(c, { ...failed, errors: failed.errors.map((e) => (e.href === '#note' ? { ...e, href: '#rename-note' } : e)) }),
    );
  });
  routes.post('/programme/services/:id/name/cancel', async (c) => {
    requirePermission(c, canEditRegistry);
    const id = numParam(c, 'id', 'a service');
    await cancelScheduledRename(db, id, actingUser(c));
    return c.redirect(withFlash(`/programme/services/${id}`, 'rename-cancelled'), 303);
  });
  routes.post('/programme/services/:id/inspections', async (c) => {
    requirePermission(c, canEditRegistry);
    const id = numParam(c, 'id', 'a service');
    const values = await formBody(c);
    return attempt(
      'result',
      values,
      async () => {
        await recordInspectionResult(db, id, values, actingUser(c));
        return c.redirect(withFlash(`/programme/services/${id}#inspections`, 'result-saved'), 303);
      },
      (failed) => servicePage(c, failed),
    );
  });

  /** A recorded inspection result: correct it, or withdraw it. */
  const resultPage = async (c: C, failed?: Failure) => {
    requirePermission(c, canEditRegistry);
    const id = numParam(c, 'id', 'a service');
    const result = await requireRecordedResult(db, id, numParam(c, 'resultId', 'a recorded inspection result'));
    const record = await getServiceRecord(db, id);
    const correctFailed = failedFor(failed, 'result');
    const values = correctFailed?.values ?? resultFormValues(result);
    return page(
      c,
      'programme-service-result.njk',
      {
        title: titled(`Inspection result published ${shortDate(result.publishedOn)}: ${record.organisation.name}`, failed),
        activeNav: 'programme',
        section: 'services',
        org: record.organisation,
        result,
        recorded: `${govukDate(result.recordedAt)} by ${result.recordedBy}${result.updatedBy && result.updatedAt ? `; corrected ${govukDate(result.updatedAt)} by ${result.updatedBy}` : ''}`,
        errors: errorsOf(failed),
        resultValues: values,
        resultErrors: formFieldErrors(errorsOf(correctFailed)),
        resultDates: dateItemsOf(values, errorsOf(correctFailed)),
        withdrawValues: failedFor(failed, 'withdraw')?.values ?? { reason: '' },
        withdrawErrors: fieldErrors(errorsOf(failedFor(failed, 'withdraw'))),
        ...resultChoices(record, values),
      },
      status(failed),
    );
  };
  routes.get('/programme/services/:id/inspections/:resultId', (c) => resultPage(c));
  routes.post('/programme/services/:id/inspections/:resultId', async (c) => {
    requirePermission(c, canEditRegistry);
    const id = numParam(c, 'id', 'a service');
    const resultId = numParam(c, 'resultId', 'a recorded inspection result');
    const values = await formBody(c);
    return attempt(
      'result',
      values,
      async () => {
        await correctInspectionResult(db, id, resultId, values, actingUser(c));
        return c.redirect(withFlash(`/programme/services/${id}#inspections`, 'result-saved'), 303);
      },
      (failed) => resultPage(c, failed),
    );
  });
  routes.post('/programme/services/:id/inspections/:resultId/withdraw', async (c) => {
    requirePermission(c, canEditRegistry);
    const id = numParam(c, 'id', 'a service');
    const resultId = numParam(c, 'resultId', 'a recorded inspection result');
    const values = await formBody(c);
    return attempt(
      'withdraw',
      values,
      async () => {
        await withdrawInspectionResult(db, id, resultId, values, actingUser(c));
        return c.redirect(withFlash(`/programme/services/${id}#inspections`, 'result-withdrawn'), 303);
      },
      (failed) => resultPage(c, failed),
    );
  });
  routes.post('/programme/services/:id/intelligence', async (c) => {
    requirePermission(c, canEditRegistry);
    const id = numParam(c, 'id', 'a service');
    const values = await formBody(c);
    return attempt(
      'intelligence',
      values,
      async () => {
        await updateIntelligence(db, id, values, actingUser(c));
        return c.redirect(withFlash(`/programme/services/${id}`, 'intelligence-saved'), 303);
      },
      (failed) => servicePage(c, failed),
    );
  });

  // ---- Youth justice services ---------------------------------------------------------------
  const youthPage = async (c: C, failed?: Failure) => {
    const actor = view(c);
    const asOfQuery = c.req.query('asOf');
    const asOf = asOfQuery && isRealDate(asOfQuery) ? asOfQuery : nextProgrammeYearStart();
    const [{ services, organisationIds }, stored] = await Promise.all([planningYouthServices(db), listStoredSelections(db)]);
    const scores = await youthScores(db, asOf, services);
    const values = failed?.values ?? { title: '', asOf, targeted: '10', random: '5', seed: String(newSeed()), capacity: '33', joint: '' };
    const errors = errorsOf(failed);
    return page(
      c,
      'programme-youth.njk',
      {
        title: titled('Youth justice services: risk and selection', failed),
        activeNav: 'programme',
        section: 'youth',
        canPlan: canPlanInspections(actor),
        asOf,
        asOfText: shortDate(asOf),
        scoreHead: scoreHead(),
        scoreRows: scoreRows(scores, organisationIds),
        count: scores.length,
        values,
        errors,
        fieldErrors: fieldErrors(errors),
        storedRows: stored.map((s) => [
          { html: `<a class="govuk-link" href="/programme/youth/selections/${s.id}">${escape(s.title)}</a>` },
          { text: shortDate(s.asOf) },
          { text: String(s.seed), format: 'numeric' },
          { text: String(s.result.selected.length), format: 'numeric' },
          { text: `${s.createdBy}, ${govukDate(s.createdAt)}` },
        ]),
      },
      status(failed),
    );
  };
  routes.get('/programme/youth', (c) => youthPage(c));
  routes.post('/programme/youth/selections', async (c) => {
    plan(c);
    const values = await formBody(c);
    return attempt(
      'selection',
      values,
      async () => c.redirect(`/programme/youth/selections/${(await makeYouthSelection(db, values, actingUser(c))).id}`, 303),
      (failed) => youthPage(c, failed),
    );
  });
  routes.get('/programme/youth/selections/:id', async (c) => {
    view(c);
    const selection = await getStoredSelection(db, numParam(c, 'id', 'a youth selection'));
    const { organisationIds } = await planningYouthServices(db);
    const { result, input } = selection;
    return page(c, 'programme-youth-selection.njk', {
      title: selection.title,
      activeNav: 'programme',
      section: 'youth',
      selection,
      counts: selectionCounts(result),
      summary: [
        { key: { text: 'Programme year from' }, value: { text: shortDate(input.asOf) } },
        { key: { text: 'Targeted (highest risk scores)' }, value: { text: String(input.targeted) } },
        { key: { text: 'At random' }, value: { text: String(input.random) } },
        { key: { text: 'Seed of the random draw' }, value: { text: String(input.seed) } },
        { key: { text: 'Inspections the year can take' }, value: { text: input.capacity === undefined ? 'Not given' : String(input.capacity) } },
        { key: { text: 'Services considered' }, value: { text: String(input.services.length) } },
        { key: { text: 'Made by' }, value: { text: `${selection.createdBy}, ${govukDateTime(selection.createdAt)}` } },
      ],
      repeats: repeatsExactly(selection),
      rows: selectedRows(result, organisationIds),
      notYetDue: result.notYetDue.map((n) => [{ text: n.service }, { text: shortDate(n.dueFrom) }, { text: n.reason }]),
      notes: result.notes,
    });
  });

  // ---- Programme years and topics -------------------------------------------------------------
  const cycleItems = async (selected: string) => [
    { value: '', text: 'None yet' },
    ...(await listCycleSummaries(db)).map((s) => ({ value: String(s.cycle.id), text: `${s.cycle.title} (cycle ${s.cycle.id})`, selected: selected === String(s.cycle.id) })),
  ];
  const selectionItems = async (selected: string) => [
    { value: '', text: 'None yet' },
    ...(await listYouthSelections(db)).map((s) => ({ value: String(s.id), text: `${s.title} (selection ${s.id})`, selected: selected === String(s.id) })),
  ];

  const newYearPage = async (c: C, failed?: Failure) => {
    const start = nextProgrammeYearStart();
    const values = failed?.values ?? { label: `${start.slice(0, 4)}/${String((Number(start.slice(0, 4)) + 1) % 100).padStart(2, '0')}`, startsOn: start, fieldworkSlots: '5', desktopSlots: '1', researchSlots: '2', cycleId: '', cycleYear: '', youthSelectionId: '', consultationCloses: '' };
    return page(
      c,
      'programme-year-new.njk',
      {
        title: titled('Start a programme year', failed),
        activeNav: 'programme',
        section: 'years',
        values,
        errors: errorsOf(failed),
        fieldErrors: fieldErrors(errorsOf(failed)),
        cycleItems: await cycleItems(values.cycleId ?? ''),
        selectionItems: await selectionItems(values.youthSelectionId ?? ''),
      },
      status(failed),
    );
  };
  routes.get('/programme/years/new', (c) => {
    plan(c);
    return newYearPage(c);
  });
  routes.post('/programme/years', async (c) => {
    plan(c);
    const values = await formBody(c);
    return attempt(
      'year',
      values,
      async () => c.redirect(`/programme/years/${await createProgrammeYear(db, values, actingUser(c))}`, 303),
      (failed) => newYearPage(c, failed),
    );
  });

  const yearPage = async (c: C, failed?: Failure) => {
    const actor = view(c);
    const { year, ranked, plan: topicPlan } = await yearTopics(db, numParam(c, 'id', 'a programme year'));
    const values = failed?.values ?? {
      fieldworkSlots: String(year.fieldworkSlots),
      desktopSlots: String(year.desktopSlots),
      researchSlots: String(year.researchSlots),
      cycleId: year.cycleId?.toString() ?? '',
      cycleYear: year.cycleYear?.toString() ?? '',
      youthSelectionId: year.youthSelectionId?.toString() ?? '',
      consultationCloses: year.consultationCloses ?? '',
    };
    const canPlan = canPlanInspections(actor);
    return page(
      c,
      'programme-year.njk',
      {
        title: titled(`Programme year ${year.label}`, failed),
        activeNav: 'programme',
        section: 'years',
        year,
        canPlan,
        thematicRows: topicRows(year.id, ranked.filter((t) => t.kind === 'thematic'), canPlan),
        researchRows: topicRows(year.id, ranked.filter((t) => t.kind === 'research'), canPlan),
        used: topicPlan.used,
        resource: topicPlan.resource,
        values,
        errors: errorsOf(failed),
        fieldErrors: fieldErrors(errorsOf(failed)),
        cycleItems: await cycleItems(values.cycleId ?? ''),
        selectionItems: await selectionItems(values.youthSelectionId ?? ''),
      },
      status(failed),
    );
  };
  routes.get('/programme/years/:id', (c) => yearPage(c));
  routes.post('/programme/years/:id/settings', async (c) => {
    plan(c);
    const id = numParam(c, 'id', 'a programme year');
    const values = await formBody(c);
    return attempt(
      'settings',
      values,
      async () => {
        await updateYearSettings(db, id, values, actingUser(c));
        return c.redirect(withFlash(`/programme/years/${id}`, 'year-saved'), 303);
      },
      (failed) => yearPage(c, failed),
    );
  });

  const topicPage = async (c: C, topicId: number | null, failed?: Failure) => {
    plan(c);
    const yearId = numParam(c, 'id', 'a programme year');
    const { year, ranked } = await yearTopics(db, yearId);
    const topic = topicId === null ? undefined : await requireTopic(db, yearId, topicId);
    const result = ranked.find((t) => t.topic.id === topicId);
    const values: Values = failed?.values ?? {
      title: topic?.title ?? '',
      kind: topic?.slot ?? '',
      size: String(topic?.size ?? 1),
      committed: topic?.committed ? 'yes' : 'no',
      jointWith: topic?.jointWith ?? '',
      summary: topic?.summary ?? '',
      ...Object.fromEntries(Object.entries(topic?.scores ?? {}).map(([k, v]) => [`score-${k}`, String(v)])),
    };
    const errors = errorsOf(failed);
    const fe = fieldErrors(errors);
    return page(
      c,
      'programme-topic.njk',
      {
        title: titled(topic ? `Change topic: ${topic.title}` : 'Add a topic', failed),
        activeNav: 'programme',
        section: 'years',
        year,
        topic,
        result: result && { ...result, partsRows: topicPartsRows(result) },
        action: topic ? `/programme/years/${year.id}/topics/${topic.id}` : `/programme/years/${year.id}/topics`,
        values,
        errors,
        fieldErrors: fe,
        kindItems: TOPIC_KINDS.map((k) => ({ value: k, text: TOPIC_KIND_NAMES[k], checked: values.kind === k })),
        thematicScores: scoreSelects('fieldwork', values, fe),
        researchScores: scoreSelects('research', values, fe),
      },
      status(failed),
    );
  };
  routes.get('/programme/years/:id/topics/new', (c) => topicPage(c, null));
  routes.post('/programme/years/:id/topics', async (c) => {
    plan(c);
    const yearId = numParam(c, 'id', 'a programme year');
    const values = await formBody(c);
    return attempt(
      'topic',
      values,
      async () => {
        await saveTopic(db, yearId, null, topicFromForm(values), actingUser(c));
        return c.redirect(withFlash(`/programme/years/${yearId}`, 'topic-saved'), 303);
      },
      (failed) => topicPage(c, null, failed),
    );
  });
  routes.get('/programme/years/:id/topics/:topicId', (c) => topicPage(c, numParam(c, 'topicId', 'a topic')));
  routes.post('/programme/years/:id/topics/:topicId', async (c) => {
    plan(c);
    const yearId = numParam(c, 'id', 'a programme year');
    const topicId = numParam(c, 'topicId', 'a topic');
    const values = await formBody(c);
    return attempt(
      'topic',
      values,
      async () => {
        await saveTopic(db, yearId, topicId, topicFromForm(values), actingUser(c));
        return c.redirect(withFlash(`/programme/years/${yearId}`, 'topic-saved'), 303);
      },
      (failed) => topicPage(c, topicId, failed),
    );
  });
  routes.post('/programme/years/:id/topics/:topicId/remove', async (c) => {
    plan(c);
    const yearId = numParam(c, 'id', 'a programme year');
    await removeTopic(db, yearId, numParam(c, 'topicId', 'a topic'), actingUser(c));
    return c.redirect(withFlash(`/programme/years/${yearId}`, 'topic-removed'), 303);
  });

  // ---- The consultation ---------------------------------------------------------------------
  routes.get('/programme/years/:id/consultation', async (c) => {
    const actor = view(c);
    const doc = await consultationDocument(db, numParam(c, 'id', 'a programme year'));
    const { responses } = await consultationResponses(db, doc.year.id);
    return page(c, 'programme-consultation.njk', {
      title: doc.title,
      activeNav: 'programme',
      section: 'years',
      doc,
      sections: doc.sections.map((s) => ({ heading: s.heading, blocks: documentBlocks(s.blocks).map((b) => (b.type === 'question' ? { ...b, guidance: documentBlocks(b.guidance) } : b)) })),
      year: doc.year,
      canPlan: canPlanInspections(actor),
      responseCount: responses.length,
    });
  });
  routes.get('/programme/years/:id/consultation.pdf', async (c) => {
    view(c);
    const doc = await consultationDocument(db, numParam(c, 'id', 'a programme year'));
    const pdf = await consultationPdf(doc);
    c.header('Content-Disposition', `attachment; filename="consultation-${doc.year.label.replace('/', '-')}.pdf"`);
    return c.body(new Uint8Array(pdf), 200, { 'Content-Type': 'application/pdf' });
  });

  const questionsPage = async (c: C, failed?: Failure) => {
    plan(c);
    const year = await requireProgrammeYear(db, numParam(c, 'id', 'a programme year'));
    const { questions, responses } = await consultationResponses(db, year.id);
    const errors = errorsOf(failed);
    const sectionItems = (selected: string) => SECTIONS.map((s) => ({ value: s, text: SECTION_NAMES[s], selected: s === selected }));
    const editing = failed?.form.startsWith('question-') ? Number(failed.form.slice(9)) : null;
    return page(
      c,
      'programme-questions.njk',
      {
        title: titled(`Consultation questions: ${year.label}`, failed),
        activeNav: 'programme',
        section: 'years',
        year,
        errors,
        questions: numberedQuestions(questions).map((q) => {
          const values = editing === q.id ? failed!.values : { section: q.section, text: q.text, guidance: q.guidance ?? '' };
          const fe = editing === q.id ? fieldErrors(errors) : {};
          return {
            ...q,
            responses: responses.filter((r) => r.questionId === q.id).length,
            sectionSelect: { id: `section-${q.id}`, name: 'section', label: { text: 'Section' }, items: sectionItems(values.section ?? q.section), errorMessage: fe.section },
            textArea: { id: editing === q.id ? 'text' : `text-${q.id}`, name: 'text', label: { text: 'Question', classes: 'govuk-label--s' }, value: values.text, rows: 3, errorMessage: fe.text },
            guidanceArea: {
              id: `guidance-${q.id}`,
              name: 'guidance',
              label: { text: 'What respondents are asked to cover (optional)' },
              hint: { text: 'A line of text, then one point a line starting with "- "' },
              value: values.guidance,
              rows: 5,
              errorMessage: fe.guidance,
            },
          };
        }),
        newValues: failed?.form === 'question-new' ? failed.values : { section: 'core', text: '', guidance: '' },
        newSectionItems: sectionItems(failed?.form === 'question-new' ? (failed.values.section ?? 'core') : 'core'),
        newErrors: failed?.form === 'question-new' ? fieldErrors(errors) : {},
      },
      status(failed),
    );
  };
  routes.get('/programme/years/:id/consultation/questions', (c) => questionsPage(c));
  routes.post('/programme/years/:id/consultation/questions', async (c) => {
    plan(c);
    const yearId = numParam(c, 'id', 'a programme year');
    const values = await formBody(c);
    return attempt(
      'question-new',
      values,
      async () => {
        await saveQuestion(db, yearId, null, values, actingUser(c));
        return c.redirect(withFlash(`/programme/years/${yearId}/consultation/questions`, 'question-saved'), 303);
      },
      (failed) => questionsPage(c, failed),
    );
  });
  routes.post('/programme/years/:id/consultation/questions/:questionId', async (c) => {
    plan(c);
    const yearId = numParam(c, 'id', 'a programme year');
    const questionId = numParam(c, 'questionId', 'a question');
    const values = await formBody(c);
    return attempt(
      `question-${questionId}`,
      values,
      async () => {
        await saveQuestion(db, yearId, questionId, values, actingUser(c));
        return c.redirect(withFlash(`/programme/years/${yearId}/consultation/questions#question-${questionId}`, 'question-saved'), 303);
      },
      (failed) => questionsPage(c, failed),
    );
  });
  routes.post('/programme/years/:id/consultation/questions/:questionId/remove', async (c) => {
    plan(c);
    const yearId = numParam(c, 'id', 'a programme year');
    await removeQuestion(db, yearId, numParam(c, 'questionId', 'a question'), actingUser(c));
    return c.redirect(withFlash(`/programme/years/${yearId}/consultation/questions`, 'question-removed'), 303);
  });

  const responsesPage = async (c: C, failed?: Failure) => {
    const actor = view(c);
    const year = await requireProgrammeYear(db, numParam(c, 'id', 'a programme year'));
    const { questions, responses } = await consultationResponses(db, year.id);
    const numbered = numberedQuestions(questions);
    const values = failed?.values ?? { questionId: c.req.query('question') ?? '', respondentName: '', respondentOrganisation: '', receivedOn: today(), text: '' };
    const errors = errorsOf(failed);
    return page(
      c,
      'programme-responses.njk',
      {
        title: titled(`Consultation responses: ${year.label}`, failed),
        activeNav: 'programme',
        section: 'years',
        year,
        canPlan: canPlanInspections(actor),
        recorded: !failed && c.req.query('recorded') === '1',
        groups: responseGroups(numbered, responses),
        total: responses.length,
        values,
        errors,
        fieldErrors: formFieldErrors(errors),
        dates: dateItemsOf(values, errors),
        questionItems: [{ value: '', text: 'Select a question' }, ...numbered.map((q) => ({ value: String(q.id), text: `Q${q.number}: ${q.text.length > 90 ? `${q.text.slice(0, 90)}…` : q.text}`, selected: values.questionId === String(q.id) }))],
      },
      status(failed),
    );
  };
  routes.get('/programme/years/:id/consultation/responses', (c) => responsesPage(c));
  routes.post('/programme/years/:id/consultation/responses', async (c) => {
    plan(c);
    const yearId = numParam(c, 'id', 'a programme year');
    const values = await formBody(c);
    return attempt(
      'response',
      values,
      async () => {
        await recordResponse(db, yearId, values, actingUser(c));
        return c.redirect(`/programme/years/${yearId}/consultation/responses?recorded=1`, 303);
      },
      (failed) => responsesPage(c, failed),
    );
  });

  // ---- JSON API -----------------------------------------------------------------------------
  routes.get('/api/programme', (c) => {
    view(c);
    return c.json({
      name: 'Inspection programme API',
      resources: {
        services: '/api/programme/services',
        service: '/api/programme/services/{id}',
        cycles: '/api/programme/cycles',
        cycle: '/api/programme/cycles/{id}?revision=N',
        revisions: '/api/programme/cycles/{id}/revisions',
        youthScores: '/api/programme/youth/scores?asOf=YYYY-MM-DD',
        youthSelections: '/api/programme/youth/selections',
        youthSelection: '/api/programme/youth/selections/{id}',
        years: '/api/programme/years',
        topics: '/api/programme/years/{id}/topics',
        consultation: '/api/programme/years/{id}/consultation',
      },
    });
  });
  routes.get('/api/programme/services', async (c) => {
    view(c);
    const registry = await listRegistry(db);
    return c.json(registryJson(registry.regions, registry.youthServices));
  });
  routes.get('/api/programme/services/:id', async (c) => {
    view(c);
    return c.json(serviceRecordJson(await getServiceRecord(db, numParam(c, 'id', 'a service'))));
  });
  routes.get('/api/programme/cycles', async (c) => {
    view(c);
    return c.json({ cycles: (await listCycleSummaries(db)).map((s) => ({ ...s.cycle, start: s.start, years: s.years, teams: s.teams, bookings: s.bookings, unmet: s.unmet, links: { self: `/api/programme/cycles/${s.cycle.id}` } })) });
  });
  routes.get('/api/programme/cycles/:id', async (c) => {
    view(c);
    const state = await getCycleState(db, numParam(c, 'id', 'a PDU cycle'), revisionQuery(c));
    const { input, plan: cyclePlan } = state.shown;
    return c.json({
      ...state.cycle,
      revision: state.shown.revision,
      currentRevision: state.current.revision,
      change: state.shown.change,
      input,
      organisationIds: state.shown.organisationIds,
      plan: cyclePlan,
      check: checkPlan(input, cyclePlan),
    });
  });
  routes.get('/api/programme/cycles/:id/revisions', async (c) => {
    view(c);
    const id = numParam(c, 'id', 'a PDU cycle');
    await getCycleState(db, id);
    return c.json({ revisions: await cycleRevisions(db, id) });
  });
  routes.get('/api/programme/youth/scores', async (c) => {
    view(c);
    const asOf = c.req.query('asOf') ?? nextProgrammeYearStart();
    return c.json({ asOf, scores: await youthScores(db, asOf) });
  });
  routes.get('/api/programme/youth/selections', async (c) => {
    view(c);
    return c.json({
      selections: (await listStoredSelections(db)).map((s) => ({ id: s.id, title: s.title, asOf: s.asOf, seed: s.seed, selected: s.result.selected.length, createdBy: s.createdBy, createdAt: s.createdAt, links: { self: `/api/programme/youth/selections/${s.id}` } })),
    });
  });
  routes.get('/api/programme/youth/selections/:id', async (c) => {
    view(c);
    const s = await getStoredSelection(db, numParam(c, 'id', 'a youth selection'));
    return c.json({ ...s, repeatsExactly: repeatsExactly(s) });
  });
  routes.get('/api/programme/years', async (c) => {
    view(c);
    return c.json({ years: (await listYears(db)).map((y) => ({ ...y, links: { topics: `/api/programme/years/${y.id}/topics`, consultation: `/api/programme/years/${y.id}/consultation` } })) });
  });
  routes.get('/api/programme/years/:id/topics', async (c) => {
    view(c);
    const { year, plan: topicPlan, ranked } = await yearTopics(db, numParam(c, 'id', 'a programme year'));
    return c.json({
      year,
      resource: topicPlan.resource,
      used: topicPlan.used,
      topics: ranked.map(({ topic, ...r }) => ({ ...r, id: topic.id, kind: topic.slot, summary: topic.summary, jointWith: topic.jointWith, scores: topic.scores })),
    });
  });
  routes.get('/api/programme/years/:id/consultation', async (c) => {
    view(c);
    const doc = await consultationDocument(db, numParam(c, 'id', 'a programme year'));
    const { questions, responses } = await consultationResponses(db, doc.year.id);
    return c.json({ document: doc, questions: numberedQuestions(questions), responses });
  });

  return routes;
}
