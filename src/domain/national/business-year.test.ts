import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessYear, businessYearOf, inBusinessYear, parseBusinessYear } from './business-year.ts';

describe('business year', () => {
  it('runs from 1 April to 31 March and is labelled as the inspectorate does', () => {
    expect(businessYear(2025)).toEqual({ start: 2025, label: '2025/26', from: '2025-04-01', to: '2026-03-31' });
    expect(businessYear(2099).label).toBe('2099/00');
  });

  it('places March in the year before and April in its own year', () => {
    expect(businessYearOf('2026-03-31').start).toBe(2025);
    expect(businessYearOf('2026-04-01').start).toBe(2026);
  });

  it('reads the forms people type and refuses a mismatched pair', () => {
    expect(parseBusinessYear('2025')?.label).toBe('2025/26');
    expect(parseBusinessYear(' 2025/26 ')?.start).toBe(2025);
    expect(parseBusinessYear('2025-2026')?.start).toBe(2025);
    expect(parseBusinessYear('2025/27')).toBeNull();
    expect(parseBusinessYear('next year')).toBeNull();
  });

  it('puts every date in exactly the year businessYearOf names', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2001-04-01'), max: new Date('2099-03-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const year = businessYearOf(iso);
        expect(inBusinessYear(iso, year)).toBe(true);
        expect(inBusinessYear(iso, businessYear(year.start - 1))).toBe(false);
        expect(inBusinessYear(iso, businessYear(year.start + 1))).toBe(false);
      }),
    );
  });
});
