// The PDU inspection cycle: planning inputs read from a form, the command line or JSON, a plan made
// by planCycle from the registry's PDUs and stored with the exact input that made it, and every
// change (a pin, a move, an exclusion, new settings) made by re-planning with the current plan as
// `previous`, so the rest moves little. checkPlan is run on every plan before it is stored; what it
// finds is stored as the plan's `unmet`. Each change is a new revision, audited.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import {
  getCycleRevision,
  getProgrammeCycle,
  insertCycleRevision,
  insertProgrammeCycle,
  listCycleRevisions,
  listProgrammeCycles,
  recordAudit,
  inTransaction,
  type CycleRevision,
  type Db,
  type ProgrammeCycle,
} from '../../db/repositories/index.ts';
import { DEFAULT_BLACKOUTS, isBlackoutBound } from '../../domain/programme/calendar.ts';
import { checkPlan } from '../../domain/programme/cycle-check.ts';
import { DEFAULT_MINIMUM_WEEKS_BETWEEN, DEFAULT_RETURN_WINDOW } from '../../domain/programme/cycle-context.ts';
import type { Blackout, Booking, CycleInput, CyclePlan, Exclusion, Pin } from '../../domain/programme/cycle-types.ts';
import { bookingId } from '../../domain/programme/programme-words.ts';
import { planCycle } from '../../domain/programme/cycle.ts';
import { isRealDate, isRealMonday } from './dates.ts';
import { AppError } from '../errors.ts';
import { parseFields, plannerProblems, ProgrammeFieldError } from './errors.ts';
import { planningPdus } from './registry.ts';

export type StoredRevision = CycleRevision<CycleInput, CyclePlan>;

const NON_GEOGRAPHIC_REASON = 'not a geographic PDU (courts and centralised functions): not inspected as a PDU';

const whole = (label: string, min: number, max: number) =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const text = typeof v === 'number' ? String(v) : v.trim();
    const n = Number(text);
    if (!text || !Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });

/** "3" → Team 1 … Team 3; otherwise names, one a line or separated by commas. */
export function parseTeams(value: string | number | readonly string[]): string[] | string {
  if (Array.isArray(value)) return (value as readonly string[]).map((t) => t.trim()).filter(Boolean);
  const text = String(value).trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < 1 || n > 20) return 'Enter from 1 to 20 teams';
    return Array.from({ length: n }, (_, i) => `Team ${i + 1}`);
  }
  const names = text.split(/[\n,]/).map((t) => t.trim()).filter(Boolean);
  if (!names.length) return 'Enter the number of inspection teams, or their names one a line';
  if (new Set(names).size !== names.length) return 'Each team needs a different name';
  if (names.some((n) => n.length > 60)) return 'Team names must be 60 characters or fewer';
  return names;
}

const boundOk = (bound: string) => {
  try {
    return isBlackoutBound(bound);
  } catch {
    return false; // a well-formed but impossible date
  }
};

/** "12-19 to 01-01 Christmas and New Year", one a line. */
export function parseBlackouts(text: string): Blackout[] | string {
  const blackouts: Blackout[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\S+)\s+to\s+(\S+)\s*(.*)$/.exec(line);
    if (!m || !boundOk(m[1]!) || !boundOk(m[2]!))
      return `Line ${i + 1} of the blackouts, "${line}", must read like "12-19 to 01-01 Christmas and New Year" (MM-DD every year, or YYYY-MM-DD once)`;
    blackouts.push({ from: m[1]!, to: m[2]!, label: m[3]!.trim() || `${m[1]} to ${m[2]}` });
  }
  return blackouts;
}

export const blackoutsText = (blackouts: readonly Blackout[]) => blackouts.map((b) => `${b.from} to ${b.to} ${b.label}`).join('\n');

