// The week board: what is booked in each week, and placing one booking at a time in the cheapest
// week that keeps the rules. When no week keeps them all, rules are let go one at a time in a
// fixed order (each step is then reported by the checker), so a PDU is never left out.
import { teamFree, type CycleContext } from './cycle-context.ts';
import type { BookingKind } from './cycle-types.ts';

export interface Item {
  kind: BookingKind;
  pdu: string | null;
  region: string;
  /** Programme year; a return's is set when it is placed. */
  year: number;
  /** Week index, -1 until placed. */
  week: number;
  pinned: boolean;
  pinTeam: string | null;
  team: string | null;
  previousWeek: number | null;
  previousTeam: string | null;
  reason: string;
}

/** The rules a placement keeps; relaxed one at a time, in this order, only when nothing else fits. */
export interface Keep {
  window: boolean;
  gap: boolean;
  pduAvailability: boolean;
  factFindingFirst: boolean;
  capacity: boolean;
  blackout: boolean;
}

const ALL: Keep = { window: true, gap: true, pduAvailability: true, factFindingFirst: true, capacity: true, blackout: true };
export const RELAXATIONS: Keep[] = [
  ALL,
  { ...ALL, window: false },
  { ...ALL, window: false, gap: false },
  { ...ALL, window: false, gap: false, pduAvailability: false },
  { ...ALL, window: false, gap: false, pduAvailability: false, factFindingFirst: false },
  { window: false, gap: false, pduAvailability: false, factFindingFirst: false, capacity: false, blackout: true },
  { window: false, gap: false, pduAvailability: false, factFindingFirst: false, capacity: false, blackout: false },
];

/** Where a fact-finding week must go for an inspection in week w: it is already earlier, or it can be put (or moved) to `week`. */
type FactFindingPlan = { kind: 'in-place' } | { kind: 'put'; week: number };

const key = (region: string, year: number) => `${region}\u0000${year}`;

export class Board {
  readonly load: number[];
  readonly cap: number[];
  readonly items: Item[] = [];
  private readonly factFinding = new Map<string, Item>();
  private readonly inspections = new Map<string, Item[]>();
  private readonly factFindingCount: number[];
  /** Each PDU's booked inspections (cycle and return). */
  private readonly pduWeeks = new Map<string, number[]>();

  constructor(private readonly ctx: CycleContext) {
    this.load = ctx.weeks.map(() => 0);
    this.cap = ctx.weeks.map((w) => ctx.teams.filter((t) => teamFree(ctx, t, w.index)).length);
    this.factFindingCount = ctx.weeks.map(() => 0);
  }

  free(w: number): boolean {
    return this.load[w]! < this.cap[w]!;
  }

  bookable(w: number): boolean {
    return !this.ctx.weeks[w]!.blackout;
  }

  factFindingOf(region: string, year: number): Item | undefined {
    return this.factFinding.get(key(region, year));
  }

  inspectionsOf(region: string, year: number): readonly Item[] {
    return this.inspections.get(key(region, year)) ?? [];
  }

  firstInspectionWeek(region: string, year: number): number {
    return Math.min(Infinity, ...this.inspectionsOf(region, year).map((i) => i.week));
  }

  place(item: Item, w: number): void {
    item.week = w;
    item.year = this.ctx.weeks[w]!.year;
    this.load[w]!++;
    if (!this.items.includes(item)) this.items.push(item);
    if (item.kind === 'fact-finding') {
      this.factFinding.set(key(item.region, item.year), item);
      this.factFindingCount[w]!++;
    } else {
      const k = key(item.region, item.year);
      this.inspections.set(k, [...(this.inspections.get(k) ?? []), item]);
      this.pduWeeks.set(item.pdu!, [...(this.pduWeeks.get(item.pdu!) ?? []), w]);
    }
  }

  private moveFactFinding(item: Item, w: number): void {
    this.load[item.week]!--;
    this.factFindingCount[item.week]!--;
    this.load[w]!++;
    this.factFindingCount[w]!++;
    item.week = w;
  }

  /** A pinned team away that week still works it: the pin is the planner's word. */
  addPinnedTeam(w: number): void {
    this.cap[w]!++;
  }

