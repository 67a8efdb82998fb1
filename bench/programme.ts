// The inspection programme's planning speed: three years of the real 110 PDUs in 12 regions (with
// their published ratings) and three yearly selections from the 155 real youth justice services of
// reference/organisations (the national count; no intelligence is invented for them).
// Beside it, the simplest baseline: PDUs dealt round-robin to weeks and teams with no rules, and
// youth services taken oldest inspection first.
import { planCycle } from '../src/domain/programme/cycle.ts';
import type { CycleInput } from '../src/domain/programme/cycle-types.ts';
import { addDays, addMonths } from '../src/domain/programme/dates.ts';
import { pdusFromReference, youthServicesFromReference } from '../src/domain/programme/reference-input.ts';
import type { YouthService } from '../src/domain/programme/youth-risk.ts';
import { selectYouthServices } from '../src/domain/programme/youth-selection.ts';
import { loadRegions } from '../src/reference/organisations.ts';
import { loadYouthServices } from '../src/reference/youth-services.ts';

const START = '2027-04-05';
const YEARS = 3;

/** Three programme years of youth selections; those chosen are marked inspected at the year's start. */
function planYouthYears(services: readonly YouthService[]): number {
  let current = [...services];
  let chosen = 0;
  for (let y = 0; y < YEARS; y++) {
    const asOf = addMonths(START, 12 * y);
    const { selected } = selectYouthServices({ services: current, asOf, targeted: 10, random: 5, seed: 2027 + y, capacity: 33 });
    const picked = new Set(selected.map((s) => s.service));
    chosen += picked.size;
    current = current.map((s) => (picked.has(s.name) ? { ...s, lastInspection: { date: asOf, rating: 'Good' } } : s));
  }
  return chosen;
}

/** The simplest plan: each PDU to the next week and team in turn, ignoring every rule; youth services by oldest inspection. */
function baseline(input: CycleInput, services: readonly YouthService[]): number {
  const bookings: { pdu: string; team: string; week: string }[] = [];
  input.pdus.forEach((p, i) => {
    const week = Math.floor(i / input.teams.length);
    bookings.push({ pdu: p.name, team: input.teams[i % input.teams.length]!, week: addDays(input.start, 7 * week) });
  });
  const byAge = [...services].sort((a, b) => (a.lastInspection?.date ?? '').localeCompare(b.lastInspection?.date ?? ''));
  let chosen = 0;
  for (let y = 0; y < YEARS; y++) chosen += byAge.slice(y * 33, (y + 1) * 33).length;
  return bookings.length + chosen;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function timeIt(runs: number, fn: () => unknown): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

export async function benchProgramme(report: (name: string, ours: number, baseline: number, baselineName: string) => void): Promise<void> {
  const { regions, pdus } = pdusFromReference(loadRegions());
  const services = youthServicesFromReference(loadYouthServices());
  const input: CycleInput = { start: START, years: YEARS, regions, pdus, teams: ['Team 1', 'Team 2', 'Team 3'], capacityPerYear: 80 };
  const runs = 9;
  const pduOnly = timeIt(runs, () => planCycle(input));
  const whole = timeIt(runs, () => {
    planCycle(input);
    planYouthYears(services);
  });
  const base = timeIt(runs, () => baseline(input, services));
  report(`PDU cycle, ${pdus.length} PDUs × ${YEARS} yrs (median of ${runs})`, pduOnly, base, 'round-robin, no rules');
  report(`programme, + ${services.length} YJS × ${YEARS} yrs (median of ${runs})`, whole, base, 'round-robin, no rules');
}