const SettingsSchema = z
  .object({
    title: z.string().trim().max(200, 'The title must be 200 characters or fewer').optional().default(''),
    start: z
      .string({ message: 'Enter the first day of the cycle' })
      .trim()
      .min(1, 'Enter the first day of the cycle')
      .refine(isRealDate, 'The first day of the cycle must be a real date, like 2027-04-05')
      .refine(isRealMonday, 'The first day of the cycle must be a Monday'),
    years: whole('Years in the cycle', 1, 10),
    teams: z.union([z.string(), z.number(), z.array(z.string())], { message: 'Enter the number of inspection teams' }).transform((v, ctx) => {
      const teams = parseTeams(v);
      if (typeof teams === 'string') {
        ctx.addIssue({ code: 'custom', message: teams });
        return z.NEVER;
      }
      return teams;
    }),
    capacity: z.union([z.string(), z.number(), z.array(z.number())], { message: 'Enter the PDU inspections a year can take' }).transform((v, ctx) => {
      const parts = Array.isArray(v) ? v.map(String) : String(v).split(/[\s,]+/).filter(Boolean);
      const numbers = parts.map(Number);
      if (!parts.length || numbers.some((n) => !Number.isInteger(n) || n < 0 || n > 1000)) {
        ctx.addIssue({ code: 'custom', message: 'Capacity must be a whole number of PDU inspections a year (0 to 1,000), or one figure a year separated by commas' });
        return z.NEVER;
      }
      return numbers.length === 1 ? numbers[0]! : numbers;
    }),
    blackouts: z
      .union([z.string(), z.array(z.object({ from: z.string(), to: z.string(), label: z.string() }))])
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return [...DEFAULT_BLACKOUTS];
        if (Array.isArray(v)) return v;
        const parsed = parseBlackouts(v);
        if (typeof parsed === 'string') {
          ctx.addIssue({ code: 'custom', message: parsed });
          return z.NEVER;
        }
        return parsed;
      }),
    returnWindowFrom: whole('The start of the return window', 0, 60).optional(),
    returnWindowTo: whole('The end of the return window', 0, 60).optional(),
    minimumWeeksBetween: whole('The fewest weeks between a return and a cycle inspection', 0, 104).optional(),
    excludeNonGeographic: z.enum(['yes', 'no'], { message: 'Select whether to leave out non-geographic units' }).optional().default('yes'),
  })
  .superRefine((s, ctx) => {
    if (Array.isArray(s.capacity) && s.capacity.length !== s.years)
      ctx.addIssue({ code: 'custom', path: ['capacity'], message: `Capacity lists ${s.capacity.length} years but the cycle has ${s.years}: give one figure, or one a year` });
    const from = s.returnWindowFrom ?? DEFAULT_RETURN_WINDOW.from;
    const to = s.returnWindowTo ?? DEFAULT_RETURN_WINDOW.to;
    if (from > to) ctx.addIssue({ code: 'custom', path: ['returnWindowTo'], message: 'The end of the return window must not be before its start' });
  });

export type CycleSettingsInput = z.input<typeof SettingsSchema>;
type Settings = z.output<typeof SettingsSchema>;

/** The settings part of a stored input, in the form's terms (for pre-filling the settings form). */
export function settingsOf(input: CycleInput, title: string) {
  const capacity = input.capacityPerYear;
  return {
    title,
    start: input.start,
    years: String(input.years),
    teams: input.teams.join('\n'),
    capacity: typeof capacity === 'number' ? String(capacity) : capacity.join(', '),
    blackouts: blackoutsText(input.blackouts ?? DEFAULT_BLACKOUTS),
    returnWindowFrom: String((input.returnWindowMonths ?? DEFAULT_RETURN_WINDOW).from),
    returnWindowTo: String((input.returnWindowMonths ?? DEFAULT_RETURN_WINDOW).to),
    minimumWeeksBetween: String(input.minimumWeeksBetweenInspections ?? DEFAULT_MINIMUM_WEEKS_BETWEEN),
  };
}

