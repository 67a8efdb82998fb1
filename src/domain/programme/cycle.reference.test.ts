// The real 12 regions and 110 PDUs (reference/organisations/regions-pdus.json) with their last
// published ratings: 31 PDUs were last rated Inadequate, all of them before a 2027 cycle's windows.
import { describe, expect, it } from 'vitest';
import { loadRegions } from '../../reference/organisations.ts';
import { cycleOf, doubleBooked, factFindingProblems, returnOf } from './cycle.fixtures.ts';
import { planCycle } from './cycle.ts';
import { pdusFromReference } from './reference-input.ts';

const file = loadRegions();
const { regions, pdus, nonGeographic } = pdusFromReference(file);
const lastRatedInadequate = file.regions.flatMap((r) => r.pdus).filter((p) => p.inspections.at(-1)?.overallRating === 'Inadequate');
const base = { start: '2027-04-05', years: 3, regions, pdus };

describe('the real regions and PDUs', () => {
  it('reads 110 PDUs in 12 regions, with the latest rating of each', () => {
    expect(regions).toHaveLength(12);
    expect(pdus).toHaveLength(110);
    expect(lastRatedInadequate).toHaveLength(31);
    expect(pdus.find((p) => p.name === 'Kirklees')!.lastInspection).toEqual({ date: '2024-11', rating: 'Inadequate' });
    expect(pdus.find((p) => p.name === 'Brent')!.lastInspection).toBeNull();
    expect(nonGeographic).toEqual(['Birmingham Courts and Centralised Functions']);
  });

  it('plans three years with every rule kept when capacity allows (80 a year, three teams)', () => {
    const plan = planCycle({ ...base, teams: ['Team 1', 'Team 2', 'Team 3'], capacityPerYear: 80 });
    expect(plan.unmet).toEqual([]);
    for (const p of pdus) expect(cycleOf(plan.bookings, p.name)).toHaveLength(1);
    for (const p of lastRatedInadequate) expect(returnOf(plan.bookings, p.name)).toHaveLength(1);
    expect(doubleBooked(plan.bookings)).toEqual([]);
    expect(factFindingProblems(plan.bookings)).toEqual([]);
    for (const { region, perYear } of plan.splits) {
      const n = pdus.filter((p) => p.region === region).length;
      for (const count of perYear) expect([Math.floor(n / 3), Math.ceil(n / 3)]).toContain(count);
    }
    expect(plan.splits.find((s) => s.region === 'London')!.perYear).toEqual([6, 6, 6]);
    expect(plan.years.map((y) => y.factFindingWeeks)).toEqual([12, 12, 12]);
    // Every return's window had passed before April 2027, so they all come first, in year 1.
    expect(plan.years.map((y) => y.returnInspections)).toEqual([31, 0, 0]);
    expect(returnOf(plan.bookings, 'Kirklees')[0]!.reason).toBe(
      'return after Inadequate (rated 2024-11): its 12-18 month window ended 2026-05-01, before the cycle began; as early as possible',
    );
  });

  it('says what 30 inspections a year cannot do, and still books every PDU', () => {
    const plan = planCycle({ ...base, teams: ['Team 1', 'Team 2'], capacityPerYear: 30 });
    for (const p of pdus) expect(cycleOf(plan.bookings, p.name)).toHaveLength(1);
    expect(plan.unmet.map((u) => u.rule)).toEqual(['yearly-capacity', 'yearly-capacity', 'yearly-capacity']);
    const [y1] = plan.years;
    expect(plan.unmet[0]).toEqual({
      rule: 'yearly-capacity',
      year: 1,
      detail: `Year 1 needs ${y1!.inspections + 31} PDU inspections (${y1!.inspections} cycle, 31 return) but capacity is 30`,
      suggestion: `Raise year 1's capacity to ${y1!.inspections + 31} (${y1!.inspections + 1} more: add a team or extend the year), or lengthen the cycle so fewer PDUs fall in each year`,
    });
    expect(plan.bookings.filter((b) => b.beyondCapacity)).toHaveLength(110 + 31 - 90);
  });
});
