// The GOV.UK date input at the edge: three fields (NAME-day, NAME-month, NAME-year) read into one
// YYYY-MM-DD date, with the error messages the design system gives, and the macro's items back.
import { isIsoDate } from '../domain/sampling/dates.ts';

export type DateParts = 'day' | 'month' | 'year';
const PARTS: readonly DateParts[] = ['day', 'month', 'year'];

export type DateInputResult = { ok: true; date: string } | { ok: false; message: string; href: string; parts: DateParts[] };

/** Reads `name`'s three fields; `label` names the date in messages ("the first day of fieldwork"). */
export function readDateInput(values: Record<string, string | undefined>, name: string, label: string): DateInputResult {
  const raw = Object.fromEntries(PARTS.map((p) => [p, (values[`${name}-${p}`] ?? '').trim()])) as Record<DateParts, string>;
  const missing = PARTS.filter((p) => !raw[p]);
  const fail = (message: string, parts: DateParts[]): DateInputResult => ({ ok: false, message, href: `#${name}-${parts[0] ?? 'day'}`, parts });
  const Label = label.charAt(0).toUpperCase() + label.slice(1);
  if (missing.length === 3) return fail(`Enter ${label}`, ['day', 'month', 'year']);
  if (missing.length) return fail(`${Label} must include a ${missing.join(' and a ')}`, missing);
  const notNumbers = PARTS.filter((p) => !/^\d+$/.test(raw[p]));
  if (notNumbers.length) return fail(`${Label} must be a real date`, notNumbers);
  if (raw.year.length !== 4) return fail('Year must include 4 numbers', ['year']);
  const iso = `${raw.year}-${raw.month.padStart(2, '0')}-${raw.day.padStart(2, '0')}`;
  if (raw.month.length > 2 || raw.day.length > 2 || !isIsoDate(iso)) return fail(`${Label} must be a real date`, Number(raw.month) >= 1 && Number(raw.month) <= 12 ? ['day'] : ['month']);
  return { ok: true, date: iso };
}

/** The macro's items: the values typed (or those of `date`), the parts in error marked. */
export function dateInputItems(values: Record<string, string | undefined>, name: string, date?: string, errorParts: readonly DateParts[] = []) {
  const fromDate: Record<DateParts, string> = date ? { day: String(Number(date.slice(8, 10))), month: String(Number(date.slice(5, 7))), year: date.slice(0, 4) } : { day: '', month: '', year: '' };
  return PARTS.map((p) => ({
    name: p,
    value: values[`${name}-${p}`] ?? fromDate[p],
    classes: `govuk-input--width-${p === 'year' ? 4 : 2}${errorParts.includes(p) ? ' govuk-input--error' : ''}`,
  }));
}
