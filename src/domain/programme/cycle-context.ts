// The planning input read once: checked, put in a fixed order (so the plan never depends on the
// order of the input's lists), with the calendar, return windows and who is away when. The solver
// and the rule checker both start here.
import { buildCalendar, DEFAULT_BLACKOUTS, isBlackoutBound, type Calendar, type Week } from './calendar.ts';
import type { CycleInput, Exclusion, PlanningPdu, SoftWeights } from './cycle-types.ts';
import { addDays, addMonths, isIsoDate, isMonday, normaliseDate } from './dates.ts';

export class ProgrammeInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`The programme input is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export const DEFAULT_WEIGHTS: SoftWeights = { ideal: 1, regionSpread: 4, factFindingSpread: 3 };
export const DEFAULT_RETURN_WINDOW = { from: 12, to: 18 } as const;
export const DEFAULT_MINIMUM_WEEKS_BETWEEN = 26;

/** Why and when a PDU last rated Inadequate is due back. */
export interface ReturnDue {
  pdu: string;
  region: string;
  /** The rating's date as given (e.g. "2025-03"), or null when unknown. */
  ratedOn: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  /** in-cycle: the window meets the cycle; past: it ended before the cycle; unknown-date: no date to count from; after-cycle: not due in this cycle. */
  status: 'in-cycle' | 'past' | 'unknown-date' | 'after-cycle';
  /** Weeks it may go in: the window's weeks, or the whole cycle when the window is past or unknown. */
  firstWeek: number;
  lastWeek: number;
}

export interface CycleContext {
  input: CycleInput;
  calendar: Calendar;
  weeks: Week[];
  years: number;
  teams: readonly string[];
  capacity: number[];
  weights: SoftWeights;
  returnWindow: { from: number; to: number };
  minimumWeeksBetween: number;
  regions: string[];
  /** Included PDUs, by name. */
  pdus: PlanningPdu[];
  pduByName: Map<string, PlanningPdu>;
  regionPdus: Map<string, PlanningPdu[]>;
  excluded: { pdu: string; reason: string }[];
  returns: Map<string, ReturnDue>;
  pduBlocked: Map<string, Set<number>>;
  teamAway: Map<string, Set<number>>;
  weekIndex: Map<string, number>;
  /** Available (not blacked out) week indices of each year, from year 1 at [1]. */
  yearWeeks: number[][];
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const isInadequate = (rating: string | null | undefined) => rating?.trim().toLowerCase() === 'inadequate';

/** Oldest inspection first: never inspected, then by date, then inspected on an unknown date (treated as recent). */
export function priorityKey(p: PlanningPdu): string {
  if (!p.lastInspection || (!p.lastInspection.date && !p.lastInspection.rating)) return '';
  return normaliseDate(p.lastInspection.date) ?? '~';
}

export function comparePriority(a: PlanningPdu, b: PlanningPdu): number {
  return byName(priorityKey(a), priorityKey(b)) || byName(a.name, b.name);
}

function validate(input: CycleInput): string[] {
  const problems: string[] = [];
  if (!isMonday(input.start)) problems.push(`start ${input.start} is not a Monday (YYYY-MM-DD)`);
  if (!Number.isInteger(input.years) || input.years < 1 || input.years > 10) problems.push(`years must be a whole number from 1 to 10, not ${input.years}`);
  if (!input.teams.length) problems.push('at least one inspection team is needed');
  if (new Set(input.teams).size !== input.teams.length) problems.push('team names must be unique');
  if (new Set(input.regions).size !== input.regions.length) problems.push('region names must be unique');
  const regions = new Set(input.regions);
  const names = new Set<string>();
  for (const p of input.pdus) {
    if (names.has(p.name)) problems.push(`PDU "${p.name}" is listed twice`);
    names.add(p.name);
    if (!regions.has(p.region)) problems.push(`PDU "${p.name}" is in region "${p.region}", which is not in the regions list`);
    const date = p.lastInspection?.date;
    if (date && !normaliseDate(date)) problems.push(`PDU "${p.name}": last inspection date "${date}" is not YYYY-MM-DD, YYYY-MM or YYYY`);
  }
  const capacities = typeof input.capacityPerYear === 'number' ? [input.capacityPerYear] : input.capacityPerYear;
  if (typeof input.capacityPerYear !== 'number' && capacities.length !== input.years)
    problems.push(`capacityPerYear lists ${capacities.length} years but the cycle has ${input.years}`);
  if (capacities.some((c) => !Number.isInteger(c) || c < 0)) problems.push('capacityPerYear must be whole numbers, 0 or more');
  for (const b of input.blackouts ?? [])
    if (!isBlackoutBound(b.from) || !isBlackoutBound(b.to)) problems.push(`blackout "${b.label}": from and to must be MM-DD or YYYY-MM-DD`);
  const w = input.returnWindowMonths;
  if (w && !(Number.isInteger(w.from) && Number.isInteger(w.to) && 0 <= w.from && w.from <= w.to))
    problems.push('returnWindowMonths must be whole months with 0 <= from <= to');
  const gap = input.minimumWeeksBetweenInspections;
  if (gap !== undefined && !(Number.isInteger(gap) && gap >= 0)) problems.push('minimumWeeksBetweenInspections must be a whole number, 0 or more');
  for (const e of input.exclusions ?? []) {
    if ('pdu' in e && !names.has(e.pdu)) problems.push(`exclusion names PDU "${e.pdu}", which is not in the input`);
    if ('team' in e && !input.teams.includes(e.team)) problems.push(`exclusion names team "${e.team}", which is not in the input`);
    for (const d of [e.from, e.to]) if (d !== undefined && !isIsoDate(d)) problems.push(`exclusion date "${d}" is not YYYY-MM-DD`);
    if ('pdu' in e && (e.from === undefined) !== (e.to === undefined)) problems.push(`exclusion of "${e.pdu}" needs both from and to, or neither`);
  }
  return problems;
}

function validatePins(input: CycleInput, ctx: Omit<CycleContext, 'input'>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const pin of input.pins ?? []) {
    const week = ctx.weekIndex.get(pin.week);
    if (week === undefined) problems.push(`pin to ${pin.week}: not a Monday within the cycle`);
    if (pin.team !== undefined && !input.teams.includes(pin.team)) problems.push(`pin to team "${pin.team}", which is not in the input`);
    if ('pdu' in pin) {
      const kind = pin.inspection ?? 'cycle';
      if (!ctx.pduByName.has(pin.pdu))
        problems.push(`pin of PDU "${pin.pdu}": ${ctx.excluded.some((e) => e.pdu === pin.pdu) ? 'the PDU is excluded from this cycle' : 'not in the input'}`);
      else if (kind === 'return' && ctx.returns.get(pin.pdu)?.status === undefined)
        problems.push(`pin of a return inspection for "${pin.pdu}", which is not due one (its last rating is not Inadequate)`);
      else if (kind === 'return' && ctx.returns.get(pin.pdu)?.status === 'after-cycle')
        problems.push(`pin of a return inspection for "${pin.pdu}", which falls due after this cycle`);
      const key = `${kind}:${pin.pdu}`;
      if (seen.has(key)) problems.push(`PDU "${pin.pdu}" has two pins for its ${kind} inspection`);
      seen.add(key);
    } else {
      if (!ctx.regions.includes(pin.region)) problems.push(`pin of fact-finding for region "${pin.region}", which is not in the input`);
      const key = `ff:${pin.region}:${week === undefined ? '' : ctx.weeks[week]!.year}`;
      if (seen.has(key)) problems.push(`region "${pin.region}" has two fact-finding pins in one year`);
      seen.add(key);
    }
  }
  return problems;
}

function weekSet(weeks: Week[], from: string | undefined, to: string | undefined): Set<number> {
  return new Set(weeks.filter((w) => (from === undefined || w.monday >= from) && (to === undefined || w.monday <= to)).map((w) => w.index));
}

function returnDue(p: PlanningPdu, window: { from: number; to: number }, weeks: Week[], cycleEnd: string): ReturnDue | null {
  if (!isInadequate(p.lastInspection?.rating)) return null;
  const base = { pdu: p.name, region: p.region, ratedOn: p.lastInspection?.date ?? null };
  const last = weeks.length - 1;
  const rated = normaliseDate(p.lastInspection?.date);
  if (!rated) return { ...base, windowStart: null, windowEnd: null, status: 'unknown-date', firstWeek: 0, lastWeek: last };
  const windowStart = addMonths(rated, window.from);
  const windowEnd = addMonths(rated, window.to);
  // A week is in the window when any of its days is.
  const inside = weeks.filter((w) => w.monday <= windowEnd && addDays(w.monday, 6) >= windowStart);
  if (windowEnd < weeks[0]!.monday) return { ...base, windowStart, windowEnd, status: 'past', firstWeek: 0, lastWeek: last };
  if (windowStart >= cycleEnd || !inside.length) return { ...base, windowStart, windowEnd, status: 'after-cycle', firstWeek: last + 1, lastWeek: last + 1 };
  return { ...base, windowStart, windowEnd, status: 'in-cycle', firstWeek: inside[0]!.index, lastWeek: inside.at(-1)!.index };
}

export function prepare(input: CycleInput): CycleContext {
  const problems = validate(input);
  if (problems.length) throw new ProgrammeInputError(problems);
  const calendar = buildCalendar(input.start, input.years, input.blackouts ?? DEFAULT_BLACKOUTS);
  const { weeks } = calendar;
  const weekIndex = new Map(weeks.map((w) => [w.monday, w.index]));
  const exclusions: readonly Exclusion[] = input.exclusions ?? [];
  const wholly = new Map<string, string>();
  const pduBlocked = new Map<string, Set<number>>();
  const teamAway = new Map<string, Set<number>>();
  for (const e of exclusions) {
    if ('pdu' in e) {
      if (e.from === undefined) wholly.set(e.pdu, e.reason);
      else pduBlocked.set(e.pdu, new Set([...(pduBlocked.get(e.pdu) ?? []), ...weekSet(weeks, e.from, e.to)]));
    } else teamAway.set(e.team, new Set([...(teamAway.get(e.team) ?? []), ...weekSet(weeks, e.from, e.to)]));
  }
  const pdus = input.pdus.filter((p) => !wholly.has(p.name)).sort((a, b) => byName(a.name, b.name));
  const regions = [...input.regions].sort(byName);
  const regionPdus = new Map(regions.map((r) => [r, pdus.filter((p) => p.region === r)]));
  const returnWindow = input.returnWindowMonths ?? DEFAULT_RETURN_WINDOW;
  const returns = new Map<string, ReturnDue>();
  for (const p of pdus) {
    const due = returnDue(p, returnWindow, weeks, calendar.yearStarts[input.years]!);
    if (due) returns.set(p.name, due);
  }
  const yearWeeks: number[][] = [[]];
  for (let y = 1; y <= input.years; y++) yearWeeks.push(weeks.filter((w) => w.year === y && !w.blackout).map((w) => w.index));
  const capacity = typeof input.capacityPerYear === 'number' ? Array<number>(input.years).fill(input.capacityPerYear) : [...input.capacityPerYear];
  const ctx = {
    calendar,
    weeks,
    years: input.years,
    teams: input.teams,
    capacity: [0, ...capacity],
    weights: { ...DEFAULT_WEIGHTS, ...input.weights },
    returnWindow,
    minimumWeeksBetween: input.minimumWeeksBetweenInspections ?? DEFAULT_MINIMUM_WEEKS_BETWEEN,
    regions,
    pdus,
    pduByName: new Map(pdus.map((p) => [p.name, p])),
    regionPdus,
    excluded: [...wholly].map(([pdu, reason]) => ({ pdu, reason })).sort((a, b) => byName(a.pdu, b.pdu)),
    returns,
    pduBlocked,
    teamAway,
    weekIndex,
    yearWeeks,
  };
  const pinProblems = validatePins(input, ctx);
  if (pinProblems.length) throw new ProgrammeInputError(pinProblems);
  return { input, ...ctx };
}

/** Cycle inspections a region must have each year: floor or ceil of n / years. */
export function splitBounds(n: number, years: number): { low: number; high: number } {
  return { low: Math.floor(n / years), high: Math.ceil(n / years) };
}

/** A team works in a week unless it is away (a pin to that team overrides this). */
export const teamFree = (ctx: CycleContext, team: string, week: number) => !ctx.teamAway.get(team)?.has(week);
