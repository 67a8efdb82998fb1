// The inspectorate reports by business year (1 April to 31 March), as its annual reports do
// ('Annual report: inspections of probation services 2019/2020'). An inspection belongs to the
// year its fieldwork began in.

export interface BusinessYear {
  /** The calendar year the business year starts in: 2025 for 2025/26. */
  start: number;
  /** '2025/26' */
  label: string;
  /** First and last day, ISO dates. */
  from: string;
  to: string;
}

export function businessYear(start: number): BusinessYear {
  if (!Number.isInteger(start) || start < 2000 || start > 2100) throw new RangeError(`Not a business year: ${start}`);
  return { start, label: `${start}/${String((start + 1) % 100).padStart(2, '0')}`, from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

/** The business year an ISO date falls in. */
export function businessYearOf(date: string): BusinessYear {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return businessYear(month >= 4 ? year : year - 1);
}

export const inBusinessYear = (date: string, year: BusinessYear): boolean => date >= year.from && date <= year.to;

/** Reads '2025', '2025/26' or '2025-26' as the business year starting in 2025; null if it is neither. */
export function parseBusinessYear(text: string): BusinessYear | null {
  const m = /^\s*(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?\s*$/.exec(text);
  if (!m) return null;
  const start = Number(m[1]);
  if (m[2] !== undefined && Number(m[2]) % 100 !== (start + 1) % 100) return null;
  if (start < 2000 || start > 2100) return null;
  return businessYear(start);
}
