// The PDU cycle planner: deterministic greedy placement with repair, in this order:
//   1. pins, as the planner set them (cycle-pins.ts);
//   2. return inspections after Inadequate, as early in their window as a team is free (cycle-returns.ts);
//   3. each PDU's cycle inspection to a programme year, keeping the region split (cycle-years.ts);
//   4. year by year, fact-finding weeks and cycle inspections spread through the year (cycle-spread.ts);
//   5. teams to bookings (cycle-teams.ts);
//   6. the checker (cycle-check.ts) lists any hard rule the capacity could not meet.
// Each booking goes in the cheapest week (cycle-weeks.ts) that keeps every rule; only when none
// does is a rule let go, and then the checker says which and what would fix it. No PDU is dropped.
// Pure: the same input always gives the same plan, whatever the order of the input's lists.
import { checkPlan } from './cycle-check.ts';
import { prepare } from './cycle-context.ts';
import { PreviousPlan } from './cycle-items.ts';
import { placePins } from './cycle-pins.ts';
import { placeReturns } from './cycle-returns.ts';
import { placeYear } from './cycle-spread.ts';
import { assignTeams } from './cycle-teams.ts';
import type { Booking, BookingKind, CycleInput, CyclePlan, YearSummary } from './cycle-types.ts';
import { assignYears } from './cycle-years.ts';
import { Board } from './cycle-weeks.ts';

const KIND_ORDER: Record<BookingKind, number> = { 'fact-finding': 0, 'return-inspection': 1, inspection: 2 };

export function planCycle(input: CycleInput): CyclePlan {
  const ctx = prepare(input);
  const board = new Board(ctx);
  const previous = new PreviousPlan(ctx, input.previous ?? []);
  const notes: string[] = ctx.excluded.map((e) => `${e.pdu} is excluded from this cycle: ${e.reason}`);

  const pinned = placePins(ctx, board, notes);
  placeReturns(ctx, board, previous, pinned.returns, notes);

  const load = Array(ctx.years + 1).fill(0) as number[];
  for (const i of board.items) if (i.kind !== 'fact-finding') load[i.year]!++;
  const returnWeek = new Map(board.items.filter((i) => i.kind === 'return-inspection').map((i) => [i.pdu!, i.week]));
  const previousYear = new Map<string, number>();
  for (const p of ctx.pdus) {
    const prev = previous.get('inspection', p.name);
    if (prev) previousYear.set(p.name, prev.year);
  }
  const { yearOf } = assignYears(ctx, { pinnedYear: pinned.cycle, returnWeek, previousYear, load });
  for (let year = 1; year <= ctx.years; year++)
    placeYear(ctx, board, previous, year, ctx.pdus.filter((p) => yearOf.get(p.name) === year && !pinned.cycle.has(p.name)));

  assignTeams(ctx, board.items);

  const teamOrder = new Map(ctx.teams.map((t, i) => [t, i]));
  const teamRank = (t: string | null) => (t === null ? Infinity : teamOrder.get(t)!);
  const bookings: Booking[] = [...board.items]
    .sort((a, b) => a.week - b.week || teamRank(a.team) - teamRank(b.team) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || ((a.pdu ?? a.region) < (b.pdu ?? b.region) ? -1 : 1))
    .map((i) => ({
      kind: i.kind,
      pdu: i.pdu,
      region: i.region,
      team: i.team,
      week: ctx.weeks[i.week]!.monday,
      year: i.year,
      pinned: i.pinned,
      beyondCapacity: false,
      reason: i.reason,
    }));
  // Past the year's capacity, counted in week order.
  const counted = Array(ctx.years + 1).fill(0) as number[];
  for (const b of bookings) if (b.kind !== 'fact-finding' && ++counted[b.year]! > ctx.capacity[b.year]!) b.beyondCapacity = true;

  const years: YearSummary[] = [];
  for (let year = 1; year <= ctx.years; year++) {
    const inYear = bookings.filter((b) => b.year === year);
    const open = ctx.yearWeeks[year]!;
    years.push({
      year,
      start: ctx.calendar.yearStarts[year - 1]!,
      end: ctx.calendar.yearStarts[year]!,
      weeks: ctx.weeks.filter((w) => w.year === year).length,
      weeksAvailable: open.length,
      capacity: ctx.capacity[year]!,
      teamWeeks: open.reduce((s, w) => s + board.cap[w]!, 0),
      inspections: inYear.filter((b) => b.kind === 'inspection').length,
      returnInspections: inYear.filter((b) => b.kind === 'return-inspection').length,
      factFindingWeeks: inYear.filter((b) => b.kind === 'fact-finding').length,
    });
  }
  const splits = ctx.regions.map((region) => ({
    region,
    perYear: years.map((y) => bookings.filter((b) => b.kind === 'inspection' && b.region === region && b.year === y.year).length),
  }));
  const plan: CyclePlan = { bookings, unmet: [], notes, years, splits };
  plan.unmet = checkPlan(input, plan);
  return plan;
}