function inputFrom(s: Settings, registry: Awaited<ReturnType<typeof planningPdus>>, keep: { pins: Pin[]; exclusions: Exclusion[] }): CycleInput {
  return {
    start: s.start,
    years: s.years,
    regions: registry.regions,
    pdus: registry.pdus,
    teams: s.teams,
    capacityPerYear: s.capacity,
    blackouts: s.blackouts,
    returnWindowMonths: { from: s.returnWindowFrom ?? DEFAULT_RETURN_WINDOW.from, to: s.returnWindowTo ?? DEFAULT_RETURN_WINDOW.to },
    minimumWeeksBetweenInspections: s.minimumWeeksBetween ?? DEFAULT_MINIMUM_WEEKS_BETWEEN,
    pins: keep.pins,
    exclusions: keep.exclusions,
  };
}

/** Plans, then checks the plan against every hard rule independently: the check is the plan's `unmet`. */
function planAndCheck(input: CycleInput, field: string): CyclePlan {
  const plan = plannerProblems(field, () => planCycle(input));
  plan.unmet = checkPlan(input, plan);
  return plan;
}

const bookingKey = bookingId;

/** How many bookings the new plan moved (week or team), added or dropped, leaving out `except`. */
export function planChanges(before: readonly Booking[], after: readonly Booking[], except?: string): { moved: number; added: number; removed: number } {
  const old = new Map(before.map((b) => [bookingKey(b), b]));
  const now = new Map(after.map((b) => [bookingKey(b), b]));
  let moved = 0;
  for (const [key, b] of now) {
    const o = old.get(key);
    if (key !== except && o && (o.week !== b.week || o.team !== b.team)) moved++;
  }
  return { moved, added: [...now.keys()].filter((k) => !old.has(k)).length, removed: [...old.keys()].filter((k) => !now.has(k)).length };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function changeText(base: string, c: { moved: number; added: number; removed: number }): string {
  const parts = [`${plural(c.moved, 'other booking')} moved`];
  if (c.added) parts.push(`${c.added} added`);
  if (c.removed) parts.push(`${c.removed} removed`);
  return `${base} (${parts.join(', ')})`;
}

export interface CycleSummary {
  cycle: ProgrammeCycle;
  start: string;
  years: number;
  teams: number;
  bookings: number;
  unmet: number;
}

export async function listCycleSummaries(db: Db): Promise<CycleSummary[]> {
  const cycles = await listProgrammeCycles(db);
  return Promise.all(
    cycles.map(async (cycle) => {
      const r = (await getCycleRevision(db, cycle.id)) as StoredRevision;
      return { cycle, start: r.input.start, years: r.input.years, teams: r.input.teams.length, bookings: r.plan.bookings.length, unmet: r.plan.unmet.length };
    }),
  );
}

export interface CycleState {
  cycle: ProgrammeCycle;
  current: StoredRevision;
  /** The revision shown (the current one unless another was asked for). */
  shown: StoredRevision;
}

export async function getCycleState(db: Db, id: number, revision?: number): Promise<CycleState> {
  const cycle = await getProgrammeCycle(db, id);
  if (!cycle || !cycle.revision) throw new AppError('not-found', `There is no PDU cycle ${id}`);
  const current = (await getCycleRevision(db, id)) as StoredRevision;
  const shown = revision === undefined || revision === current.revision ? current : ((await getCycleRevision(db, id, revision)) as StoredRevision | undefined);
  if (!shown) throw new AppError('not-found', `PDU cycle ${id} has no revision ${revision}`);
  return { cycle, current, shown };
}

export const cycleRevisions = listCycleRevisions;

/** A new cycle's input and plan from the registry's PDUs as they are, checked, not stored. */
export async function prepareCycle(db: Db, raw: unknown): Promise<{ title: string; input: CycleInput; plan: CyclePlan; organisationIds: Record<string, number> }> {
  const settings = parseFields(SettingsSchema, raw);
  const registry = await planningPdus(db);
  const exclusions: Exclusion[] = settings.excludeNonGeographic === 'yes' ? registry.nonGeographic.map((pdu) => ({ pdu, reason: NON_GEOGRAPHIC_REASON })) : [];
  const input = inputFrom(settings, registry, { pins: [], exclusions });
  const plan = planAndCheck(input, 'start');
  const title = settings.title || `PDU inspection cycle from ${settings.start} (${plural(settings.years, 'year')})`;
  return { title, input, plan, organisationIds: registry.organisationIds };
}

/** Plans a new cycle from the registry's PDUs and stores it as revision 1. */
export async function createCycle(db: Db, raw: unknown, actor: string): Promise<{ id: number; plan: CyclePlan }> {
  const { title, input, plan, organisationIds } = await prepareCycle(db, raw);
  const id = await inTransaction(db, async (trx) => {
    const id = await insertProgrammeCycle(trx, title, actor);
    await insertCycleRevision(trx, { cycleId: id, revision: 1, input, plan, organisationIds, change: `Planned ${plural(input.pdus.length, 'PDU')} from the registry: ${plural(plan.bookings.length, 'booking')}, ${plan.unmet.length ? `${plural(plan.unmet.length, 'rule')} not met` : 'every rule met'}`, createdBy: actor });
    await recordAudit(trx, {
      actor,
      action: 'programme-cycle.created',
      entity: 'programme-cycle',
      entityId: id,
      after: { title, start: input.start, years: input.years, teams: input.teams, capacityPerYear: input.capacityPerYear, bookings: plan.bookings.length, unmet: plan.unmet.length },
    });
    return id;
  });
  return { id, plan };
}

/** Re-plans from `input` with the current plan as `previous`, stores the next revision and audits it. */
async function revise(
  db: Db,
  state: CycleState,
  next: { input: Omit<CycleInput, 'previous'>; organisationIds: Record<string, number>; change: string; action: string; detail: unknown; field: string; except?: string },
  actor: string,
): Promise<{ revision: number; plan: CyclePlan; change: string }> {
  const input: CycleInput = { ...next.input, previous: state.current.plan.bookings };
  const plan = planAndCheck(input, next.field);
  const change = changeText(next.change, planChanges(state.current.plan.bookings, plan.bookings, next.except));
  const revision = state.current.revision + 1;
  await inTransaction(db, async (trx) => {
    await insertCycleRevision(trx, { cycleId: state.cycle.id, revision, input, plan, organisationIds: next.organisationIds, change, createdBy: actor });
    await recordAudit(trx, {
      actor,
      action: next.action,
      entity: 'programme-cycle',
      entityId: state.cycle.id,
      before: { revision: state.current.revision, unmet: state.current.plan.unmet.length },
      after: { revision, change, unmet: plan.unmet.length, ...(next.detail as object) },
    });
  });
  return { revision, plan, change };
}

const ExpectedRevision = z.object({
  revision: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : Number(v))),
});

