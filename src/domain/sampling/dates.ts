// Calendar dates as ISO `YYYY-MM-DD` strings, worked in UTC so no time zone or clock is involved.

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const toDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const toIso = (d: Date): string => d.toISOString().slice(0, 10);

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function addDays(iso: string, days: number): string {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}

/** Calendar months later (or earlier, when negative), kept within the month: 31 August less six
 * months is 28 February (29 in a leap year), not 3 March. */
export function addMonths(iso: string, months: number): string {
  const d = toDate(iso);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  return toIso(new Date(Date.UTC(year, month - 1, day)));
}

/** 1 Monday … 7 Sunday (ISO 8601). */
export function dayOfWeek(iso: string): number {
  return ((toDate(iso).getUTCDay() + 6) % 7) + 1;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** The months' names, January first. */
export const MONTHS: readonly string[] = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Monday 30 March 2026", as GOV.UK writes dates. */
export function longDate(iso: string): string {
  const d = toDate(iso);
  return `${DAYS[dayOfWeek(iso) - 1]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
