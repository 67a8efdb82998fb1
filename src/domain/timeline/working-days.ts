// Working days: Monday to Friday, less the bank holidays of England and Wales (the list is data,
// reference/calendar/bank-holidays-england-and-wales.json, passed in so this stays pure).
import { addDays, dayOfWeek } from '../sampling/dates.ts';

/** Bank holidays as ISO dates. */
export type BankHolidays = ReadonlySet<string>;

export const isWorkingDay = (iso: string, holidays: BankHolidays): boolean => dayOfWeek(iso) <= 5 && !holidays.has(iso);

/** The day itself if it is a working day, otherwise the next one after it. */
export function onOrAfterWorkingDay(iso: string, holidays: BankHolidays): string {
  let day = iso;
  while (!isWorkingDay(day, holidays)) day = addDays(day, 1);
  return day;
}

/** The day itself if it is a working day, otherwise the last one before it. */
export function onOrBeforeWorkingDay(iso: string, holidays: BankHolidays): string {
  let day = iso;
  while (!isWorkingDay(day, holidays)) day = addDays(day, -1);
  return day;
}

/**
 * `n` working days after `iso` (before it when negative), counting only working days: 10 working
 * days after a Friday is the Friday a fortnight on, or later when a bank holiday falls between.
 * Zero gives `iso` itself, working day or not.
 */
export function addWorkingDays(iso: string, n: number, holidays: BankHolidays): string {
  if (!Number.isInteger(n)) throw new RangeError(`a whole number of working days, not ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = iso;
  for (let left = Math.abs(n); left > 0; ) {
    day = addDays(day, step);
    if (isWorkingDay(day, holidays)) left--;
  }
  return day;
}

/** Working days after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(from: string, to: string, holidays: BankHolidays): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, holidays)) count++;
  return count;
}
