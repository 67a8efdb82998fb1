// Return inspections after Inadequate: those with a window in the cycle first, by the end of their
// window, each at the start of its window if a team is free, with the region's fact-finding week
// brought in before it; then overdue ones (window past, or no date) as early as possible. An
// overdue return is late whatever week it gets, so it must not take the last weeks of a window.
import type { CycleContext, ReturnDue } from './cycle-context.ts';
import { factFindingMaker, newItem, type PreviousPlan } from './cycle-items.ts';
import { relaxedText, returnReason } from './cycle-reasons.ts';
import type { Board } from './cycle-weeks.ts';

const urgency = (d: ReturnDue) => (d.status === 'in-cycle' ? d.lastWeek : Infinity);

export function placeReturns(ctx: CycleContext, board: Board, previous: PreviousPlan, pinned: ReadonlySet<string>, notes: string[]): void {
  const dues = [...ctx.returns.values()].filter((d) => !pinned.has(d.pdu));
  for (const d of dues) {
    if (d.status === 'after-cycle') notes.push(`${d.pdu}: return after Inadequate falls due from ${d.windowStart}, after this cycle`);
    if (d.status === 'past') notes.push(`${d.pdu}: the return window after its Inadequate rating ended ${d.windowEnd}, before the cycle; booked as early as possible`);
    if (d.status === 'unknown-date') notes.push(`${d.pdu}: rated Inadequate on an unknown date; return booked as early as possible`);
  }
  const allWeeks = ctx.weeks.map((w) => w.index);
  const ordered = dues
    .filter((d) => d.status !== 'after-cycle')
    .sort((a, b) => urgency(a) - urgency(b) || a.firstWeek - b.firstWeek || (a.pdu < b.pdu ? -1 : 1));
  for (const d of ordered) {
    const item = previous.mark(newItem('return-inspection', d.pdu, d.region, 0, returnReason(ctx, d)));
    const window = { first: d.firstWeek, last: d.lastWeek };
    const prev = item.previousWeek;
    const ideal = prev !== null && prev >= window.first && prev <= window.last ? prev : window.first;
    // Too early is worse than late: any week before the window costs more than every week after it.
    const cost = (w: number) => (w < window.first ? 10_000 + window.first - w : Math.abs(w - ideal));
    item.reason += relaxedText(board.placeInspection(item, allWeeks, cost, window, factFindingMaker(d.region)));
  }
}
