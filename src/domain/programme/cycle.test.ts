import { describe, expect, it } from 'vitest';
import { checkPlan } from './cycle-check.ts';
import { ProgrammeInputError } from './cycle-context.ts';
import { cycleOf, doubleBooked, factFindingProblems, inputOf, regionOf, returnOf, splitOf } from './cycle.fixtures.ts';
import { planCycle } from './cycle.ts';
import type { Booking } from './cycle-types.ts';

const rules = (unmet: { rule: string }[]) => unmet.map((u) => u.rule);

describe('the region split', () => {
  it('splits 7 PDUs over three years 2/2/3, the extra going to the later year when loads are level', () => {
    const plan = planCycle(inputOf(regionOf('North East', 7)));
    expect(plan.splits).toEqual([{ region: 'North East', perYear: [2, 2, 3] }]);
    expect(splitOf(plan.bookings, 'North East', 3)).toEqual([2, 2, 3]);
    expect(plan.unmet).toEqual([]);
  });

  it('gives each region floor or ceil of a third, keeping the national totals level', () => {
    const pdus = [...regionOf('Alpha', 7), ...regionOf('Beta', 8), ...regionOf('Gamma', 6), ...regionOf('Delta', 13)];
    const plan = planCycle(inputOf(pdus));
    expect(plan.splits).toEqual([
      { region: 'Alpha', perYear: [2, 2, 3] },
      { region: 'Beta', perYear: [3, 3, 2] },
      { region: 'Delta', perYear: [4, 4, 5] },
      { region: 'Gamma', perYear: [2, 2, 2] },
    ]);
    const totals = plan.years.map((y) => y.inspections);
    expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(1);
    expect(plan.unmet).toEqual([]);
  });

  it('books every PDU exactly once, with no team twice in a week, the fact-finding week first, and nothing in a blackout', () => {
    const pdus = [...regionOf('Alpha', 9), ...regionOf('Beta', 11)];
    const plan = planCycle(inputOf(pdus));
    for (const p of pdus) expect(cycleOf(plan.bookings, p.name)).toHaveLength(1);
    expect(doubleBooked(plan.bookings)).toEqual([]);
    expect(factFindingProblems(plan.bookings)).toEqual([]);
    expect(plan.bookings.filter((b) => b.week.slice(5, 7) === '08')).toEqual([]);
    expect(plan.bookings.filter((b) => b.week.slice(5) >= '12-19' || b.week.slice(5) <= '01-01')).toEqual([]);
    expect(plan.bookings.filter((b) => b.kind === 'fact-finding')).toHaveLength(6);
  });

  it('spreads a region through the year rather than bunching it', () => {
    const plan = planCycle(inputOf(regionOf('London', 18)));
    const year1 = plan.bookings.filter((b) => b.year === 1 && b.kind === 'inspection').map((b) => b.week);
    expect(year1).toHaveLength(6);
    const gaps = year1.slice(1).map((w, i) => (Date.parse(w) - Date.parse(year1[i]!)) / (7 * 86_400_000));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5);
  });
});

describe('who goes first', () => {
  it('inspects the PDUs not inspected longest first: never inspected, then oldest, then undated', () => {
    const dates = [null, '2021-05-01', '2024-02-01', '2022-09', '2020', 'unknown'];
    const pdus = regionOf('Wales', 6, (i) => {
      const d = dates[i]!;
      return d === null ? null : d === 'unknown' ? { date: null, rating: 'Good' } : { date: d, rating: 'Good' };
    });
    const plan = planCycle(inputOf(pdus));
    const yearOf = (n: number) => cycleOf(plan.bookings, `Wales 0${n}`)[0]!.year;
    // Never inspected (01) and 2020 (05) in year 1; 2021-05 (02) and 2022-09 (04) in year 2; 2024 (03) and undated (06) last.
    expect([1, 5].map(yearOf)).toEqual([1, 1]);
    expect([2, 4].map(yearOf)).toEqual([2, 2]);
    expect([3, 6].map(yearOf)).toEqual([3, 3]);
    expect(cycleOf(plan.bookings, 'Wales 01')[0]!.reason).toMatch(/no earlier inspection on record/);
    expect(cycleOf(plan.bookings, 'Wales 06')[0]!.reason).toMatch(/unknown date, rated Good \(taken as recent\)/);
  });
});

