// Checks a plan against every hard rule of the cycle, independently of how it was made, and says
// what each breach needs. The planner returns exactly these as its `unmet`; tests use it as the oracle.
import { prepare, splitBounds, teamFree, type CycleContext } from './cycle-context.ts';
import type { Booking, CycleInput, CyclePlan, Unmet } from './cycle-types.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function everyPduOnce(ctx: CycleContext, bookings: readonly Booking[]): Unmet[] {
  const unmet: Unmet[] = [];
  for (const p of ctx.pdus) {
    const cycle = bookings.filter((b) => b.kind === 'inspection' && b.pdu === p.name).length;
    if (cycle !== 1)
      unmet.push({ rule: 'every-pdu-once', pdu: p.name, region: p.region, detail: `${p.name} has ${cycle} cycle inspections, not 1`, suggestion: 'Re-plan: every PDU is inspected once in the cycle' });
    const due = ctx.returns.get(p.name);
    const returns = bookings.filter((b) => b.kind === 'return-inspection' && b.pdu === p.name).length;
    const expected = due && due.status !== 'after-cycle' ? 1 : 0;
    if (returns !== expected)
      unmet.push({
        rule: 'every-pdu-once',
        pdu: p.name,
        region: p.region,
        detail: `${p.name} has ${plural(returns, 'return inspection')}, not ${expected}`,
        suggestion: expected ? 'Book its return after Inadequate' : 'A return is only due after an Inadequate rating, within the cycle',
      });
  }
  for (const b of bookings)
    if (b.pdu !== null && !ctx.pduByName.has(b.pdu))
      unmet.push({ rule: 'every-pdu-once', pdu: b.pdu, detail: `${b.pdu} is booked but is not a PDU of this cycle`, suggestion: 'Remove the booking' });
  return unmet;
}

function regionSplit(ctx: CycleContext, bookings: readonly Booking[], yearOf: (b: Booking) => number): Unmet[] {
  const unmet: Unmet[] = [];
  for (const region of ctx.regions) {
    const n = ctx.regionPdus.get(region)!.length;
    const { low, high } = splitBounds(n, ctx.years);
    for (let year = 1; year <= ctx.years; year++) {
      const count = bookings.filter((b) => b.kind === 'inspection' && b.region === region && yearOf(b) === year).length;
      if (count >= low && count <= high) continue;
      unmet.push({
        rule: 'region-split',
        year,
        region,
        detail: `${region} has ${plural(count, 'cycle inspection')} in year ${year}; with ${plural(n, 'PDU')} over ${ctx.years} years each year needs ${low === high ? low : `${low} or ${high}`}`,
        suggestion: 'Move a pinned inspection of this region to another year, or accept the uneven split',
      });
    }
  }
  return unmet;
}

function capacity(ctx: CycleContext, bookings: readonly Booking[], yearOf: (b: Booking) => number): Unmet[] {
  const unmet: Unmet[] = [];
  for (let year = 1; year <= ctx.years; year++) {
    const cycle = bookings.filter((b) => b.kind === 'inspection' && yearOf(b) === year).length;
    const returns = bookings.filter((b) => b.kind === 'return-inspection' && yearOf(b) === year).length;
    const cap = ctx.capacity[year]!;
    if (cycle + returns <= cap) continue;
    unmet.push({
      rule: 'yearly-capacity',
      year,
      detail: `Year ${year} needs ${cycle + returns} PDU inspections (${cycle} cycle, ${returns} return) but capacity is ${cap}`,
      suggestion: `Raise year ${year}'s capacity to ${cycle + returns} (${cycle + returns - cap} more: add a team or extend the year), or lengthen the cycle so fewer PDUs fall in each year`,
    });
  }
  return unmet;
}

