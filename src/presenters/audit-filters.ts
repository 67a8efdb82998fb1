// The audit pages' filters, read from the query string of a plain GET form (so they work without
// JavaScript): person, kind of action, case, a date range entered with GOV.UK date inputs, and the
// page number. Bad input names its field; the filters that are fine still apply.
import type { AuditQuery, AuditScope } from '../db/repositories/audit-query.ts';
import { actionsOfKind, isAuditKind, type AuditKind } from '../domain/audit/sentences.ts';
import { ukDayStart } from '../domain/audit/words.ts';
import { addDays } from '../domain/sampling/dates.ts';
import { readDateInput, type DateParts } from './date-input.ts';

export const EVENTS_PER_PAGE = 50;

export interface AuditFilters {
  person?: string;
  kind?: AuditKind;
  caseRef?: string;
  /** The first and last UK calendar days, inclusive. */
  fromDate?: string;
  toDate?: string;
  page: number;
}

export interface FilterError {
  href: string;
  text: string;
  field: 'from' | 'to' | 'kind' | 'page';
  parts?: DateParts[];
}

const DATE_FIELDS = ['from', 'to'] as const;
const LABELS: Record<(typeof DATE_FIELDS)[number], string> = { from: 'the date to show events from', to: 'the date to show events to' };

export function readAuditFilters(query: Record<string, string | undefined>): { filters: AuditFilters; errors: FilterError[] } {
  const errors: FilterError[] = [];
  const filters: AuditFilters = { page: 1 };
  const person = query.person?.trim();
  if (person) filters.person = person;
  const kind = query.kind?.trim();
  if (kind) {
    if (isAuditKind(kind)) filters.kind = kind;
    else errors.push({ field: 'kind', href: '#kind', text: 'Select a kind of action from the list' });
  }
  const caseRef = query.case?.trim();
  if (caseRef) filters.caseRef = caseRef;
  for (const field of DATE_FIELDS) {
    const typed = ['day', 'month', 'year'].some((p) => query[`${field}-${p}`]?.trim());
    if (!typed) continue;
    const read = readDateInput(query, field, LABELS[field]);
    if (read.ok) filters[field === 'from' ? 'fromDate' : 'toDate'] = read.date;
    else errors.push({ field, href: read.href, text: read.message, parts: read.parts });
  }
  if (filters.fromDate && filters.toDate && filters.toDate < filters.fromDate) {
    errors.push({ field: 'to', href: '#to-day', text: 'The date to show events to must be the same as or after the date to show events from', parts: ['day', 'month', 'year'] });
    delete filters.toDate;
  }
  const page = query.page?.trim();
  if (page) {
    if (/^\d{1,6}$/.test(page) && Number(page) >= 1) filters.page = Number(page);
    else errors.push({ field: 'page', href: '#events', text: 'The page number must be a whole number, 1 or more' });
  }
  return { filters, errors };
}

/** The date range as moments: from the start of the first UK day to the start of the day after the last. */
export const filterMoments = (f: AuditFilters): { from?: Date; to?: Date } => ({
  ...(f.fromDate ? { from: ukDayStart(f.fromDate) } : {}),
  ...(f.toDate ? { to: ukDayStart(addDays(f.toDate, 1)) } : {}),
});

/** The filters as a query string (the page number only when asked), for pagination links and the CSV link. */
export function filterQuery(f: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (f.person) params.set('person', f.person);
  if (f.kind) params.set('kind', f.kind);
  if (f.caseRef) params.set('case', f.caseRef);
  for (const [field, date] of [['from', f.fromDate], ['to', f.toDate]] as const)
    if (date) {
      params.set(`${field}-day`, String(Number(date.slice(8, 10))));
      params.set(`${field}-month`, String(Number(date.slice(5, 7))));
      params.set(`${field}-year`, date.slice(0, 4));
    }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const anyFilter = (f: AuditFilters): boolean => Boolean(f.person || f.kind || f.caseRef || f.fromDate || f.toDate);

/** The query for the filters (a case is its inspection's `case` record), a page or, for the CSV, every match. */
export function auditQueryOf(scope: AuditScope, filters: AuditFilters, inspectionId: number | undefined, paged: boolean): AuditQuery {
  return {
    scope,
    ...(filters.person ? { actor: filters.person } : {}),
    ...(filters.kind ? { actions: actionsOfKind(filters.kind) } : {}),
    ...(filters.caseRef && inspectionId !== undefined ? { record: { entity: 'case', entityId: `${inspectionId}/${filters.caseRef}` } } : {}),
    ...filterMoments(filters),
    ...(paged ? { offset: (filters.page - 1) * EVENTS_PER_PAGE, limit: EVENTS_PER_PAGE } : {}),
  };
}