describe('return inspections after Inadequate', () => {
  it('books the return within the window and the cycle inspection at least the minimum gap away', () => {
    const pdus = regionOf('South West', 6, (i) => (i === 0 ? { date: '2026-11-16', rating: 'Inadequate' } : null));
    const plan = planCycle(inputOf(pdus, { returnWindowMonths: { from: 12, to: 18 } }));
    const [ret] = returnOf(plan.bookings, 'South West 01');
    // The first week with a day in the window (a week is in it when any of its days is).
    expect(ret!.week).toBe('2027-11-15');
    expect(ret!.reason).toBe('return after Inadequate (rated 2026-11-16): due 12-18 months on, 2027-11-16 to 2028-05-16');
    const [cycle] = cycleOf(plan.bookings, 'South West 01');
    expect(Math.abs(Date.parse(cycle!.week) - Date.parse(ret!.week)) / (7 * 86_400_000)).toBeGreaterThanOrEqual(26);
    expect(plan.unmet).toEqual([]);
  });

  it('books a return whose window has passed as early as possible, after the region fact-finding week, and says why', () => {
    const pdus = regionOf('Wales', 6, (i) => (i === 2 ? { date: '2024-10', rating: 'Inadequate' } : { date: '2024-01', rating: 'Good' }));
    const plan = planCycle(inputOf(pdus));
    const [ret] = returnOf(plan.bookings, 'Wales 03');
    expect(ret!.week).toBe('2027-04-12');
    expect(ret!.reason).toBe('return after Inadequate (rated 2024-10): its 12-18 month window ended 2026-04-01, before the cycle began; as early as possible');
    expect(plan.bookings[0]).toMatchObject({ kind: 'fact-finding', region: 'Wales', week: '2027-04-05' });
    expect(plan.notes).toContain('Wales 03: the return window after its Inadequate rating ended 2026-04-01, before the cycle; booked as early as possible');
    expect(plan.unmet).toEqual([]);
  });

  it('gives the last weeks of a window to the return due in it, not to one already overdue', () => {
    // One team; the window of Wales 01 (rated 2026-01-14, 9-17 months) ends in the cycle's second week.
    const pdus = regionOf('Wales', 3, (i) => [{ date: '2026-01-14', rating: 'Inadequate' }, { date: '2019-01-01', rating: 'Inadequate' }, null][i]!);
    const plan = planCycle(inputOf(pdus, { start: '2027-06-07', years: 1, teams: ['Team A'], blackouts: [], returnWindowMonths: { from: 9, to: 17 } }));
    expect(returnOf(plan.bookings, 'Wales 01')[0]!.week).toBe('2027-06-14');
    expect(returnOf(plan.bookings, 'Wales 02')[0]!.week).toBe('2027-06-21');
    expect(plan.unmet).toEqual([]);
  });

  it('counts returns against the yearly capacity but not the region split', () => {
    const pdus = regionOf('Wales', 6, () => ({ date: '2025-01-01', rating: 'Inadequate' }));
    const plan = planCycle(inputOf(pdus, { capacityPerYear: 6 }));
    expect(plan.splits[0]!.perYear).toEqual([2, 2, 2]);
    expect(plan.years[0]).toMatchObject({ inspections: 2, returnInspections: 6 });
    expect(plan.unmet).toEqual([
      {
        rule: 'yearly-capacity',
        year: 1,
        detail: 'Year 1 needs 8 PDU inspections (2 cycle, 6 return) but capacity is 6',
        suggestion: "Raise year 1's capacity to 8 (2 more: add a team or extend the year), or lengthen the cycle so fewer PDUs fall in each year",
      },
    ]);
    expect(plan.bookings.filter((b) => b.beyondCapacity)).toHaveLength(2);
  });
});

