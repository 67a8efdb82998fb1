// Which programme year each PDU's cycle inspection falls in. Each region gets floor or ceil of
// n / years a year (7 PDUs over 3 years: 2, 2 and 3); the years that take the extra ones are
// those with the least work booked nationally so far (returns included), the later year on a tie,
// so the national totals stay level. Within a region, the PDU not inspected longest goes first.
import { comparePriority, splitBounds, type CycleContext } from './cycle-context.ts';
import type { PlanningPdu } from './cycle-types.ts';

export interface YearAssignmentInput {
  /** PDUs whose cycle inspection is pinned, and the pin's year. */
  pinnedYear: Map<string, number>;
  /** Week of each PDU's return inspection, where one is booked. */
  returnWeek: Map<string, number>;
  /** Year each PDU's cycle inspection had in the plan being revised. */
  previousYear: Map<string, number>;
  /** Inspections already booked in each year (returns and pins), from [1]. */
  load: number[];
}

export interface YearAssignment {
  yearOf: Map<string, number>;
  quotas: Map<string, number[]>;
}

/** Region quotas: floor or ceil of n / years, honouring pins even where they force more. */
function regionQuota(n: number, years: number, pinned: number[], load: number[], previous: number[]): number[] {
  const { low, high } = splitBounds(n, years);
  const quota = pinned.map((p, y) => (y === 0 ? 0 : Math.max(low, p)));
  let total = quota.reduce((s, q) => s + q, 0);
  // Pins beyond the split: take the surplus from the years with most room above their pins.
  while (total > n) {
    let pick = 0;
    for (let y = 1; y <= years; y++) if (quota[y]! - pinned[y]! > 0 && (!pick || quota[y]! - pinned[y]! >= quota[pick]! - pinned[pick]!)) pick = y;
    quota[pick]!--;
    total--;
  }
  while (total < n) {
    let pick = 0;
    const better = (y: number) => {
      if (!pick) return true;
      const roomY = quota[y]! < high ? 1 : 0;
      const roomP = quota[pick]! < high ? 1 : 0;
      if (roomY !== roomP) return roomY > roomP;
      // Keep the revised plan's split where it had one, then level the national load.
      const prevY = previous[y]! > quota[y]! ? 1 : 0;
      const prevP = previous[pick]! > quota[pick]! ? 1 : 0;
      if (prevY !== prevP) return prevY > prevP;
      return load[y]! + quota[y]! <= load[pick]! + quota[pick]!;
    };
    for (let y = 1; y <= years; y++) if (better(y)) pick = y;
    quota[pick]!++;
    total++;
  }
  return quota;
}

/** 0: fine; 1: same year as its return (allowed, avoided); Infinity: no week in the year can take it. */
function yearScore(ctx: CycleContext, pdu: PlanningPdu, year: number, returnWeek: number | undefined): number {
  const blocked = ctx.pduBlocked.get(pdu.name);
  const usable = ctx.yearWeeks[year]!.some(
    (w) => !blocked?.has(w) && (returnWeek === undefined || Math.abs(w - returnWeek) >= ctx.minimumWeeksBetween),
  );
  if (!usable) return Infinity;
  return returnWeek !== undefined && ctx.weeks[returnWeek]!.year === year ? 1 : 0;
}

export function assignYears(ctx: CycleContext, a: YearAssignmentInput): YearAssignment {
  const years = ctx.years;
  const load = [...a.load];
  const yearOf = new Map<string, number>();
  const quotas = new Map<string, number[]>();
  for (const region of ctx.regions) {
    const pdus = [...ctx.regionPdus.get(region)!].sort(comparePriority);
    if (!pdus.length) continue;
    const pinned = Array(years + 1).fill(0) as number[];
    const previous = Array(years + 1).fill(0) as number[];
    for (const p of pdus) {
      const py = a.pinnedYear.get(p.name);
      if (py) pinned[py]!++;
      const prev = a.previousYear.get(p.name);
      if (prev) previous[prev]!++;
    }
    const quota = regionQuota(pdus.length, years, pinned, load, previous);
    quotas.set(region, quota);
    const remaining = quota.map((q, y) => q - pinned[y]!);
    const score = (p: PlanningPdu, y: number) => yearScore(ctx, p, y, a.returnWeek.get(p.name));
    for (const p of pdus) {
      const py = a.pinnedYear.get(p.name);
      if (py) yearOf.set(p.name, py);
    }
    // The revised plan's year first, where the rules still allow it.
    for (const p of pdus) {
      const prev = a.previousYear.get(p.name);
      if (yearOf.has(p.name) || !prev || remaining[prev]! <= 0 || score(p, prev) !== 0) continue;
      yearOf.set(p.name, prev);
      remaining[prev]!--;
    }
    // Then oldest first into the earliest year with room that suits it.
    for (const p of pdus) {
      if (yearOf.has(p.name)) continue;
      let best = 0;
      for (let y = 1; y <= years; y++)
        if (remaining[y]! > 0 && (!best || score(p, y) < score(p, best))) best = y;
      yearOf.set(p.name, best);
      remaining[best]!--;
    }
    // Repair: swap a PDU out of a year that does not suit it with one for which both years suit.
    for (const p of pdus) {
      const yp = yearOf.get(p.name)!;
      if (a.pinnedYear.has(p.name) || score(p, yp) === 0) continue;
      const q = pdus.find((q) => {
        const yq = yearOf.get(q.name)!;
        return yq !== yp && !a.pinnedYear.has(q.name) && score(p, yq) === 0 && score(q, yp) === 0;
      });
      if (!q) continue;
      yearOf.set(p.name, yearOf.get(q.name)!);
      yearOf.set(q.name, yp);
    }
    for (let y = 1; y <= years; y++) load[y]! += quota[y]! - pinned[y]!;
  }
  return { yearOf, quotas };
}