  /** The latest free, open week of the year before `before` (and before the region's booked inspections). */
  private latestFreeBefore(region: string, year: number, before: number): number | null {
    const limit = Math.min(before, this.firstInspectionWeek(region, year));
    const weeks = this.ctx.yearWeeks[year]!;
    for (let i = weeks.length - 1; i >= 0; i--) {
      const w = weeks[i]!;
      if (w < limit && this.free(w)) return w;
    }
    return null;
  }

  /** How the region's fact-finding week can come before an inspection in week w, or null if it cannot. */
  factFindingPlan(region: string, w: number): FactFindingPlan | null {
    const year = this.ctx.weeks[w]!.year;
    const ff = this.factFindingOf(region, year);
    if (ff && ff.week < w) return { kind: 'in-place' };
    if (ff?.pinned) return null;
    const week = this.latestFreeBefore(region, year, w);
    return week === null ? null : { kind: 'put', week };
  }

  applyFactFindingPlan(region: string, year: number, plan: FactFindingPlan | null, make: (year: number) => Item): void {
    if (!plan || plan.kind === 'in-place') return;
    const ff = this.factFindingOf(region, year);
    if (ff) this.moveFactFinding(ff, plan.week);
    else this.place(make(year), plan.week);
  }

  /** Can inspection `item` go in week w, keeping the rules in `keep`? */
  fits(item: Item, w: number, keep: Keep, window: { first: number; last: number } | null): boolean {
    if (keep.blackout && !this.bookable(w)) return false;
    if (keep.capacity && !this.free(w)) return false;
    if (keep.window && window && (w < window.first || w > window.last)) return false;
    if (keep.pduAvailability && this.ctx.pduBlocked.get(item.pdu!)?.has(w)) return false;
    if (keep.gap && (this.pduWeeks.get(item.pdu!) ?? []).some((o) => Math.abs(o - w) < this.ctx.minimumWeeksBetween)) return false;
    if (keep.factFindingFirst && !this.factFindingPlan(item.region, w)) return false;
    return true;
  }

  /** Soft cost of week w for an inspection: distance from its ideal week, and crowding its region's other inspections. */
  inspectionCost(item: Item, w: number, ideal: number, gap: number): number {
    const { weights } = this.ctx;
    let cost = weights.ideal * Math.abs(w - ideal);
    for (const other of this.inspectionsOf(item.region, this.ctx.weeks[w]!.year))
      cost += weights.regionSpread * Math.max(0, gap - Math.abs(other.week - w));
    return cost;
  }

  /** Soft cost of week w for a fact-finding week: distance from its ideal week, and other regions' fact-finding nearby. */
  factFindingCost(w: number, ideal: number): number {
    const c = this.factFindingCount;
    return this.ctx.weights.ideal * Math.abs(w - ideal) + this.ctx.weights.factFindingSpread * (c[w]! + 0.5 * ((c[w - 1] ?? 0) + (c[w + 1] ?? 0)));
  }

  /**
   * Places an inspection in the cheapest week of `candidates` that keeps the most rules, bringing
   * its region's fact-finding week in before it. Returns the rules that had to be let go (none: []).
   */
  placeInspection(
    item: Item,
    candidates: readonly number[],
    cost: (w: number) => number,
    window: { first: number; last: number } | null,
    makeFactFinding: (year: number) => Item,
  ): (keyof Keep)[] {
    for (const keep of RELAXATIONS) {
      let best = -1;
      let bestCost = Infinity;
      for (const w of candidates) {
        if (!this.fits(item, w, keep, window)) continue;
        const c = cost(w);
        if (c < bestCost) [best, bestCost] = [w, c];
      }
      if (best < 0) continue;
      const plan = this.factFindingPlan(item.region, best);
      this.place(item, best);
      this.applyFactFindingPlan(item.region, item.year, plan, makeFactFinding);
      return (Object.keys(keep) as (keyof Keep)[]).filter((k) => !keep[k]);
    }
    throw new Error(`No week at all for ${item.pdu}: the candidate list was empty`);
  }
}
