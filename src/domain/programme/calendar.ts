// The cycle's weeks: each Monday from the start, which programme year it falls in, and whether a
// blackout (Christmas and New Year, August, or a one-off) keeps inspections out of it.
import { addDays, addMonths, isIsoDate, weekday } from './dates.ts';
import type { Blackout } from './cycle-types.ts';

export interface Week {
  index: number;
  monday: string;
  /** Programme year, from 1. */
  year: number;
  /** The blackout's label, or null when inspections can be booked. */
  blackout: string | null;
}

export interface Calendar {
  weeks: Week[];
  /** Mondays starting each year, then the Monday after the cycle: years + 1 entries. */
  yearStarts: string[];
}

/**
 * The default blackouts. Mondays from 19 December to 1 January are always exactly two (the
 * Christmas and New Year fortnight, whatever day Christmas falls on); Mondays in August are four or five.
 */
export const DEFAULT_BLACKOUTS: readonly Blackout[] = [
  { from: '12-19', to: '01-01', label: 'Christmas and New Year' },
  { from: '08-01', to: '08-31', label: 'August' },
];

const isMonthDay = (s: string) => /^\d{2}-\d{2}$/.test(s) && isIsoDate(`2024-${s}`);

export const isBlackoutBound = (s: string) => isMonthDay(s) || isIsoDate(s);

export const inBlackout = (monday: string, b: Blackout): boolean => blackoutTest(b)(monday);

/** Whether a Monday falls in the blackout, its bounds read once (not again for every week of a calendar). */
function blackoutTest(b: Blackout): (monday: string) => boolean {
  const fromMonthDay = isMonthDay(b.from);
  const toMonthDay = isMonthDay(b.to);
  if (fromMonthDay && toMonthDay) {
    return b.from <= b.to
      ? (monday) => {
          const md = monday.slice(5);
          return b.from <= md && md <= b.to;
        }
      : (monday) => {
          const md = monday.slice(5);
          return md >= b.from || md <= b.to;
        };
  }
  return (monday) => {
    const from = fromMonthDay ? `${monday.slice(0, 4)}-${b.from}` : b.from;
    const to = toMonthDay ? `${monday.slice(0, 4)}-${b.to}` : b.to;
    return from <= monday && monday <= to;
  };
}

const mondayOnOrAfter = (iso: string) => addDays(iso, (8 - weekday(iso)) % 7);

export function buildCalendar(start: string, years: number, blackouts: readonly Blackout[]): Calendar {
  const yearStarts = [start];
  for (let k = 1; k <= years; k++) yearStarts.push(mondayOnOrAfter(addMonths(start, 12 * k)));
  const weeks: Week[] = [];
  let year = 1;
  const tests = blackouts.map((b) => ({ label: b.label, covers: blackoutTest(b) }));
  for (let monday = start; monday < yearStarts[years]!; monday = addDays(monday, 7)) {
    while (monday >= yearStarts[year]!) year++;
    const hit = tests.find((t) => t.covers(monday));
    weeks.push({ index: weeks.length, monday, year, blackout: hit ? hit.label : null });
  }
  return { weeks, yearStarts };
}
