// The solver's hard rules on random inputs. Each property checks the plan with its own counting
// (cycle.fixtures.ts), not only through the solver's checker.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar, DEFAULT_BLACKOUTS } from './calendar.ts';
import { checkPlan } from './cycle-check.ts';
import { cycleOf, doubleBooked, factFindingProblems, returnOf, splitOf } from './cycle.fixtures.ts';
import { planCycle } from './cycle.ts';
import type { CycleInput, Pin, PlanningPdu } from './cycle-types.ts';
import { addDays, addMonths, normaliseDate } from './dates.ts';

const RATINGS = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] as const;

const lastInspection = fc.oneof(
  fc.constant(null),
  fc.record({
    date: fc.oneof(
      fc.integer({ min: 0, max: 2600 }).map((d) => addDays('2019-01-01', d)),
      fc.integer({ min: 2019, max: 2026 }).map(String),
      fc.constant(null),
    ),
    rating: fc.constantFrom(...RATINGS, null),
  }),
);

/** 1 to 5 regions of 1 to 9 PDUs, a Monday start in 2026-2028, 1 to 4 years, 1 to 3 teams. */
const baseInput = fc
  .record({
    regionSizes: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
    lasts: fc.array(lastInspection, { minLength: 45, maxLength: 45 }),
    startWeek: fc.integer({ min: 0, max: 150 }),
    years: fc.integer({ min: 1, max: 4 }),
    teams: fc.integer({ min: 1, max: 3 }),
    capacity: fc.integer({ min: 0, max: 30 }),
    blackouts: fc.boolean(),
    window: fc.record({ from: fc.integer({ min: 0, max: 12 }), span: fc.integer({ min: 0, max: 12 }) }),
    gap: fc.integer({ min: 0, max: 40 }),
  })
  .map(({ regionSizes, lasts, startWeek, years, teams, capacity, blackouts, window, gap }): CycleInput => {
    const regions = regionSizes.map((_, i) => `Region ${i + 1}`);
    const pdus: PlanningPdu[] = regionSizes.flatMap((n, r) =>
      Array.from({ length: n }, (_, i) => ({ name: `R${r + 1} PDU ${i + 1}`, region: regions[r]!, lastInspection: lasts[r * 9 + i] ?? null })),
    );
    return {
      start: addDays('2026-01-05', 7 * startWeek),
      years,
      regions,
      pdus,
      teams: ['A', 'B', 'C'].slice(0, teams),
      capacityPerYear: capacity,
      blackouts: blackouts ? DEFAULT_BLACKOUTS : [],
      returnWindowMonths: { from: window.from, to: window.from + window.span },
      minimumWeeksBetweenInspections: gap,
    };
  });

/** The base input with up to four PDU pins to weeks of its cycle (some to a team), and maybe a region's fact-finding pin. */
const withPins = baseInput.chain((input) => {
  const weeks = buildCalendar(input.start, input.years, input.blackouts!).weeks;
  const pin = fc
    .record({ pdu: fc.constantFrom(...input.pdus.map((p) => p.name)), week: fc.constantFrom(...weeks.map((w) => w.monday)), team: fc.option(fc.constantFrom(...input.teams), { nil: undefined }) })
    .map(({ pdu, week, team }): Pin => (team === undefined ? { pdu, week } : { pdu, week, team }));
  const factFinding = fc.option(
    fc.record({ region: fc.constantFrom(...input.regions), week: fc.constantFrom(...weeks.map((w) => w.monday)) }),
    { nil: undefined },
  );
  return fc
    .tuple(fc.uniqueArray(pin, { maxLength: 4, selector: (p) => ('pdu' in p ? p.pdu : '') }), factFinding)
    .map(([pins, ff]) => ({ ...input, pins: ff ? [...pins, ff] : pins }));
});

const isInadequate = (p: PlanningPdu) => p.lastInspection?.rating === 'Inadequate';

