// Creating an inspection in the web app (/inspections/new): from a booking of the programme's
// current PDU cycle (a check page, then create) or directly (a PDU or a youth justice service, the
// fieldwork start, and a framework version that inspects that kind, by default the current one).
// Programme managers, administrators and lead inspectors; a lead inspector leads what they create.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { canCreateInspections } from '../../domain/access/permissions.ts';
import { addDays } from '../../domain/sampling/dates.ts';
import { fullDate } from '../../domain/timeline/dates.ts';
import { KIND_NAMES } from '../../presenters/programme-cycle.ts';
import { createDirectly, createFromBooking, currentChoice, cycleBookings, findBooking, frameworkChoices, type BookingChoice, type Creator } from '../../services/inspection-booking.ts';
import { FieldError } from '../../services/errors.ts';
import { createFromYouthSelection, selectionYear, youthSelectionChoices } from '../../services/inspection-youth-selection.ts';
import { organisationById, regionSummariesWithPdus, youthServicesWithOtherNames } from '../../services/organisations.ts';
import { clock } from '../../services/clock.ts';
import { requirePermission, sessionOf } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { dateInputItems, readDateInput, type DateParts } from '../../presenters/date-input.ts';
import type { FormError } from '../form-errors.ts';
import { escapeHtml, page } from '../render.ts';

type C = Context<AppEnv>;
type Values = Record<string, string>;

/** Bookings listed on the page: from four weeks ago to six months ahead, when notice is given (others are reached from the calendar). */
const LIST_FROM_DAYS = -28;
const LIST_TO_DAYS = 183;

const creatorOf = (c: C): Creator => {
  const { user } = sessionOf(c);
  return { actor: `user:${user.id}`, userId: user.id, role: user.role };
};

async function formBody(c: C): Promise<Values> {
  const values: Values = {};
  for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
  return values;
}

const bookingHref = (cycleId: number, key: string) => `/inspections/new?cycle=${cycleId}&booking=${encodeURIComponent(key)}`;
const what = (b: BookingChoice['booking']) => `${b.pdu}, ${KIND_NAMES[b.kind].toLowerCase()}, week of ${fullDate(b.week)}`;

function bookingRow(cycleId: number, choice: BookingChoice) {
  const b = choice.booking;
  return [
    { text: fullDate(b.week) },
    { html: `${escapeHtml(b.pdu!)}<br><span class="govuk-body-s">${escapeHtml(b.region)}</span>` },
    { text: KIND_NAMES[b.kind] },
    { text: b.team ?? 'No team free' },
    {
      html:
        choice.inspectionId !== null
          ? `<a class="govuk-link" href="/inspections/${choice.inspectionId}">Inspection ${choice.inspectionId}<span class="govuk-visually-hidden">: ${escapeHtml(what(b))}</span></a>`
          : `<a class="govuk-link" href="${escapeHtml(bookingHref(cycleId, choice.key))}">Create inspection<span class="govuk-visually-hidden">: ${escapeHtml(what(b))}</span></a>`,
    },
  ];
}

interface Failure {
  errors: FormError[];
  dateParts?: DateParts[];
}

