// The planner's working bookings, how they are made, and what the revised plan said about each.
import type { CycleContext } from './cycle-context.ts';
import type { Booking, BookingKind } from './cycle-types.ts';
import type { Item } from './cycle-weeks.ts';

export function newItem(kind: BookingKind, pdu: string | null, region: string, year: number, reason: string): Item {
  return { kind, pdu, region, year, week: -1, pinned: false, pinTeam: null, team: null, previousWeek: null, previousTeam: null, reason };
}

export const factFindingReason = (region: string, year: number) =>
  `${region}: contextual fact-finding before the region's first PDU inspection of year ${year}`;

/** A fact-finding booking for the region, made for whichever year it lands in. */
export const factFindingMaker = (region: string) => (year: number) => newItem('fact-finding', null, region, year, factFindingReason(region, year));

/** Where each booking of the plan being revised was: by cycle or return inspection of a PDU, or a region's fact-finding in a year. */
export class PreviousPlan {
  private readonly at = new Map<string, { week: number; team: string | null; year: number }>();

  constructor(ctx: CycleContext, bookings: readonly Booking[]) {
    for (const b of bookings) {
      const w = ctx.weekIndex.get(b.week);
      if (w === undefined) continue;
      const year = ctx.weeks[w]!.year;
      this.at.set(PreviousPlan.key(b.kind, b.pdu ?? b.region, year), { week: w, team: b.team, year });
    }
  }

  private static key(kind: BookingKind, name: string, year: number) {
    return kind === 'fact-finding' ? `ff\u0000${name}\u0000${year}` : `${kind}\u0000${name}`;
  }

  get(kind: BookingKind, name: string, year = 0) {
    return this.at.get(PreviousPlan.key(kind, name, year));
  }

  /** Copies the previous week and team onto the item, if the revised plan had it. */
  mark(item: Item): Item {
    const p = this.get(item.kind, item.pdu ?? item.region, item.year);
    if (p) [item.previousWeek, item.previousTeam] = [p.week, p.team];
    return item;
  }
}