function teams(ctx: CycleContext, bookings: readonly Booking[], yearOf: (b: Booking) => number): Unmet[] {
  const unmet: Unmet[] = [];
  const seen = new Set<string>();
  for (const b of bookings) {
    if (b.team === null) continue;
    if (!ctx.teams.includes(b.team))
      unmet.push({ rule: 'one-booking-per-team-week', detail: `${b.pdu ?? b.region} is booked to "${b.team}", which is not a team of this plan`, suggestion: 'Book one of the plan\'s teams' });
    const k = `${b.team}\u0000${b.week}`;
    if (seen.has(k))
      unmet.push({ rule: 'one-booking-per-team-week', detail: `${b.team} is booked twice in the week of ${b.week}`, suggestion: 'Move one of the two bookings' });
    seen.add(k);
  }
  for (let year = 1; year <= ctx.years; year++) {
    const inYear = bookings.filter((b) => yearOf(b) === year);
    const unstaffed = inYear.filter((b) => b.team === null).length;
    if (!unstaffed) continue;
    const open = ctx.yearWeeks[year]!;
    const supply = open.reduce((s, w) => s + ctx.teams.filter((t) => teamFree(ctx, t, w)).length, 0);
    const ff = inYear.filter((b) => b.kind === 'fact-finding').length;
    unmet.push({
      rule: 'team-weeks',
      year,
      detail: `Year ${year}: ${plural(unstaffed, 'booking')} have no free team; the year needs ${inYear.length} team-weeks (${inYear.length - ff} inspections, ${ff} fact-finding) and ${plural(ctx.teams.length, 'team')} give ${supply} in its ${open.length} open weeks`,
      suggestion: `Add a team (about ${open.length} team-weeks a year each), open a blackout week, or lower the return and pin load early in the year`,
    });
  }
  return unmet;
}

function factFindingFirst(ctx: CycleContext, bookings: readonly Booking[], yearOf: (b: Booking) => number): Unmet[] {
  const unmet: Unmet[] = [];
  for (const region of ctx.regions)
    for (let year = 1; year <= ctx.years; year++) {
      const inspections = bookings.filter((b) => b.kind !== 'fact-finding' && b.region === region && yearOf(b) === year);
      if (!inspections.length) continue;
      const first = inspections.reduce((m, b) => (b.week < m ? b.week : m), inspections[0]!.week);
      const ff = bookings.filter((b) => b.kind === 'fact-finding' && b.region === region && yearOf(b) === year);
      const base = { rule: 'fact-finding-first' as const, year, region };
      if (ff.length > 1) unmet.push({ ...base, detail: `${region} has ${ff.length} fact-finding weeks in year ${year}`, suggestion: 'Keep one' });
      else if (!ff.length)
        unmet.push({ ...base, detail: `${region} has no fact-finding week in year ${year}, before its first PDU inspection (week of ${first})`, suggestion: 'Free a team-week earlier in the year, or move the first inspection later' });
      else if (ff[0]!.week >= first)
        unmet.push({
          ...base,
          detail: `${region}'s fact-finding week (week of ${ff[0]!.week}) is not before its first PDU inspection of year ${year} (week of ${first})`,
          suggestion: 'Free a team-week before the first inspection, or move that inspection (or a pin) later',
        });
    }
  return unmet;
}

function returns(ctx: CycleContext, bookings: readonly Booking[]): Unmet[] {
  const unmet: Unmet[] = [];
  for (const due of ctx.returns.values()) {
    const ret = bookings.find((b) => b.kind === 'return-inspection' && b.pdu === due.pdu);
    if (!ret) continue;
    const w = ctx.weekIndex.get(ret.week)!;
    if (due.status === 'in-cycle' && (w < due.firstWeek || w > due.lastWeek))
      unmet.push({
        rule: 'return-window',
        pdu: due.pdu,
        region: due.region,
        year: ctx.weeks[w]!.year,
        detail: `${due.pdu}'s return after Inadequate (rated ${due.ratedOn}) is in the week of ${ret.week}, outside its window ${due.windowStart} to ${due.windowEnd}`,
        suggestion: 'Free a team-week within the window: add a team, move another booking, or widen the return window',
      });
    const cycle = bookings.find((b) => b.kind === 'inspection' && b.pdu === due.pdu);
    const c = cycle && ctx.weekIndex.get(cycle.week);
    if (c !== undefined && Math.abs(c - w) < ctx.minimumWeeksBetween)
      unmet.push({
        rule: 'return-gap',
        pdu: due.pdu,
        region: due.region,
        year: ctx.weeks[c]!.year,
        detail: `${due.pdu}'s cycle inspection (${cycle!.week}) and its return (${ret.week}) are ${Math.abs(c - w)} weeks apart; the minimum is ${ctx.minimumWeeksBetween}`,
        suggestion: 'Move the cycle inspection to another year, or lower the minimum gap',
      });
  }
  return unmet;
}

