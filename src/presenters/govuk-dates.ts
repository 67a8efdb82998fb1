// Dates as GOV.UK writes them for people: "5 October 2026", and moments "5 October 2026 at 2:05pm"
// (on the hour "2pm"; "midnight" and "midday" as the style guide says), always in UK time
// (Europe/London: GMT in winter, BST in summer). Every page uses them through the govukDate and
// govukDateTime filters (src/presenters/templates.ts); codes, exports and the API keep ISO dates.
import { isIsoDate, MONTHS } from '../domain/sampling/dates.ts';

const UK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });

/** A Date, or an ISO timestamp ("2026-10-05T13:05:00Z"); undefined for anything else. */
function momentOf(value: unknown): Date | undefined {
  const at = value instanceof Date ? value : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at : undefined;
}

function ukParts(at: Date) {
  const p = Object.fromEntries(UK.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour! % 24, minute: p.minute! };
}

/** "5 October 2026": a calendar date (YYYY-MM-DD) as it is, a moment by its day in the UK; other text unchanged. */
export function govukDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && isIsoDate(value)) return `${Number(value.slice(8, 10))} ${MONTHS[Number(value.slice(5, 7)) - 1]} ${value.slice(0, 4)}`;
  const at = momentOf(value);
  if (!at) return typeof value === 'string' || typeof value === 'number' ? String(value) : ''; // other text unchanged
  const { year, month, day } = ukParts(at);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** "2:05pm", "2pm", "midnight", "midday": a time of day in the UK. */
export function govukTime(at: Date): string {
  const { hour, minute } = ukParts(at);
  if (minute === 0 && hour === 0) return 'midnight';
  if (minute === 0 && hour === 12) return 'midday';
  const suffix = hour < 12 ? 'am' : 'pm';
  return `${hour % 12 || 12}${minute ? `:${String(minute).padStart(2, '0')}` : ''}${suffix}`;
}

/** "5 October 2026 at 2:05pm" for a moment; a calendar date alone as govukDate gives it. */
export function govukDateTime(value: unknown): string {
  const at = momentOf(value);
  return at ? `${govukDate(at)} at ${govukTime(at)}` : govukDate(value);
}
