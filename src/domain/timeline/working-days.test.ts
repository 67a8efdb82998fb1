import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankHolidayFile, bankHolidays } from '../../reference/bank-holidays.ts';
import { addDays, dayOfWeek } from '../sampling/dates.ts';
import { addWorkingDays, isWorkingDay, onOrAfterWorkingDay, onOrBeforeWorkingDay, workingDaysBetween } from './working-days.ts';

const holidays = bankHolidays();
const NONE = new Set<string>();
const day = fc.integer({ min: 0, max: 365 * 12 }).map((n) => addDays('2020-01-01', n));

describe('working days', () => {
  it('skips the weekend', () => {
    expect(addWorkingDays('2026-10-02', 1, NONE)).toBe('2026-10-05'); // Friday → Monday
    expect(addWorkingDays('2026-10-05', -1, NONE)).toBe('2026-10-02');
    expect(addWorkingDays('2026-10-03', 0, NONE)).toBe('2026-10-03');
  });

  it('skips bank holidays: 10 working days from the Thursday before Easter 2026 is 20 April, not 16', () => {
    expect(addWorkingDays('2026-04-02', 10, NONE)).toBe('2026-04-16');
    expect(addWorkingDays('2026-04-02', 10, holidays)).toBe('2026-04-20');
    expect(addWorkingDays('2026-12-24', 1, holidays)).toBe('2026-12-29'); // Christmas Friday, Boxing Day's substitute Monday
  });

  it('aligns to the working day on or before and on or after', () => {
    expect(onOrBeforeWorkingDay('2026-04-06', holidays)).toBe('2026-04-02');
    expect(onOrAfterWorkingDay('2026-04-03', holidays)).toBe('2026-04-07');
    expect(onOrAfterWorkingDay('2026-04-07', holidays)).toBe('2026-04-07');
  });

  it('lands on a working day, counts back to the start, and never on a weekend or bank holiday (any date, any count)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -60, max: 60 }).filter((n) => n !== 0), (from, n) => {
        const to = addWorkingDays(from, n, holidays);
        expect(isWorkingDay(to, holidays)).toBe(true);
        expect(dayOfWeek(to)).toBeLessThanOrEqual(5);
        expect(holidays.has(to)).toBe(false);
        if (n > 0) expect(workingDaysBetween(from, to, holidays)).toBe(n);
        // Back from `from`: the |n| - 1 working days stepped over, and `from` itself when it is one.
        else expect(workingDaysBetween(to, from, holidays)).toBe(-n - 1 + (isWorkingDay(from, holidays) ? 1 : 0));
      }),
    );
  });
});

// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
function easter(year: number): string {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}
const firstMonday = (iso: string) => addDays(iso, (8 - dayOfWeek(iso)) % 7);
const lastMonday = (lastDay: string) => addDays(lastDay, -((dayOfWeek(lastDay) + 6) % 7));
const weekdayOnOrAfter = (iso: string, taken: Set<string>) => {
  let d = iso;
  while (dayOfWeek(d) > 5 || taken.has(d)) d = addDays(d, 1);
  taken.add(d);
  return d;
};

/** The usual eight days of a year by the rules, before any proclamation moves or adds one. */
function usualDays(year: number): string[] {
  const taken = new Set<string>();
  const christmas = weekdayOnOrAfter(`${year}-12-25`, taken);
  const boxing = weekdayOnOrAfter(`${year}-12-26`, taken);
  return [
    weekdayOnOrAfter(`${year}-01-01`, new Set()),
    addDays(easter(year), -2),
    addDays(easter(year), 1),
    firstMonday(`${year}-05-01`),
    lastMonday(`${year}-05-31`),
    lastMonday(`${year}-08-31`),
    christmas,
    boxing,
  ].sort();
}

describe('the bank holiday list (reference/calendar)', () => {
  const file = bankHolidayFile();
  const inYear = (y: number) => file.days.map((d) => d.date).filter((d) => d.startsWith(`${y}-`)).sort();

  it('holds exactly the usual days in every year without a proclaimed change', () => {
    for (const year of [2021, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032]) expect(inYear(year), String(year)).toEqual(usualDays(year));
  });

  it('holds the proclaimed changes of 2020, 2022 and 2023', () => {
    expect(inYear(2020)).toContain('2020-05-08'); // VE day moved the early May holiday
    expect(inYear(2020)).not.toContain('2020-05-04');
    expect(inYear(2022)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
    expect(inYear(2023)).toContain('2023-05-08');
  });

  it('covers the years it says it covers, in date order', () => {
    const dates = file.days.map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]! >= file.coversFrom && dates.at(-1)! <= file.coversTo).toBe(true);
  });
});
