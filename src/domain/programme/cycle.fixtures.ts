// Small planning inputs for the tests, and independent counts the tests check plans with.
import type { Booking, CycleInput, PlanningPdu } from './cycle-types.ts';

export function regionOf(region: string, n: number, last: (i: number) => PlanningPdu['lastInspection'] = () => null): PlanningPdu[] {
  return Array.from({ length: n }, (_, i) => ({ name: `${region} ${String(i + 1).padStart(2, '0')}`, region, lastInspection: last(i) }));
}

export function inputOf(pdus: PlanningPdu[], overrides: Partial<CycleInput> = {}): CycleInput {
  return {
    start: '2027-04-05',
    years: 3,
    regions: [...new Set(pdus.map((p) => p.region))],
    pdus,
    teams: ['Team A', 'Team B'],
    capacityPerYear: 40,
    ...overrides,
  };
}

export const cycleOf = (bookings: readonly Booking[], pdu: string) => bookings.filter((b) => b.kind === 'inspection' && b.pdu === pdu);
export const returnOf = (bookings: readonly Booking[], pdu: string) => bookings.filter((b) => b.kind === 'return-inspection' && b.pdu === pdu);

/** Cycle inspections per region per year, counted from the bookings. */
export function splitOf(bookings: readonly Booking[], region: string, years: number): number[] {
  return Array.from({ length: years }, (_, y) => bookings.filter((b) => b.kind === 'inspection' && b.region === region && b.year === y + 1).length);
}

/** Team-week pairs booked more than once. */
export function doubleBooked(bookings: readonly Booking[]): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const b of bookings) {
    if (b.team === null) continue;
    const k = `${b.team} ${b.week}`;
    if (seen.has(k)) twice.push(k);
    seen.add(k);
  }
  return twice;
}

/** Region-years whose fact-finding week is missing, doubled or not before their first inspection. */
export function factFindingProblems(bookings: readonly Booking[]): string[] {
  const problems: string[] = [];
  const groups = new Map<string, Booking[]>();
  for (const b of bookings) groups.set(`${b.region} year ${b.year}`, [...(groups.get(`${b.region} year ${b.year}`) ?? []), b]);
  for (const [k, bs] of groups) {
    const ff = bs.filter((b) => b.kind === 'fact-finding');
    const inspections = bs.filter((b) => b.kind !== 'fact-finding');
    if (!inspections.length) continue;
    const first = inspections.map((b) => b.week).sort()[0]!;
    if (ff.length !== 1 || ff[0]!.week >= first) problems.push(k);
  }
  return problems;
}
