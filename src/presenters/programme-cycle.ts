// View models for a PDU cycle's pages: the calendar of a programme year (weeks as rows, teams as
// columns), the years' figures, the region split, a region's PDUs, the unmet rules and the move form.
import { escapeHtml, ratingTag, renderMacro } from './templates.ts';
import { buildCalendar, DEFAULT_BLACKOUTS, type Week } from '../domain/programme/calendar.ts';
import type { Booking, CycleInput, CyclePlan, HardRule } from '../domain/programme/cycle-types.ts';
import { bookingId } from '../domain/programme/programme-words.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "5 Apr 2027". */
export const shortDate = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

export const RULE_NAMES: Record<HardRule, string> = {
  'every-pdu-once': 'Every PDU once in the cycle',
  'region-split': 'A share of each region every year',
  'yearly-capacity': 'Yearly capacity',
  'team-weeks': 'Team-weeks',
  'one-booking-per-team-week': 'One booking per team a week',
  'fact-finding-first': 'Fact-finding before the region\'s first inspection',
  'return-window': 'Return within its window after Inadequate',
  'return-gap': 'Return and cycle inspection apart',
  availability: 'No bookings in blackout or excluded weeks',
  pin: 'Pins kept',
};

const tag = (text: string, colour: string) => renderMacro('govuk/components/tag', 'govukTag', { text, classes: `govuk-tag--${colour}` });

export const KIND_NAMES: Record<Booking['kind'], string> = { inspection: 'Cycle inspection', 'return-inspection': 'Return inspection', 'fact-finding': 'Fact-finding' };

export function bookingLabel(b: Booking): string {
  return b.kind === 'fact-finding' ? `${b.region} fact-finding week (year ${b.year})` : `${b.pdu}: ${KIND_NAMES[b.kind].toLowerCase()}`;
}

/** Every week of the cycle, from its stored input. */
export const cycleWeeks = (input: CycleInput): Week[] => buildCalendar(input.start, input.years, input.blackouts ?? DEFAULT_BLACKOUTS).weeks;

/** The current cycle's bookings made into inspections (booking key → inspection id), and whether the person may make more. */
export interface CycleInspections {
  made: ReadonlyMap<string, number>;
  canCreate: boolean;
}

/** A PDU booking's inspection: a link to it once made, else (for those who may) a link to make it. */
function inspectionLink(cycleId: number, b: Booking, inspections: CycleInspections | undefined): string {
  if (!inspections || b.kind === 'fact-finding') return '';
  const id = inspections.made.get(bookingId(b));
  if (id !== undefined) return `<br><a class="govuk-link govuk-body-s" href="/inspections/${id}">Inspection ${id}<span class="govuk-visually-hidden">: ${escapeHtml(bookingLabel(b))}</span></a>`;
  return inspections.canCreate
    ? `<br><a class="govuk-link govuk-body-s" href="/inspections/new?cycle=${cycleId}&amp;booking=${encodeURIComponent(bookingId(b))}">Create inspection<span class="govuk-visually-hidden">: ${escapeHtml(bookingLabel(b))}</span></a>`
    : '';
}

function bookingCell(cycleId: number, b: Booking, canPlan: boolean, inspections?: CycleInspections): string {
  const kindTag = b.kind === 'fact-finding' ? tag('Fact-finding', 'purple') : b.kind === 'return-inspection' ? tag('Return', 'red') : '';
  const what = b.kind === 'fact-finding' ? `<strong>${escapeHtml(b.region)}</strong>` : `<strong>${escapeHtml(b.pdu!)}</strong><br><span class="govuk-body-s">${escapeHtml(b.region)}</span>`;
  const flags = [b.pinned ? tag('Pinned', 'blue') : '', b.beyondCapacity ? tag('Beyond capacity', 'orange') : ''].filter(Boolean).join(' ');
  const move = canPlan
    ? `<br><a class="govuk-link govuk-body-s" href="/programme/cycles/${cycleId}/move?booking=${encodeURIComponent(bookingId(b))}">Move or pin<span class="govuk-visually-hidden"> ${escapeHtml(bookingLabel(b))}</span></a>`
    : '';
  return `${kindTag ? `${kindTag} ` : ''}${what}${flags ? `<br>${flags}` : ''}${move}${inspectionLink(cycleId, b, inspections)}`;
}

export interface CalendarView {
  caption: string;
  head: { text: string }[];
  rows: { text?: string; html?: string }[][];
  /** Bookings of the year with no team, listed in their own column (never hidden). */
  teamless: number;
}

export function calendarTable(cycleId: number, input: CycleInput, plan: CyclePlan, year: number, canPlan: boolean, inspections?: CycleInspections): CalendarView {
  const weeks = cycleWeeks(input).filter((w) => w.year === year);
  const inYear = plan.bookings.filter((b) => b.year === year);
  const teamless = inYear.filter((b) => b.team === null).length;
  const columns: (string | null)[] = [...input.teams, ...(teamless ? [null] : [])];
  const rows = weeks.map((w) => {
    const here = inYear.filter((b) => b.week === w.monday);
    const week = { html: `${escapeHtml(shortDate(w.monday))}${w.blackout ? `<br><span class="govuk-body-s">${escapeHtml(w.blackout)}</span>` : ''}` };
    return [
      week,
      ...columns.map((team) => {
        const cell = here.filter((b) => b.team === team);
        if (!cell.length) return w.blackout ? { html: `<span class="govuk-body-s">Blackout: ${escapeHtml(w.blackout)}</span>` } : { text: '' };
        return { html: cell.map((b) => bookingCell(cycleId, b, canPlan, inspections)).join('<hr class="govuk-section-break govuk-section-break--s govuk-section-break--visible">') };
      }),
    ];
  });
  return {
    caption: `Year ${year}: bookings by week (rows, by the week's Monday) and team (columns)`,
    head: [{ text: 'Week beginning' }, ...columns.map((t) => ({ text: t ?? 'No team free' }))],
    rows,
    teamless,
  };
}