async function stateFor(db: Db, id: number, raw: unknown): Promise<CycleState> {
  const { revision } = parseFields(ExpectedRevision, raw);
  const state = await getCycleState(db, id);
  if (revision !== undefined && revision !== state.current.revision)
    throw new AppError('conflict', `The plan has changed since you opened it (it is now at revision ${state.current.revision}, by ${state.current.createdBy}): reload it and make your change again`);
  return state;
}

/** A booking as the page names it: inspection|PDU, return-inspection|PDU or fact-finding|REGION|YEAR. */
export { bookingId };

function findBooking(plan: CyclePlan, id: string): Booking {
  const found = plan.bookings.find((b) => bookingKey(b) === id);
  if (!found) throw new ProgrammeFieldError([{ field: 'booking', message: `There is no booking "${id}" in the current plan` }]);
  return found;
}

const MoveSchema = z.object({
  booking: z.string({ message: 'Say which booking to move' }).min(1, 'Say which booking to move'),
  week: z.string({ message: 'Select the week' }).trim().min(1, 'Select the week'),
  team: z.string().trim().optional().default(''),
});

const yearOfWeek = (plan: CyclePlan, week: string) => plan.years.find((y) => y.start <= week && week < y.end)?.year;

/** Pins a booking to a week (and a team, if given), then re-plans the rest around it. */
export async function pinBooking(db: Db, id: number, raw: unknown, actor: string) {
  const state = await stateFor(db, id, raw);
  const move = parseFields(MoveSchema, raw);
  const { input, plan } = state.current;
  const booking = findBooking(plan, move.booking);
  if (move.team && !input.teams.includes(move.team)) throw new ProgrammeFieldError([{ field: 'team', message: `Select one of the cycle's teams: ${input.teams.join(', ')}` }]);
  const targetYear = yearOfWeek(plan, move.week);
  if (!isRealMonday(move.week) || targetYear === undefined)
    throw new ProgrammeFieldError([{ field: 'week', message: `The week must be a Monday from ${plan.years[0]!.start} to the cycle's last week` }]);
  const team = move.team || undefined;
  let pins: Pin[];
  let what: string;
  if (booking.kind === 'fact-finding') {
    pins = (input.pins ?? []).filter((p) => !('region' in p && p.region === booking.region && [booking.year, targetYear].includes(yearOfWeek(plan, p.week) ?? 0)));
    pins.push({ region: booking.region, week: move.week, ...(team ? { team } : {}) });
    what = `${booking.region}'s fact-finding week of year ${booking.year}`;
  } else {
    const kind = booking.kind === 'return-inspection' ? 'return' : 'cycle';
    pins = (input.pins ?? []).filter((p) => !('pdu' in p && p.pdu === booking.pdu && (p.inspection ?? 'cycle') === kind));
    pins.push({ pdu: booking.pdu!, week: move.week, inspection: kind, ...(team ? { team } : {}) });
    what = `${booking.pdu}'s ${kind === 'return' ? 'return' : 'cycle'} inspection`;
  }
  const verb = booking.week === move.week ? 'Pinned' : 'Moved and pinned';
  return revise(
    db,
    state,
    {
      input: { ...input, pins },
      organisationIds: state.current.organisationIds,
      change: `${verb} ${what} to the week of ${move.week}${team ? ` (${team})` : ''}`,
      action: 'programme-cycle.pinned',
      detail: { booking: move.booking, from: { week: booking.week, team: booking.team }, to: { week: move.week, team: team ?? null } },
      field: 'week',
      except: booking.kind === 'fact-finding' ? `fact-finding|${booking.region}|${targetYear}` : move.booking,
    },
    actor,
  );
}