function availability(ctx: CycleContext, bookings: readonly Booking[]): Unmet[] {
  const unmet: Unmet[] = [];
  for (const b of bookings) {
    if (b.pinned) continue;
    const w = ctx.weekIndex.get(b.week);
    const what = b.pdu ?? `${b.region} fact-finding`;
    if (w === undefined) {
      unmet.push({ rule: 'availability', detail: `${what} is booked in the week of ${b.week}, outside the cycle (or not a Monday)`, suggestion: 'Book a week of the cycle' });
      continue;
    }
    const blackout = ctx.weeks[w]!.blackout;
    if (blackout) unmet.push({ rule: 'availability', year: ctx.weeks[w]!.year, detail: `${what} is booked in the week of ${b.week} (${blackout})`, suggestion: 'Free a team-week outside the blackouts, or add a team' });
    if (b.pdu && ctx.pduBlocked.get(b.pdu)?.has(w))
      unmet.push({ rule: 'availability', pdu: b.pdu, detail: `${b.pdu} is booked in the week of ${b.week}, which its exclusion covers`, suggestion: 'Free another week for it, or shorten the exclusion' });
    if (b.team && ctx.teamAway.get(b.team)?.has(w))
      unmet.push({ rule: 'availability', detail: `${b.team} is booked in the week of ${b.week}, when it is away`, suggestion: 'Book another team' });
  }
  return unmet;
}

function pins(ctx: CycleContext, bookings: readonly Booking[]): Unmet[] {
  const unmet: Unmet[] = [];
  const all = ctx.input.pins ?? [];
  for (const pin of all) {
    const week = ctx.weeks[ctx.weekIndex.get(pin.week)!]!;
    const kept = bookings.some(
      (b) =>
        b.pinned &&
        b.week === pin.week &&
        (pin.team === undefined || b.team === pin.team) &&
        ('pdu' in pin
          ? b.pdu === pin.pdu && b.kind === (pin.inspection === 'return' ? 'return-inspection' : 'inspection')
          : b.kind === 'fact-finding' && b.region === pin.region && b.year === week.year),
    );
    if (kept) continue;
    const what = 'pdu' in pin ? `${pin.pdu}${pin.inspection === 'return' ? ' (return)' : ''}` : `${pin.region} fact-finding`;
    const sameWeek = all.filter((p) => p.week === pin.week);
    const why =
      pin.team !== undefined && sameWeek.filter((p) => p.team === pin.team).length > 1
        ? `another pin books ${pin.team} that week`
        : sameWeek.length > ctx.teams.filter((t) => teamFree(ctx, t, week.index)).length
          ? 'that week has more pins than free teams'
          : 'it could not be kept';
    unmet.push({ rule: 'pin', year: week.year, detail: `The pin of ${what} to the week of ${pin.week}${pin.team ? ` (${pin.team})` : ''} is not kept: ${why}`, suggestion: 'Pin it to another week or team' });
  }
  return unmet;
}

/** Every hard rule the plan breaks, with what would fix it. An empty list: the plan keeps them all. */
export function checkPlan(input: CycleInput, plan: Pick<CyclePlan, 'bookings'>): Unmet[] {
  const ctx = prepare(input);
  const { bookings } = plan;
  const yearOf = (b: Booking) => {
    const w = ctx.weekIndex.get(b.week);
    return w === undefined ? 0 : ctx.weeks[w]!.year;
  };
  return [
    ...everyPduOnce(ctx, bookings),
    ...pins(ctx, bookings),
    ...regionSplit(ctx, bookings, yearOf),
    ...capacity(ctx, bookings, yearOf),
    ...teams(ctx, bookings, yearOf),
    ...factFindingFirst(ctx, bookings, yearOf),
    ...returns(ctx, bookings),
    ...availability(ctx, bookings),
  ];
}
