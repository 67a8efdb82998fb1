// An audit page as the record reads: each event's time, who (by name), what (a sentence) and what
// changed ("field: before → after", long values cut short with the whole in a details component),
// the filter form, MoJ pagination and the CSV, which keeps the raw values beside the words.
import type { AuditRecord } from '../db/repositories/audit-query.ts';
import { actorInWords } from '../domain/audit/actors.ts';
import { changeLineText } from '../domain/audit/changes.ts';
import { AUDIT_KINDS, changesOf, kindName, kindsOfArea, sentenceOf, type AuditArea } from '../domain/audit/sentences.ts';
import { momentInWords, startOf, type AuditWords } from '../domain/audit/words.ts';
import { dateInputItems } from './date-input.ts';
import { EVENTS_PER_PAGE, anyFilter, filterQuery, type AuditFilters, type FilterError } from './audit-filters.ts';

/** Change lines longer than this are cut short on the page, the whole line in a details component. */
export const LINE_LIMIT = 160;

export interface AuditEventView {
  id: number;
  at: string;
  when: string;
  who: string;
  what: string;
  changes: { text: string; full?: string }[];
}

export function auditEventView(e: AuditRecord, words: AuditWords): AuditEventView {
  return {
    id: e.id,
    at: e.at.toISOString(),
    when: momentInWords(e.at),
    who: actorInWords(e.actor, words),
    what: sentenceOf(e, words),
    changes: changesOf(e, words).map((line) => {
      const text = changeLineText(line);
      return text.length > LINE_LIMIT ? { text: startOf(text, LINE_LIMIT), full: text } : { text };
    }),
  };
}

const show = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/** The CSV: raw values (ids, codes, JSON) first, as stored, and the same event in words after. */
export function auditCsvRows(events: readonly AuditRecord[], words: AuditWords): string[][] {
  return [
    ['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'inspection_id', 'before', 'after', 'who', 'what', 'changes'],
    ...events.map((e) => {
      const view = auditEventView(e, words);
      return [String(e.id), e.at.toISOString(), e.actor, e.action, e.entity, e.entityId, e.inspectionId === null ? '' : String(e.inspectionId), show(e.before), show(e.after), view.who, view.what, view.changes.map((c) => c.full ?? c.text).join('\n')];
    }),
  ];
}

export interface AuditPageInput {
  area: AuditArea;
  /** The page's own path, for the form, pagination and CSV links. */
  path: string;
  filters: AuditFilters;
  errors: FilterError[];
  events: readonly AuditRecord[];
  total: number;
  actors: readonly { actor: string; events: number }[];
  words: AuditWords;
  /** An inspection's cases, for the case filter (those the person may read). */
  caseRefs?: readonly string[];
  /** One inspection's trail: its framework's name for the section of judged standards (regime.judgementsSection). */
  judgementsSection?: string;
}

/** MoJ pagination's items: the first, the last and two either side of the current page, with gaps. */
function paginationItems(path: string, filters: AuditFilters, pages: number) {
  const current = filters.page;
  const wanted = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((x, y) => x - y);
  const items: ({ text: string; href: string; selected: boolean } | { type: 'dots' })[] = [];
  wanted.forEach((p, i) => {
    if (i > 0 && p - wanted[i - 1]! > 1) items.push({ type: 'dots' });
    items.push({ text: String(p), href: `${path}${filterQuery(filters, { page: String(p) })}`, selected: p === current });
  });
  return items;
}

export function auditPageView(input: AuditPageInput) {
  const { filters, words, path } = input;
  const pages = Math.max(1, Math.ceil(input.total / EVENTS_PER_PAGE));
  const errorOf = (field: FilterError['field']) => input.errors.find((e) => e.field === field);
  const kinds = input.area === 'administration' ? (Object.keys(AUDIT_KINDS) as (keyof typeof AUDIT_KINDS)[]) : kindsOfArea(input.area);
  const actorItems = [...input.actors].map((a) => ({ value: a.actor, text: actorInWords(a.actor, words) })).sort((x, y) => x.text.localeCompare(y.text, 'en-GB'));
  const first = (filters.page - 1) * EVENTS_PER_PAGE;
  const dateField = (field: 'from' | 'to', legend: string) => {
    const error = errorOf(field);
    const date = field === 'from' ? filters.fromDate : filters.toDate;
    return {
      id: field,
      namePrefix: field,
      fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
      hint: { text: 'For example, 5 10 2026' },
      items: dateInputItems({}, field, date, error?.parts ?? []),
      ...(error ? { errorMessage: { text: error.text } } : {}),
    };
  };
  return {
    errors: input.errors.map((e) => ({ href: e.href, text: e.text })),
    formAction: path,
    filtered: anyFilter(filters),
    clearHref: path,
    csvHref: `${path}${filterQuery(filters, { format: 'csv' })}`,
    person: {
      id: 'person',
      name: 'person',
      label: { text: 'Person', classes: 'govuk-label--s' },
      items: [{ value: '', text: 'Anyone' }, ...actorItems.map((a) => ({ ...a, selected: a.value === filters.person }))],
    },
    kind: {
      id: 'kind',
      name: 'kind',
      label: { text: 'Kind of action', classes: 'govuk-label--s' },
      items: [{ value: '', text: 'Any kind' }, ...kinds.map((k) => ({ value: k, text: kindName(k, input.judgementsSection), selected: k === filters.kind }))],
      ...(errorOf('kind') ? { errorMessage: { text: errorOf('kind')!.text } } : {}),
    },
    caseFilter: input.caseRefs && {
      id: 'case',
      name: 'case',
      label: { text: 'Case', classes: 'govuk-label--s' },
      items: [{ value: '', text: 'Any case' }, ...input.caseRefs.map((ref) => ({ value: ref, text: ref, selected: ref === filters.caseRef }))],
    },
    from: dateField('from', 'From'),
    to: dateField('to', 'To'),
    total: input.total,
    events: input.events.map((e) => auditEventView(e, words)),
    pagination: {
      items: pages > 1 ? paginationItems(path, filters, pages) : [],
      ...(filters.page > 1 ? { previous: { text: 'Previous', href: `${path}${filterQuery(filters, { page: String(filters.page - 1) })}` } } : {}),
      ...(filters.page < pages ? { next: { text: 'Next', href: `${path}${filterQuery(filters, { page: String(filters.page + 1) })}` } } : {}),
      // The count is said above the table; with more than one page, which of them this page shows.
      ...(pages > 1 ? { results: { from: first + 1, to: Math.min(first + EVENTS_PER_PAGE, input.total), count: input.total, text: 'events' } } : {}),
      landmarkLabel: 'Pages of events',
    },
  };
}
