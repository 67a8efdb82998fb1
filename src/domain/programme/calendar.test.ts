import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar, DEFAULT_BLACKOUTS, inBlackout } from './calendar.ts';
import { addDays, addMonths, monthsBetween, normaliseDate, weekday } from './dates.ts';

describe('dates', () => {
  it('adds months, keeping the day where the month has it', () => {
    expect(addMonths('2025-03-15', 12)).toBe('2026-03-15');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-30', 18)).toBe('2027-05-30');
  });

  it('counts whole months between dates', () => {
    expect(monthsBetween('2023-03-30', '2027-04-05')).toBe(48);
    expect(monthsBetween('2023-04-06', '2027-04-05')).toBe(47);
    expect(monthsBetween('2027-04-05', '2027-04-05')).toBe(0);
  });

  it('reads a month or a year as its first day, and anything else as unknown', () => {
    expect(normaliseDate('2025-03')).toBe('2025-03-01');
    expect(normaliseDate('2025')).toBe('2025-01-01');
    expect(normaliseDate('2025-03-12')).toBe('2025-03-12');
    expect(normaliseDate('March 2025')).toBeNull();
    expect(normaliseDate(null)).toBeNull();
    expect(normaliseDate('2025-02-30')).toBeNull();
  });
});

describe('the cycle calendar', () => {
  it('starts each programme year on the first Monday on or after the anniversary', () => {
    const { yearStarts, weeks } = buildCalendar('2027-04-05', 3, DEFAULT_BLACKOUTS);
    expect(yearStarts).toEqual(['2027-04-05', '2028-04-10', '2029-04-09', '2030-04-08']);
    expect(weeks[0]).toMatchObject({ monday: '2027-04-05', year: 1, blackout: null });
    expect(weeks.filter((w) => w.year === 1)).toHaveLength(53);
    expect(weeks.every((w) => weekday(w.monday) === 1)).toBe(true);
  });

  it('blacks out exactly the Christmas and New Year fortnight, whatever day Christmas falls on', () => {
    const century = buildCalendar('2000-01-03', 101, DEFAULT_BLACKOUTS).weeks;
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), (year) => {
        const christmas = century.filter(
          (w) => w.blackout === 'Christmas and New Year' && w.monday >= `${year}-06-01` && w.monday < `${year + 1}-06-01`,
        );
        expect(christmas).toHaveLength(2);
        // The two weeks hold 25 December and 1 January (or the first working days after them).
        expect(christmas[0]!.monday <= `${year}-12-25`).toBe(true);
        expect(addDays(christmas[1]!.monday, 6) >= `${year + 1}-01-01`).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('blacks out the weeks starting in August, and one-off ranges once', () => {
    const { weeks } = buildCalendar('2027-04-05', 1, [...DEFAULT_BLACKOUTS, { from: '2027-06-07', to: '2027-06-13', label: 'conference' }]);
    expect(weeks.filter((w) => w.blackout === 'August').map((w) => w.monday)).toEqual(['2027-08-02', '2027-08-09', '2027-08-16', '2027-08-23', '2027-08-30']);
    expect(weeks.filter((w) => w.blackout === 'conference').map((w) => w.monday)).toEqual(['2027-06-07']);
    expect(weeks.filter((w) => !w.blackout)).toHaveLength(53 - 5 - 2 - 1);
    expect(inBlackout('2027-12-27', DEFAULT_BLACKOUTS[0]!)).toBe(true);
    expect(inBlackout('2028-01-03', DEFAULT_BLACKOUTS[0]!)).toBe(false);
  });
});

describe('dates given to the planner', () => {
  it('are real calendar dates, and impossible ones are refused rather than thrown on', async () => {
    const { isIsoDate, isMonday } = await import('./dates.ts');
    expect([isIsoDate('2027-13-01'), isIsoDate('2027-02-30'), isIsoDate('2027-04-05')]).toEqual([false, false, true]);
    expect([isMonday('2027-13-01'), isMonday('2027-04-05'), isMonday('2027-04-06')]).toEqual([false, true, false]);
  });
});