export function unmetRows(plan: CyclePlan) {
  return plan.unmet.map((u) => [{ text: RULE_NAMES[u.rule] ?? u.rule }, { text: u.detail }, { text: u.suggestion }]);
}

export function yearRows(plan: CyclePlan) {
  return plan.years.map((y) => [
    { text: `Year ${y.year}` },
    { text: `${shortDate(y.start)} to ${shortDate(y.end)}` },
    { text: `${y.weeksAvailable} of ${y.weeks}`, format: 'numeric' },
    { text: String(y.capacity), format: 'numeric' },
    { text: String(y.inspections), format: 'numeric' },
    { text: String(y.returnInspections), format: 'numeric' },
    { html: y.inspections + y.returnInspections > y.capacity ? `${y.inspections + y.returnInspections} ${tag('Over capacity', 'red')}` : String(y.inspections + y.returnInspections), format: 'numeric' },
    { text: String(y.factFindingWeeks), format: 'numeric' },
  ]);
}

export function splitRows(cycleId: number, plan: CyclePlan) {
  return plan.splits.map((s) => [
    { html: `<a class="govuk-link" href="/programme/cycles/${cycleId}/regions/${encodeURIComponent(s.region)}">${escapeHtml(s.region)}</a>` },
    ...s.perYear.map((n) => ({ text: String(n), format: 'numeric' })),
  ]);
}

const lastInspection = (last: CycleInput['pdus'][number]['lastInspection']) =>
  last && (last.date || last.rating) ? `${ratingTag(last.rating, 'Rating not known')} <span class="govuk-body-s">${escapeHtml(last.date ?? 'date not known')}</span>` : '<span class="govuk-body-s">None on record</span>';

const when = (b: Booking | undefined) =>
  b ? `${escapeHtml(shortDate(b.week))} (year ${b.year})<br><span class="govuk-body-s">${escapeHtml(b.team ?? 'no team free')}</span>${b.pinned ? ` ${tag('Pinned', 'blue')}` : ''}${b.beyondCapacity ? ` ${tag('Beyond capacity', 'orange')}` : ''}` : '–';

/** A region's PDUs: last rating, planned weeks and why. */
export function regionView(input: CycleInput, plan: CyclePlan, region: string, organisationIds: Record<string, number>) {
  const pdus = input.pdus.filter((p) => p.region === region).sort((a, b) => (a.name < b.name ? -1 : 1));
  const excluded = new Map((input.exclusions ?? []).filter((e): e is Extract<typeof e, { pdu: string }> => 'pdu' in e && e.from === undefined).map((e) => [e.pdu, e.reason]));
  const rows = pdus.map((p) => {
    const cycle = plan.bookings.find((b) => b.kind === 'inspection' && b.pdu === p.name);
    const ret = plan.bookings.find((b) => b.kind === 'return-inspection' && b.pdu === p.name);
    const id = organisationIds[p.name];
    const reasons = [cycle?.reason, ret?.reason].filter(Boolean) as string[];
    return [
      { html: id ? `<a class="govuk-link" href="/programme/services/${id}">${escapeHtml(p.name)}</a>` : escapeHtml(p.name) },
      { html: lastInspection(p.lastInspection) },
      { html: excluded.has(p.name) ? `Not in this cycle: ${escapeHtml(excluded.get(p.name)!)}` : when(cycle) },
      { html: when(ret) },
      { html: reasons.map((r) => escapeHtml(r)).join('<br>') || '–' },
    ];
  });
  const factFinding = plan.bookings
    .filter((b) => b.kind === 'fact-finding' && b.region === region)
    .map((b) => [{ text: `Year ${b.year}` }, { html: when(b) }]);
  const unmet = plan.unmet.filter((u) => u.region === region || (u.pdu !== undefined && pdus.some((p) => p.name === u.pdu)));
  return { rows, factFinding, unmetRows: unmet.map((u) => [{ text: RULE_NAMES[u.rule] ?? u.rule }, { text: u.detail }, { text: u.suggestion }]), pduCount: pdus.length };
}

/** The week select for moving a booking: every Monday of the cycle, blackouts named. */
export function weekItems(input: CycleInput, selected: string) {
  return cycleWeeks(input).map((w) => ({
    value: w.monday,
    text: `${shortDate(w.monday)}: year ${w.year}${w.blackout ? ` (${w.blackout}, a blackout)` : ''}`,
    selected: w.monday === selected,
  }));
}

export function exclusionRows(input: CycleInput) {
  return (input.exclusions ?? []).map((e, index) => ({
    index,
    who: 'team' in e ? `Team: ${e.team}` : `PDU: ${e.pdu}`,
    when: e.from ? `${shortDate(e.from)} to ${shortDate(e.to!)}` : 'The whole cycle',
    reason: e.reason,
  }));
}

export function pinRows(input: CycleInput) {
  return (input.pins ?? []).map((p) => [
    { text: 'pdu' in p ? `${p.pdu}: ${p.inspection === 'return' ? 'return' : 'cycle'} inspection` : `${p.region} fact-finding` },
    { text: shortDate(p.week) },
    { text: p.team ?? 'Any free team' },
  ]);
}