export function inspectionNewRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const allowed = (c: C) => requirePermission(c, canCreateInspections);

  /** The page: the booking being checked (when one is named), else the current cycle's bookings and the direct form. */
  async function render(c: C, values: Values, failed: { form: 'booking' | 'direct' | 'youth-selection'; failure: Failure } | undefined, chosen?: { cycle: string; booking: string }) {
    const [bookings, frameworks, regions, youthServices, fromSelection] = await Promise.all([
      cycleBookings(db),
      frameworkChoices(db),
      regionSummariesWithPdus(db),
      youthServicesWithOtherNames(db),
      youthSelectionChoices(db, values.youthSelection),
    ]);
    // A service is listed with its former names and other spellings, so one known by an old name is found.
    const youthText = (o: { name: string }, others: readonly string[]) => (others.length ? `${o.name} (also known as ${others.join('; ')})` : o.name);
    const currentPdu = currentChoice(frameworks, 'pdu');
    const currentYouth = currentChoice(frameworks, 'youth-service');
    let check: Record<string, unknown> | null = null;
    const bookingErrors = failed?.form === 'booking' ? failed.failure.errors : [];
    if (chosen) {
      try {
        const { cycle, choice } = await findBooking(db, chosen);
        const b = choice.booking;
        check = {
          cycleId: cycle.cycle.id,
          key: choice.key,
          inspectionId: choice.inspectionId,
          heading: `${b.pdu}: ${KIND_NAMES[b.kind].toLowerCase()}`,
          rows: [
            { key: { text: 'Probation Delivery Unit' }, value: { text: b.pdu! } },
            { key: { text: 'Region' }, value: { text: b.region } },
            { key: { text: 'Kind' }, value: { text: KIND_NAMES[b.kind] } },
            { key: { text: 'Fieldwork' }, value: { text: `${fullDate(b.week)} to ${fullDate(addDays(b.week, 4))}` } },
            { key: { text: 'Team' }, value: { text: b.team ?? 'No team free in the plan' } },
            { key: { text: 'Framework' }, value: { text: currentPdu?.title ?? 'No framework for PDU inspections is stored' } },
            { key: { text: 'PDU cycle' }, value: { text: `${cycle.cycle.title}, revision ${cycle.current.revision}` } },
          ],
        };
      } catch (e) {
        if (!(e instanceof FieldError)) throw e;
        for (const f of e.fields) if (!bookingErrors.some((b) => b.text === f.message)) bookingErrors.push({ href: '#bookings', text: f.message });
      }
    }
    const today = clock.today();
    const listed = bookings?.choices.filter((ch) => ch.inspectionId !== null || (ch.booking.week >= addDays(today, LIST_FROM_DAYS) && ch.booking.week <= addDays(today, LIST_TO_DAYS))) ?? [];
    const direct = failed?.form === 'direct' ? failed.failure : undefined;
    const errorOf = (field: string) => direct?.errors.find((e) => e.href === `#${field}` || e.href.startsWith(`#${field}-`));
    const fromYouth = failed?.form === 'youth-selection' ? failed.failure : undefined;
    const youthErrorOf = (field: string) => fromYouth?.errors.find((e) => e.href === `#${field}` || e.href.startsWith(`#${field}-`));
    const selectionErrors = fromSelection.unknown ? [{ href: '#youthSelection', text: `There is no youth selection ${values.youthSelection}: the newest is shown` }] : [];
    const errors = [...bookingErrors, ...selectionErrors, ...(fromYouth?.errors ?? []), ...(direct?.errors ?? [])];
    const sel = fromSelection.selection;
    const title = check ? `Create an inspection from the booking: ${check.heading as string}` : 'Create an inspection';
    return page(
      c,
      'inspection-new.njk',
      {
        title: errors.length ? `Error: ${title}` : title,
        activeNav: 'inspections',
        errors,
        check,
        cycle: bookings && { id: bookings.cycle.cycle.id, title: bookings.cycle.cycle.title, revision: bookings.cycle.current.revision },
        bookingRows: bookings ? listed.map((ch) => bookingRow(bookings.cycle.cycle.id, ch)) : [],
        bookingsLeftOut: bookings ? bookings.choices.length - listed.length : 0,
        pduItems: [
          { value: '', text: 'Choose a PDU' },
          ...regions
            .flatMap((r) => r.pdus.map((p) => ({ value: String(p.id), text: `${p.name} (${r.name})` })))
            .sort((a, b) => a.text.localeCompare(b.text, 'en-GB'))
            .map((i) => ({ ...i, selected: values.pdu === i.value })),
        ],
        kind: values.kind === 'youth-service' ? 'youth-service' : 'pdu',
        youthServiceItems: [
          { value: '', text: 'Choose a youth justice service' },
          ...youthServices.map(({ organisation: o, otherNames }) => ({ value: String(o.id), text: youthText(o, otherNames), selected: values.youthService === String(o.id) })),
        ],
        frameworkItems: [
          {
            value: '',
            text: 'The current version for what is inspected',
            hint: { text: `PDUs: ${currentPdu?.title ?? 'none stored'}. Youth justice services: ${currentYouth?.title ?? 'none stored'}.` },
            checked: !values.framework,
          },
          { divider: 'or' },
          ...frameworks.map((f) => ({ value: f.key, text: f.title, hint: { text: `For ${f.inspects}${f.isDefault ? ' (the current version)' : ''}` }, checked: values.framework === f.key })),
        ],
        dateItems: dateInputItems(values, 'fieldworkStart', undefined, direct?.dateParts ?? []),
        youthSelection: sel && { id: sel.id, title: sel.title, year: selectionYear(sel.asOf), framework: currentYouth?.title ?? 'No framework for youth justice services is stored' },
        youthSelectionItems: fromSelection.selections.map((s) => ({ value: String(s.id), text: `${s.title} (${selectionYear(s.asOf)})`, selected: s.id === sel?.id })),
        youthSelectionServiceItems: fromSelection.choices.map((ch) => ({
          value: ch.service,
          text: ch.service,
          checked: values.service === ch.service,
          hint: {
            html:
              (ch.inspectionId !== null
                ? `<strong class="govuk-tag govuk-tag--grey">Already inspected</strong> <a class="govuk-link" href="/inspections/${ch.inspectionId}">Inspection ${ch.inspectionId}<span class="govuk-visually-hidden">: ${escapeHtml(ch.service)}</span></a><br>`
                : '') + escapeHtml(ch.reasons) + (ch.organisationId === undefined ? '<br>No longer in the registry' : ''),
          },
        })),
        selectionDateItems: dateInputItems(values, 'selectionFieldworkStart', undefined, fromYouth?.dateParts ?? []),
        fieldErrors: { youthSelection: youthErrorOf('youthSelection'), youthSelectionService: youthErrorOf('youthSelectionService'), selectionFieldworkStart: youthErrorOf('selectionFieldworkStart'), kind: errorOf('kind'), pdu: errorOf('pdu'), youthService: errorOf('youthService'), fieldworkStart: errorOf('fieldworkStart'), framework: errorOf('framework') },
      },
      errors.length ? 400 : 200,
    );
  }

  routes.get('/inspections/new', async (c) => {
    allowed(c);
    const cycle = c.req.query('cycle');
    const booking = c.req.query('booking');
    // From the registry: /inspections/new?organisation=ID chooses the PDU or youth justice service.
    const organisationId = c.req.query('organisation');
    const organisation = organisationId && /^\d{1,9}$/.test(organisationId) ? await organisationById(db, Number(organisationId)) : undefined;
    const chosen: Values =
      organisation?.kind === 'youth-service' ? { kind: 'youth-service', youthService: String(organisation.id) } : organisation?.kind === 'pdu' ? { kind: 'pdu', pdu: String(organisation.id) } : {};
    // From the youth selection's page: ?youthSelection=ID&service=NAME chooses the selection and the service in it.
    const youthSelection = c.req.query('youthSelection');
    const service = c.req.query('service');
    if (youthSelection !== undefined) chosen.youthSelection = youthSelection;
    if (service !== undefined) chosen.service = service;
    return render(c, chosen, undefined, cycle !== undefined && booking !== undefined ? { cycle, booking } : undefined);
  });

  routes.post('/inspections/new/booking', async (c) => {
    allowed(c);
    const values = await formBody(c);
    const chosen = { cycle: values.cycle ?? '', booking: values.booking ?? '' };
    try {
      const inspection = await createFromBooking(db, chosen, creatorOf(c));
      return c.redirect(`/inspections/${inspection.id}?created=booking`, 303);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      return render(c, values, { form: 'booking', failure: { errors: e.fields.map((f) => ({ href: '#bookings', text: f.message })) } }, chosen);
    }
  });

  routes.post('/inspections/new/youth-selection', async (c) => {
    allowed(c);
    const values = await formBody(c);
    const date = readDateInput(values, 'selectionFieldworkStart', 'the first day of fieldwork');
    try {
      const inspection = await createFromYouthSelection(db, { selection: values.youthSelection ?? '', service: values.service ?? '', fieldworkStart: date.ok ? date.date : '' }, creatorOf(c));
      return c.redirect(`/inspections/${inspection.id}?created=youth-selection`, 303);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      const order = ['youthSelection', 'youthSelectionService', 'selectionFieldworkStart'];
      const errors = [...e.fields]
        .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
        .map((f) =>
          f.field === 'selectionFieldworkStart'
            ? date.ok
              ? { href: '#selectionFieldworkStart-day', text: f.message }
              : { href: date.href, text: date.message }
            : { href: f.field === 'youthSelectionService' ? '#youthSelectionService' : `#${f.field}`, text: f.message },
        );
      return render(c, values, {
        form: 'youth-selection',
        failure: { errors, dateParts: date.ok ? (e.fields.some((f) => f.field === 'selectionFieldworkStart') ? ['day', 'month', 'year'] : []) : date.parts },
      });
    }
  });

  routes.post('/inspections/new', async (c) => {
    allowed(c);
    const values = await formBody(c);
    const date = readDateInput(values, 'fieldworkStart', 'the first day of fieldwork');
    try {
      const inspection = await createDirectly(
        db,
        { kind: values.kind ?? 'pdu', pdu: values.pdu ?? '', youthService: values.youthService ?? '', fieldworkStart: date.ok ? date.date : '', framework: values.framework ?? '' },
        creatorOf(c),
      );
      return c.redirect(`/inspections/${inspection.id}?created=direct`, 303);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      // The date input's own message (which part is missing) beats the service's general one; the form's order is kept.
      const order = ['kind', 'pdu', 'youthService', 'fieldworkStart', 'framework'];
      const errors = [...e.fields]
        .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
        .map((f) => (f.field === 'fieldworkStart' ? (date.ok ? { href: '#fieldworkStart-day', text: f.message } : { href: date.href, text: date.message }) : { href: `#${f.field}`, text: f.message }));
      return render(c, values, { form: 'direct', failure: { errors, dateParts: date.ok ? (e.fields.some((f) => f.field === 'fieldworkStart') ? ['day', 'month', 'year'] : []) : date.parts } });
    }
  });

  return routes;
}
