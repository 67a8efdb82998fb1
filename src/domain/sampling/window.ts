// 3.15: the cases inspected are every eligible case that began in a one- or two-week window six
// months before fieldwork starts, shifted by a week when something odd happened in it (a court
// closed, an IT system went down).
//
// Precisely: take the date six calendar months before the first day of fieldwork (kept within the
// month, so fieldwork on 31 August gives 28 or 29 February). The window starts on the Monday of
// that date's week (Monday to Sunday), so every case in it has had close to six months of
// supervision or more by fieldwork, and runs for 7 or 14 days. A shift moves it by whole weeks,
// later (positive) or earlier (negative), and must say why. Both ends are included.
import { addDays, addMonths, dayOfWeek, daysBetween, isIsoDate, longDate } from './dates.ts';

export type WindowWeeks = 1 | 2;

/** A shift of the window by whole weeks, with the reason the service gave. */
export interface WindowShift {
  weeks: number;
  reason: string;
}

export interface WindowRequest {
  /** The first day of fieldwork, `YYYY-MM-DD`. */
  fieldworkStart: string;
  /** How many calendar months before fieldwork the window lies: the framework file's regime.sampleWindow. */
  monthsBefore: number;
  weeks: WindowWeeks;
  shift?: WindowShift;
}

export interface SamplingWindow {
  fieldworkStart: string;
  /** The months before the first day of fieldwork the framework names (six for the adult and youth
   * frameworks, hence the name): the week of this date is the window. */
  sixMonthsBefore: string;
  weeks: WindowWeeks;
  shift: WindowShift | null;
  /** First day, a Monday, inclusive. */
  start: string;
  /** Last day, a Sunday, inclusive. */
  end: string;
}

export type WindowResult = { ok: true; window: SamplingWindow } | { ok: false; problems: string[] };

/** Beyond four weeks a window is no longer "six months before" in any useful sense (3.15 speaks of
 * a week); a larger move means choosing another fieldwork date. */
export const MAX_SHIFT_WEEKS = 4;

export function samplingWindow(request: WindowRequest): WindowResult {
  const problems: string[] = [];
  const { fieldworkStart, weeks, shift, monthsBefore } = request;
  if (!isIsoDate(fieldworkStart)) problems.push(`fieldwork start '${fieldworkStart}' is not a date; write YYYY-MM-DD`);
  if (weeks !== 1 && weeks !== 2) problems.push(`the window is one or two weeks, not ${String(weeks)}`);
  if (shift) {
    if (!Number.isInteger(shift.weeks) || shift.weeks === 0 || Math.abs(shift.weeks) > MAX_SHIFT_WEEKS)
      problems.push(`a shift is a whole number of weeks from 1 to ${MAX_SHIFT_WEEKS}, later or earlier (-1 is a week earlier); got ${String(shift.weeks)}`);
    if (shift.reason.trim() === '') problems.push('a shift needs a reason (for example, the court was closed that week)');
  }
  if (problems.length) return { ok: false, problems };

  if (!Number.isInteger(monthsBefore) || monthsBefore < 1) problems.push(`the window lies a whole number of months before fieldwork, not ${String(monthsBefore)}`);
  if (problems.length) return { ok: false, problems };
  const sixMonthsBefore = addMonths(fieldworkStart, -monthsBefore);
  const monday = addDays(sixMonthsBefore, 1 - dayOfWeek(sixMonthsBefore));
  const start = addDays(monday, 7 * (shift?.weeks ?? 0));
  const end = addDays(start, 7 * weeks - 1);
  return {
    ok: true,
    window: {
      fieldworkStart,
      sixMonthsBefore,
      weeks,
      shift: shift ? { weeks: shift.weeks, reason: shift.reason.trim() } : null,
      start,
      end,
    },
  };
}

/** Whether a case that began on `date` (ISO) is in the window. */
export const inWindow = (window: SamplingWindow, date: string): boolean => date >= window.start && date <= window.end;

/** Days in the window, both ends included: 7 or 14. */
export const windowDays = (window: SamplingWindow): number => daysBetween(window.start, window.end) + 1;

const WEEK_WORDS = ['no weeks', 'one week', 'two weeks', 'three weeks', 'four weeks'];
const weekWords = (n: number) => WEEK_WORDS[n] ?? `${n} weeks`;

/** "Monday 30 March 2026 to Sunday 12 April 2026 (two weeks), moved one week later: the
 * magistrates' court was closed" */
export function describeWindow(window: SamplingWindow): string {
  const span = `${longDate(window.start)} to ${longDate(window.end)} (${weekWords(window.weeks)})`;
  if (!window.shift) return span;
  const { weeks, reason } = window.shift;
  return `${span}, moved ${weekWords(Math.abs(weeks))} ${weeks > 0 ? 'later' : 'earlier'}: ${reason}`;
}
