import { describe, expect, it } from 'vitest';
import { auditQueryOf, filterQuery, readAuditFilters } from './audit-filters.ts';

describe('the audit pages’ filters', () => {
  it('reads person, kind, case, a date range and the page, and writes them back for links', () => {
    const query = { person: 'user:12', kind: 'judgements', case: 'DEMO-004', 'from-day': '5', 'from-month': '10', 'from-year': '2026', 'to-day': '6', 'to-month': '10', 'to-year': '2026', page: '3' };
    const { filters, errors } = readAuditFilters(query);
    expect(errors).toEqual([]);
    expect(filters).toEqual({ person: 'user:12', kind: 'judgements', caseRef: 'DEMO-004', fromDate: '2026-10-05', toDate: '2026-10-06', page: 3 });
    expect(readAuditFilters(Object.fromEntries(new URLSearchParams(filterQuery(filters, { page: '3' }).slice(1)))).filters).toEqual(filters);
    // Both days whole, in UK time (British Summer Time in October).
    const q = auditQueryOf({ inspectionId: 9 }, filters, 9, true);
    expect(q).toMatchObject({ actor: 'user:12', record: { entity: 'case', entityId: '9/DEMO-004' }, offset: 100, limit: 50 });
    expect(q.actions).toContain('judgement.recorded');
    expect(q.from!.toISOString()).toBe('2026-10-04T23:00:00.000Z');
    expect(q.to!.toISOString()).toBe('2026-10-06T23:00:00.000Z');
  });

  it('names each bad field, keeping the good filters', () => {
    const { filters, errors } = readAuditFilters({ kind: 'nonsense', 'from-day': '31', 'from-month': '2', 'from-year': '2026', page: '0', person: 'cli:root' });
    expect(errors.map((e) => e.text)).toEqual(['Select a kind of action from the list', 'The date to show events from must be a real date', 'The page number must be a whole number, 1 or more']);
    expect(filters).toEqual({ person: 'cli:root', page: 1 });
    expect(readAuditFilters({ 'to-day': '1', 'to-month': '1', 'to-year': '2026', 'from-day': '2', 'from-month': '1', 'from-year': '2026' }).errors[0]!.href).toBe('#to-day');
  });
});