describe('when capacity cannot meet the rules', () => {
  it('still books every PDU, flags those past capacity and says what is needed', () => {
    const pdus = [...regionOf('Alpha', 45), ...regionOf('Beta', 45)];
    const plan = planCycle(inputOf(pdus, { capacityPerYear: 25, teams: ['Team A', 'Team B', 'Team C'] }));
    for (const p of pdus) expect(cycleOf(plan.bookings, p.name)).toHaveLength(1);
    expect(plan.unmet.map((u) => u.detail)).toEqual([
      'Year 1 needs 30 PDU inspections (30 cycle, 0 return) but capacity is 25',
      'Year 2 needs 30 PDU inspections (30 cycle, 0 return) but capacity is 25',
      'Year 3 needs 30 PDU inspections (30 cycle, 0 return) but capacity is 25',
    ]);
    expect(plan.bookings.filter((b) => b.beyondCapacity)).toHaveLength(15);
  });

  it('leaves a booking without a team, rather than double-booking or dropping it, when the teams run out', () => {
    const pdus = [...regionOf('Alpha', 45), ...regionOf('Beta', 45), ...regionOf('Gamma', 45)];
    const plan = planCycle(inputOf(pdus, { teams: ['Only team'], capacityPerYear: 45 }));
    for (const p of pdus) expect(cycleOf(plan.bookings, p.name)).toHaveLength(1);
    expect(doubleBooked(plan.bookings)).toEqual([]);
    const unstaffed = plan.bookings.filter((b) => b.team === null);
    expect(unstaffed).toHaveLength(2 + 2 + 2);
    expect(rules(plan.unmet)).toContain('team-weeks');
    expect(plan.unmet.find((u) => u.rule === 'team-weeks')!.detail).toMatch(/^Year 1: \d+ bookings have no free team; the year needs 48 team-weeks \(45 inspections, 3 fact-finding\) and 1 team give 46 in its 46 open weeks$/);
  });
});

describe('pins and moves', () => {
  const pdus = [...regionOf('Alpha', 7), ...regionOf('Beta', 8)];

  it('keeps a pin and re-plans the rest around it', () => {
    const plan = planCycle(inputOf(pdus, { pins: [{ pdu: 'Alpha 01', week: '2028-06-05', team: 'Team B' }] }));
    expect(cycleOf(plan.bookings, 'Alpha 01')).toMatchObject([{ week: '2028-06-05', team: 'Team B', year: 2, pinned: true }]);
    expect(plan.unmet).toEqual([]);
    expect(factFindingProblems(plan.bookings)).toEqual([]);
    expect(doubleBooked(plan.bookings)).toEqual([]);
  });

  it('moves one inspection and leaves almost everything else where it was', () => {
    const first = planCycle(inputOf(pdus));
    const moving = cycleOf(first.bookings, 'Beta 03')[0]!;
    const target = moving.year === 3 ? '2029-10-01' : '2028-10-02';
    const second = planCycle(inputOf(pdus, { pins: [{ pdu: 'Beta 03', week: target }], previous: first.bookings }));
    expect(cycleOf(second.bookings, 'Beta 03')[0]!.week).toBe(target);
    const where = (bs: Booking[]) => new Map(bs.map((b) => [`${b.kind} ${b.pdu ?? b.region} ${b.year}`, b.week]));
    const before = where(first.bookings);
    const moved = [...where(second.bookings)].filter(([k, w]) => before.get(k) !== w);
    expect(moved.length).toBeLessThanOrEqual(4);
    expect(second.unmet).toEqual([]);
  });

  it('reports a pin it cannot keep, and still books that PDU', () => {
    const plan = planCycle(
      inputOf(pdus, {
        pins: [
          { pdu: 'Alpha 01', week: '2027-06-07', team: 'Team A' },
          { pdu: 'Alpha 02', week: '2027-06-07', team: 'Team A' },
        ],
      }),
    );
    expect(plan.unmet).toEqual([
      {
        rule: 'pin',
        year: 1,
        detail: 'The pin of Alpha 02 to the week of 2027-06-07 (Team A) is not kept: another pin books Team A that week',
        suggestion: 'Pin it to another week or team',
      },
    ]);
    expect(cycleOf(plan.bookings, 'Alpha 02')).toHaveLength(1);
  });

  it('reports the split a pin forces', () => {
    const plan = planCycle(
      inputOf(regionOf('Gamma', 6), { pins: ['2027-06-07', '2027-07-05', '2027-09-06'].map((week, i) => ({ pdu: `Gamma 0${i + 1}`, week })) }),
    );
    expect(plan.splits[0]!.perYear).toEqual([3, 2, 1]);
    expect(rules(plan.unmet)).toEqual(['region-split', 'region-split']);
    expect(plan.unmet[0]!.detail).toBe('Gamma has 3 cycle inspections in year 1; with 6 PDUs over 3 years each year needs 2');
  });

  it('refuses pins that name nothing in the input', () => {
    expect(() => planCycle(inputOf(pdus, { pins: [{ pdu: 'Nowhere', week: '2027-06-07' }] }))).toThrow(ProgrammeInputError);
    expect(() => planCycle(inputOf(pdus, { pins: [{ pdu: 'Alpha 01', week: '2027-06-08' }] }))).toThrow(/not a Monday within the cycle/);
    expect(() => planCycle(inputOf(pdus, { start: '2027-04-06' }))).toThrow(/not a Monday/);
  });
});

