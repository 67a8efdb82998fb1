// Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone or clock is involved.
// ISO strings compare correctly as strings, which the planner relies on.
import { MONTHS } from '../sampling/dates.ts';

const DAY_MS = 86_400_000;

const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const fromTime = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A real calendar date written YYYY-MM-DD (2027-13-01 and 2027-02-30 are not). */
export const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && Number.isFinite(toTime(s)) && fromTime(toTime(s)) === s;

export const addDays = (iso: string, days: number) => fromTime(toTime(iso) + days * DAY_MS);

/** 0 Sunday … 6 Saturday. */
export const weekday = (iso: string) => new Date(toTime(iso)).getUTCDay();

export const isMonday = (iso: string) => isIsoDate(iso) && weekday(iso) === 1;

/** The same day n months on; a day the month lacks becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromTime(Date.UTC(year, month, Math.min(d, lastDay)));
}

/** Whole months from one date to a later one (negative if earlier). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/**
 * Reads a published date as the reference data gives it: YYYY-MM-DD, YYYY-MM or YYYY. A month or
 * a year stands for its first day, the earliest reading, so a return window is never missed by
 * guessing late. Anything else is unknown (null).
 */
export function normaliseDate(value: string | null | undefined): string | null {
  if (!value) return null;
  if (isIsoDate(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value) && isIsoDate(`${value}-01`)) return `${value}-01`;
  if (/^\d{4}$/.test(value)) return `${value}-01-01`;
  return null;
}

/** "5 August 2025", "December 2022" or "2025", as the source gives the date (see `normaliseDate`); null is not known. */
export function publicDate(value: string | null): string {
  if (!value) return 'Date not known';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return value;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!month) return m[1]!;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** "2 years 3 months" for explanations. */
export function describeMonths(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const parts = [];
  if (years) parts.push(`${years} year${years === 1 ? '' : 's'}`);
  if (rest || !years) parts.push(`${rest} month${rest === 1 ? '' : 's'}`);
  return parts.join(' ');
}