/** Takes the pin off a booking; the plan is made again with it free to move. */
export async function unpinBooking(db: Db, id: number, raw: unknown, actor: string) {
  const state = await stateFor(db, id, raw);
  const { booking: key } = parseFields(MoveSchema.pick({ booking: true }), raw);
  const { input, plan } = state.current;
  const booking = findBooking(plan, key);
  const pins = (input.pins ?? []).filter((p) =>
    booking.kind === 'fact-finding'
      ? !('region' in p && p.region === booking.region && p.week === booking.week)
      : !('pdu' in p && p.pdu === booking.pdu && (p.inspection ?? 'cycle') === (booking.kind === 'return-inspection' ? 'return' : 'cycle')),
  );
  if (pins.length === (input.pins ?? []).length) throw new ProgrammeFieldError([{ field: 'booking', message: 'That booking is not pinned' }]);
  const what = booking.kind === 'fact-finding' ? `${booking.region}'s fact-finding week of year ${booking.year}` : `${booking.pdu}'s ${booking.kind === 'return-inspection' ? 'return' : 'cycle'} inspection`;
  return revise(db, state, { input: { ...input, pins }, organisationIds: state.current.organisationIds, change: `Unpinned ${what}`, action: 'programme-cycle.unpinned', detail: { booking: key }, field: 'booking' }, actor);
}