describe('exclusions and blackouts', () => {
  const pdus = [...regionOf('Alpha', 6), ...regionOf('Beta', 6)];

  it('leaves out an excluded PDU, says so, and keeps others out of their excluded weeks and teams out when away', () => {
    const plan = planCycle(
      inputOf(pdus, {
        exclusions: [
          { pdu: 'Alpha 06', reason: 'not a geographic PDU' },
          { pdu: 'Beta 01', from: '2027-04-01', to: '2028-12-31', reason: 'restructuring' },
          { team: 'Team A', from: '2027-04-01', to: '2027-09-30', reason: 'thematic fieldwork' },
        ],
      }),
    );
    expect(plan.bookings.filter((b) => b.pdu === 'Alpha 06')).toEqual([]);
    expect(plan.notes).toContain('Alpha 06 is excluded from this cycle: not a geographic PDU');
    expect(cycleOf(plan.bookings, 'Beta 01')[0]!.week > '2028-12-31').toBe(true);
    expect(plan.bookings.filter((b) => b.team === 'Team A' && b.week <= '2027-09-30')).toEqual([]);
    // Five PDUs left: the two extra go to the later years.
    expect(plan.splits.find((s) => s.region === 'Alpha')!.perYear).toEqual([1, 2, 2]);
    expect(plan.unmet).toEqual([]);
  });
});

describe('determinism', () => {
  it('gives the identical plan for the same input, in any order', () => {
    const pdus = [
      ...regionOf('Alpha', 7, (i) => (i % 3 === 0 ? { date: `202${i % 5}-03`, rating: 'Inadequate' } : null)),
      ...regionOf('Beta', 8, (i) => ({ date: `2024-0${i + 1}-01`, rating: 'Requires improvement' })),
    ];
    const input = inputOf(pdus, { pins: [{ pdu: 'Beta 02', week: '2028-09-04' }, { region: 'Alpha', week: '2027-05-03' }] });
    const a = planCycle(input);
    const b = planCycle({ ...input, pdus: [...pdus].reverse(), regions: [...input.regions].reverse(), pins: [...input.pins!].reverse() });
    expect(b).toEqual(a);
    expect(planCycle(input)).toEqual(a);
  });
});

describe('the checker', () => {
  const input = inputOf([...regionOf('Alpha', 6), ...regionOf('Beta', 7)]);
  const plan = planCycle(input);

  it('finds nothing wrong with a plan that keeps the rules', () => expect(checkPlan(input, plan)).toEqual([]));

  it('finds a missing PDU, a team booked twice and a fact-finding week after the first inspection', () => {
    const bookings = plan.bookings.filter((b) => b.pdu !== 'Alpha 03');
    const ff = bookings.findIndex((b) => b.kind === 'fact-finding' && b.region === 'Beta' && b.year === 1);
    bookings[ff] = { ...bookings[ff]!, week: '2028-03-27' };
    const inspection = bookings.find((b) => b.kind === 'inspection' && b.week !== '2028-03-27')!;
    bookings.push({ ...inspection, pdu: 'Beta 99' });
    const found = checkPlan(input, { bookings });
    expect(rules(found)).toEqual(expect.arrayContaining(['every-pdu-once', 'one-booking-per-team-week', 'fact-finding-first']));
    expect(found.find((u) => u.rule === 'every-pdu-once')!.detail).toBe('Alpha 03 has 0 cycle inspections, not 1');
  });
});
