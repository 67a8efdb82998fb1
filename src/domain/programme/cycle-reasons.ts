// The words each booking carries to say why it is there and when.
import type { CycleContext, ReturnDue } from './cycle-context.ts';
import type { Keep } from './cycle-weeks.ts';
import { describeMonths, monthsBetween, normaliseDate } from './dates.ts';

const RELAXED_TEXT: Record<keyof Keep, string> = {
  window: 'outside its return window',
  gap: 'closer to its other inspection than the minimum gap',
  pduAvailability: 'in a week its exclusion covers',
  factFindingFirst: 'without a fact-finding week before it',
  capacity: 'with no team free',
  blackout: 'in a blackout week',
};

/** What a placement had to let go, appended to the reason ("" when nothing). */
export const relaxedText = (relaxed: readonly (keyof Keep)[]) => (relaxed.length ? `; booked ${relaxed.map((r) => RELAXED_TEXT[r]).join(', ')}` : '');

export function returnReason(ctx: CycleContext, due: ReturnDue): string {
  const rated = `return after Inadequate (rated ${due.ratedOn ?? 'on an unknown date'})`;
  const { from, to } = ctx.returnWindow;
  if (due.status === 'unknown-date') return `${rated}: with no date to count ${from}-${to} months from, as early as possible`;
  if (due.status === 'past') return `${rated}: its ${from}-${to} month window ended ${due.windowEnd}, before the cycle began; as early as possible`;
  return `${rated}: due ${from}-${to} months on, ${due.windowStart} to ${due.windowEnd}`;
}

export function cycleReason(ctx: CycleContext, pdu: string): string {
  const last = ctx.pduByName.get(pdu)!.lastInspection;
  if (!last || (!last.date && !last.rating)) return 'cycle inspection: no earlier inspection on record, so early in the cycle';
  const rated = last.rating ? `, rated ${last.rating}` : '';
  if (!last.date) return `cycle inspection: last inspected on an unknown date${rated} (taken as recent)`;
  const months = monthsBetween(normaliseDate(last.date)!, ctx.weeks[0]!.monday);
  return `cycle inspection: last inspected ${last.date}${rated}${months >= 0 ? ` (${describeMonths(months)} before the cycle)` : ''}`;
}
