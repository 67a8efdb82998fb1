// The planner's pins go on the board first, exactly where they say. A pin is not kept only when it
// would book a team twice or a week beyond its teams; the checker then reports it.
import type { CycleContext } from './cycle-context.ts';
import { factFindingMaker, newItem } from './cycle-items.ts';
import { cycleReason, returnReason } from './cycle-reasons.ts';
import type { Pin } from './cycle-types.ts';
import type { Board, Item } from './cycle-weeks.ts';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Pins to a team first within a week, so a teamless pin never takes the team another pin names. */
function pinOrder(a: Pin, b: Pin): number {
  const name = (p: Pin) => ('pdu' in p ? `p:${p.pdu}:${p.inspection ?? 'cycle'}` : `r:${p.region}`);
  return byText(a.week, b.week) || byText(a.team ?? '\uffff', b.team ?? '\uffff') || byText(name(a), name(b));
}

export interface PlacedPins {
  /** PDUs whose cycle inspection is pinned, and its year. */
  cycle: Map<string, number>;
  /** PDUs whose return inspection is pinned. */
  returns: Set<string>;
}

export function placePins(ctx: CycleContext, board: Board, notes: string[]): PlacedPins {
  const placed: PlacedPins = { cycle: new Map(), returns: new Set() };
  const teamsTaken = new Map<number, Set<string>>();
  for (const pin of [...(ctx.input.pins ?? [])].sort(pinOrder)) {
    const w = ctx.weekIndex.get(pin.week)!;
    const week = ctx.weeks[w]!;
    const taken = teamsTaken.get(w) ?? new Set<string>();
    if (pin.team !== undefined && taken.has(pin.team)) continue;
    const away = pin.team !== undefined && !!ctx.teamAway.get(pin.team)?.has(w);
    if (!away && !board.free(w)) continue;
    if (away) {
      board.addPinnedTeam(w);
      notes.push(`Pinned to ${pin.team} in the week of ${pin.week}, when the team is marked away`);
    }
    if (pin.team !== undefined) teamsTaken.set(w, taken.add(pin.team));
    let item: Item;
    if ('pdu' in pin) {
      const region = ctx.pduByName.get(pin.pdu)!.region;
      if (pin.inspection === 'return') {
        item = newItem('return-inspection', pin.pdu, region, week.year, returnReason(ctx, ctx.returns.get(pin.pdu)!));
        placed.returns.add(pin.pdu);
      } else {
        item = newItem('inspection', pin.pdu, region, week.year, cycleReason(ctx, pin.pdu));
        placed.cycle.set(pin.pdu, week.year);
      }
      if (ctx.pduBlocked.get(pin.pdu)?.has(w)) notes.push(`${pin.pdu} is pinned to the week of ${pin.week}, which its exclusion covers`);
    } else item = factFindingMaker(pin.region)(week.year);
    if (week.blackout) notes.push(`${item.pdu ?? `${item.region} fact-finding`} is pinned to the week of ${pin.week} (${week.blackout})`);
    item.pinned = true;
    item.pinTeam = pin.team ?? null;
    item.reason += '; pinned by the planner';
    board.place(item, w);
  }
  return placed;
}