describe('the PDU cycle solver, on random inputs', () => {
  it('books every PDU exactly once, and one return for each Inadequate PDU due in the cycle, however short the capacity', () => {
    fc.assert(
      fc.property(withPins, (input) => {
        const plan = planCycle(input);
        const cycleEnd = buildCalendar(input.start, input.years, []).yearStarts.at(-1)!;
        for (const p of input.pdus) {
          expect(cycleOf(plan.bookings, p.name)).toHaveLength(1);
          const rated = normaliseDate(p.lastInspection?.date);
          const dueAfter = rated !== null && addMonths(rated, input.returnWindowMonths!.from) >= cycleEnd;
          expect(returnOf(plan.bookings, p.name)).toHaveLength(isInadequate(p) && !dueAfter ? 1 : 0);
        }
        expect(plan.bookings.filter((b) => b.kind !== 'fact-finding')).toHaveLength(
          input.pdus.length + plan.bookings.filter((b) => b.kind === 'return-inspection').length,
        );
      }),
      { numRuns: 150 },
    );
  });

  it('never books a team twice in a week', () => {
    fc.assert(
      fc.property(withPins, (input) => {
        expect(doubleBooked(planCycle(input).bookings)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the region split to floor or ceil of n / years unless a pin forces otherwise, and says so when it does', () => {
    fc.assert(
      fc.property(withPins, (input) => {
        const plan = planCycle(input);
        for (const region of input.regions) {
          const n = input.pdus.filter((p) => p.region === region).length;
          const split = splitOf(plan.bookings, region, input.years);
          split.forEach((count, y) => {
            const ok = count === Math.floor(n / input.years) || count === Math.ceil(n / input.years);
            const reported = plan.unmet.some((u) => u.rule === 'region-split' && u.region === region && u.year === y + 1);
            expect(ok).toBe(!reported);
            if (!input.pins.length) expect(ok).toBe(true);
          });
          expect(split.reduce((s, c) => s + c, 0)).toBe(n);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reports every year over capacity, and only those', () => {
    fc.assert(
      fc.property(baseInput, (input) => {
        const plan = planCycle(input);
        for (let year = 1; year <= input.years; year++) {
          const count = plan.bookings.filter((b) => b.year === year && b.kind !== 'fact-finding').length;
          const over = count > (input.capacityPerYear as number);
          expect(plan.unmet.some((u) => u.rule === 'yearly-capacity' && u.year === year)).toBe(over);
          expect(plan.bookings.filter((b) => b.year === year && b.beyondCapacity)).toHaveLength(Math.max(0, count - (input.capacityPerYear as number)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('puts each region fact-finding week before its first PDU of the year whenever the teams have room', () => {
    fc.assert(
      fc.property(baseInput, (input) => {
        const plan = planCycle({ ...input, teams: ['A', 'B', 'C'] });
        const problems = factFindingProblems(plan.bookings);
        expect(problems.length > 0).toBe(plan.unmet.some((u) => u.rule === 'fact-finding-first'));
        const roomy = plan.years.every((y) => y.teamWeeks >= 2 * (y.inspections + y.returnInspections + y.factFindingWeeks) && y.weeksAvailable >= 8);
        if (roomy) expect(problems).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('books each return within its window when the window has open weeks and the teams have room', () => {
    fc.assert(
      fc.property(baseInput, (input) => {
        const roomy = { ...input, teams: ['A', 'B', 'C'], capacityPerYear: 100 };
        const plan = planCycle(roomy);
        const weeks = buildCalendar(input.start, input.years, input.blackouts!).weeks;
        for (const p of input.pdus.filter(isInadequate)) {
          const rated = normaliseDate(p.lastInspection?.date);
          const [ret] = returnOf(plan.bookings, p.name);
          if (!rated || !ret) continue;
          const from = addMonths(rated, input.returnWindowMonths!.from);
          const to = addMonths(rated, input.returnWindowMonths!.to);
          // A week is in the window when any of its days is.
          const open = weeks.filter((w) => !w.blackout && w.monday <= to && addDays(w.monday, 6) >= from);
          const inWindow = ret.week <= to && addDays(ret.week, 6) >= from;
          if (to < input.start) expect(ret.reason).toMatch(/before the cycle began; as early as possible/);
          // Two open weeks in the window within one year: one for the region's fact-finding, one for the return.
          else if (open.length >= 2 && open[0]!.year === open[1]!.year && input.pdus.length <= 20) expect(inWindow).toBe(true);
          expect(inWindow || to < input.start).toBe(!plan.unmet.some((u) => u.rule === 'return-window' && u.pdu === p.name));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every pin that does not clash with another', () => {
    fc.assert(
      fc.property(withPins, (input) => {
        const plan = planCycle(input);
        const pins = input.pins.filter((p): p is Extract<Pin, { pdu: string }> => 'pdu' in p);
        for (const pin of pins) {
          const sameWeek = pins.filter((p) => p.week === pin.week);
          const clash = sameWeek.length > input.teams.length || (pin.team !== undefined && sameWeek.some((p) => p !== pin && p.team === pin.team));
          const kept = cycleOf(plan.bookings, pin.pdu).some((b) => b.week === pin.week && b.pinned && (pin.team === undefined || b.team === pin.team));
          if (!clash) expect(kept).toBe(true);
          expect(kept).toBe(!plan.unmet.some((u) => u.rule === 'pin' && u.detail.startsWith(`The pin of ${pin.pdu} `)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives the identical plan for the same input, whatever the order of its lists', () => {
    fc.assert(
      fc.property(withPins, (input) => {
        const plan = planCycle(input);
        expect(planCycle(input)).toEqual(plan);
        expect(planCycle({ ...input, pdus: [...input.pdus].reverse(), regions: [...input.regions].reverse(), pins: [...input.pins].reverse() })).toEqual(plan);
      }),
      { numRuns: 60 },
    );
  });

  it('returns as unmet exactly what the checker finds, and leaves a booking without a team only when it says so', () => {
    fc.assert(
      fc.property(withPins, (input) => {
        const plan = planCycle(input);
        expect(plan.unmet).toEqual(checkPlan(input, plan));
        expect(plan.bookings.some((b) => b.team === null)).toBe(plan.unmet.some((u) => u.rule === 'team-weeks'));
      }),
      { numRuns: 100 },
    );
  });
});