const ExclusionSchema = z
  .object({
    subject: z.enum(['pdu', 'team'], { message: 'Select whether a PDU or a team is unavailable' }),
    pdu: z.string().trim().optional().default(''),
    team: z.string().trim().optional().default(''),
    from: z.string().trim().optional().default(''),
    to: z.string().trim().optional().default(''),
    reason: z.string({ message: 'Give the reason' }).trim().min(1, 'Give the reason').max(500, 'The reason must be 500 characters or fewer'),
  })
  .superRefine((e, ctx) => {
    if (e.subject === 'pdu' && !e.pdu) ctx.addIssue({ code: 'custom', path: ['pdu'], message: 'Select the PDU' });
    if (e.subject === 'team' && !e.team) ctx.addIssue({ code: 'custom', path: ['team'], message: 'Select the team' });
    for (const f of ['from', 'to'] as const)
      if (e[f] && !isRealDate(e[f])) ctx.addIssue({ code: 'custom', path: [f], message: `The ${f === 'from' ? 'first' : 'last'} day must be a real date, like 2027-08-02` });
    if (e.subject === 'team' && (!e.from || !e.to)) ctx.addIssue({ code: 'custom', path: [e.from ? 'to' : 'from'], message: 'Give the first and last day the team is away' });
    if (e.subject === 'pdu' && !!e.from !== !!e.to) ctx.addIssue({ code: 'custom', path: [e.from ? 'to' : 'from'], message: 'Give both the first and last day, or neither to leave the PDU out of this cycle' });
    if (e.from && e.to && e.from > e.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day must not be before the first' });
  });

/** Marks a PDU (for some weeks, or the whole cycle) or a team (for some weeks) unavailable, and re-plans. */
export async function addExclusion(db: Db, id: number, raw: unknown, actor: string) {
  const state = await stateFor(db, id, raw);
  const e = parseFields(ExclusionSchema, raw);
  const { input } = state.current;
  if (e.subject === 'pdu' && !input.pdus.some((p) => p.name === e.pdu)) throw new ProgrammeFieldError([{ field: 'pdu', message: `"${e.pdu}" is not a PDU of this cycle` }]);
  if (e.subject === 'team' && !input.teams.includes(e.team)) throw new ProgrammeFieldError([{ field: 'team', message: `"${e.team}" is not a team of this cycle` }]);
  const exclusion: Exclusion =
    e.subject === 'team' ? { team: e.team, from: e.from, to: e.to, reason: e.reason } : { pdu: e.pdu, ...(e.from ? { from: e.from, to: e.to } : {}), reason: e.reason };
  let pins = input.pins ?? [];
  if (e.subject === 'pdu' && !e.from) pins = pins.filter((p) => !('pdu' in p && p.pdu === e.pdu));
  const whom = e.subject === 'team' ? e.team : e.pdu;
  const when = e.from ? ` from ${e.from} to ${e.to}` : ' for the whole cycle';
  return revise(
    db,
    state,
    { input: { ...input, pins, exclusions: [...(input.exclusions ?? []), exclusion] }, organisationIds: state.current.organisationIds, change: `${whom} unavailable${when}: ${e.reason}`, action: 'programme-cycle.exclusion-added', detail: { exclusion }, field: e.subject },
    actor,
  );
}

export async function removeExclusion(db: Db, id: number, raw: unknown, actor: string) {
  const state = await stateFor(db, id, raw);
  const { index } = parseFields(z.object({ index: whole('The exclusion', 0, 10_000) }), raw);
  const exclusions = [...(state.current.input.exclusions ?? [])];
  const removed = exclusions.splice(index, 1)[0];
  if (!removed) throw new ProgrammeFieldError([{ field: 'index', message: 'There is no such exclusion' }]);
  const whom = 'team' in removed ? removed.team : removed.pdu;
  return revise(
    db,
    state,
    { input: { ...state.current.input, exclusions }, organisationIds: state.current.organisationIds, change: `Removed the exclusion of ${whom} (${removed.reason})`, action: 'programme-cycle.exclusion-removed', detail: { exclusion: removed }, field: 'index' },
    actor,
  );
}

/**
 * New settings (start, years, teams, capacity, blackouts, return window, gap), and optionally the
 * registry's PDUs and latest ratings read again: renamed PDUs keep their pins, exclusions and
 * places (matched by organisation), PDUs no longer in the registry lose theirs.
 */
export async function updateCycleSettings(db: Db, id: number, raw: unknown, actor: string) {
  const state = await stateFor(db, id, raw);
  const settings = parseFields(SettingsSchema.and(z.object({ refreshRegistry: z.enum(['yes', 'no']).optional().default('no') })), raw);
  const current = state.current.input;
  let registry = { regions: [...current.regions], pdus: [...current.pdus], nonGeographic: [] as string[], organisationIds: state.current.organisationIds };
  let pins = [...(current.pins ?? [])];
  let exclusions = [...(current.exclusions ?? [])];
  let previous = state.current.plan.bookings;
  const notes: string[] = [];
  if (settings.refreshRegistry === 'yes') {
    registry = await planningPdus(db);
    const nameNow = new Map(Object.entries(registry.organisationIds).map(([name, orgId]) => [orgId, name]));
    const rename = (name: string) => {
      const orgId = state.current.organisationIds[name];
      return orgId === undefined ? undefined : nameNow.get(orgId);
    };
    const dropped = new Set<string>();
    pins = pins.flatMap((p): Pin[] => {
      if (!('pdu' in p)) return [p];
      const now = rename(p.pdu);
      if (!now) dropped.add(p.pdu);
      return now ? [{ ...p, pdu: now }] : [];
    });
    exclusions = exclusions.flatMap((e): Exclusion[] => {
      if (!('pdu' in e)) return [e];
      const now = rename(e.pdu);
      if (!now) dropped.add(e.pdu);
      return now ? [{ ...e, pdu: now }] : [];
    });
    previous = previous.map((b) => (b.pdu && rename(b.pdu) ? { ...b, pdu: rename(b.pdu)! } : b));
    const renamed = Object.keys(state.current.organisationIds).filter((n) => rename(n) && rename(n) !== n);
    if (renamed.length) notes.push(`renamed: ${renamed.map((n) => `${n} is now ${rename(n)}`).join(', ')}`);
    if (dropped.size) notes.push(`no longer in the registry, so their pins and exclusions were dropped: ${[...dropped].join(', ')}`);
    notes.push('PDUs and latest ratings read again from the registry');
  }
  const teamsGone = new Set(current.teams.filter((t) => !settings.teams.includes(t)));
  pins = pins.map((p) => (p.team && teamsGone.has(p.team) ? (({ team: _t, ...rest }) => rest)(p) : p));
  exclusions = exclusions.filter((e) => !('team' in e && teamsGone.has(e.team)));
  const input = inputFrom(settings, registry, { pins, exclusions });
  const fakeState: CycleState = { ...state, current: { ...state.current, plan: { ...state.current.plan, bookings: previous } } };
  return revise(
    db,
    fakeState,
    {
      input,
      organisationIds: registry.organisationIds,
      change: `Settings changed${notes.length ? `; ${notes.join('; ')}` : ''}`,
      action: 'programme-cycle.settings-changed',
      detail: { start: input.start, years: input.years, teams: input.teams, capacityPerYear: input.capacityPerYear, blackouts: input.blackouts, returnWindowMonths: input.returnWindowMonths, minimumWeeksBetweenInspections: input.minimumWeeksBetweenInspections, refreshRegistry: settings.refreshRegistry },
      field: 'start',
    },
    actor,
  );
}

/** Makes the stored plan again from its stored input: the same plan, or a note of what differs. */
export function reproduce(revision: StoredRevision): { identical: boolean } {
  const again = planCycle(revision.input);
  again.unmet = checkPlan(revision.input, again);
  return { identical: isDeepStrictEqual(JSON.parse(JSON.stringify(again)), revision.plan) };
}
