import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayOfWeek, daysBetween, daysInMonth } from './dates.ts';
import { describeWindow, inWindow, samplingWindow, windowDays, type SamplingWindow, type WindowRequest } from './window.ts';

function windowOf(request: Omit<WindowRequest, 'monthsBefore'>): SamplingWindow {
  const result = samplingWindow({ monthsBefore: 6, ...request });
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.window;
}

describe('the sampling window (3.15)', () => {
  it('is the Monday-to-Sunday week of the date six months before fieldwork, one or two weeks long', () => {
    // Fieldwork Monday 5 October 2026; six months before is Sunday 5 April, in the week from Monday 30 March.
    const w = windowOf({ fieldworkStart: '2026-10-05', weeks: 2 });
    expect(w).toEqual({ fieldworkStart: '2026-10-05', sixMonthsBefore: '2026-04-05', weeks: 2, shift: null, start: '2026-03-30', end: '2026-04-12' });
    expect(windowOf({ fieldworkStart: '2026-10-05', weeks: 1 })).toMatchObject({ start: '2026-03-30', end: '2026-04-05' });
    // When six months before is itself a Monday, the window starts on it.
    expect(windowOf({ fieldworkStart: '2026-12-07', weeks: 1 })).toMatchObject({ sixMonthsBefore: '2026-06-07', start: '2026-06-01' });
    expect(windowOf({ fieldworkStart: '2026-12-08', weeks: 1 })).toMatchObject({ sixMonthsBefore: '2026-06-08', start: '2026-06-08' });
  });

  it('keeps month ends within the month', () => {
    expect(windowOf({ fieldworkStart: '2026-08-31', weeks: 1 })).toMatchObject({ sixMonthsBefore: '2026-02-28', start: '2026-02-23', end: '2026-03-01' });
    expect(windowOf({ fieldworkStart: '2028-08-31', weeks: 1 }).sixMonthsBefore).toBe('2028-02-29');
    expect(windowOf({ fieldworkStart: '2026-03-31', weeks: 1 }).sixMonthsBefore).toBe('2025-09-30');
    expect(windowOf({ fieldworkStart: '2027-01-15', weeks: 2 })).toMatchObject({ sixMonthsBefore: '2026-07-15', start: '2026-07-13', end: '2026-07-26' });
  });

  it('moves by whole weeks for a recorded reason', () => {
    const later = windowOf({ fieldworkStart: '2026-10-05', weeks: 2, shift: { weeks: 1, reason: "  the magistrates' court was closed " } });
    expect(later).toMatchObject({ start: '2026-04-06', end: '2026-04-19', shift: { weeks: 1, reason: "the magistrates' court was closed" } });
    expect(describeWindow(later)).toBe(
      "Monday 6 April 2026 to Sunday 19 April 2026 (two weeks), moved one week later: the magistrates' court was closed",
    );
    const earlier = windowOf({ fieldworkStart: '2026-10-05', weeks: 1, shift: { weeks: -1, reason: 'nDelius was down' } });
    expect(earlier).toMatchObject({ start: '2026-03-23', end: '2026-03-29' });
    expect(describeWindow(earlier)).toBe('Monday 23 March 2026 to Sunday 29 March 2026 (one week), moved one week earlier: nDelius was down');
  });

  it('lists every problem with a request', () => {
    const result = samplingWindow({ monthsBefore: 6, fieldworkStart: '2026-02-30', weeks: 3 as 1, shift: { weeks: 0, reason: ' ' } });
    expect(result).toEqual({
      ok: false,
      problems: [
        "fieldwork start '2026-02-30' is not a date; write YYYY-MM-DD",
        'the window is one or two weeks, not 3',
        'a shift is a whole number of weeks from 1 to 4, later or earlier (-1 is a week earlier); got 0',
        'a shift needs a reason (for example, the court was closed that week)',
      ],
    });
    expect(samplingWindow({ monthsBefore: 6, fieldworkStart: '2026-10-05', weeks: 1, shift: { weeks: 1.5, reason: 'x' } }).ok).toBe(false);
    expect(samplingWindow({ monthsBefore: 6, fieldworkStart: '2026-10-05', weeks: 1, shift: { weeks: -5, reason: 'x' } }).ok).toBe(false);
  });

  it('includes both ends', () => {
    const w = windowOf({ fieldworkStart: '2026-10-05', weeks: 2 });
    expect(['2026-03-29', '2026-03-30', '2026-04-12', '2026-04-13'].map((d) => inWindow(w, d))).toEqual([false, true, true, false]);
  });

  const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('is always 7 or 14 days from a Monday, in the week of the date six calendar months before fieldwork', () => {
    fc.assert(
      fc.property(date, fc.constantFrom(1 as const, 2 as const), fc.integer({ min: -4, max: 4 }), (fieldworkStart, weeks, shiftWeeks) => {
        const shift = shiftWeeks ? { weeks: shiftWeeks, reason: 'outage' } : undefined;
        const w = windowOf({ fieldworkStart, weeks, ...(shift ? { shift } : {}) });
        expect(windowDays(w)).toBe(7 * weeks);
        expect(dayOfWeek(w.start)).toBe(1);
        expect(dayOfWeek(w.end)).toBe(7);
        // Six calendar months: the month six before, the same day or the month's last.
        const [y, m, d] = fieldworkStart.split('-').map(Number) as [number, number, number];
        const months = y * 12 + (m - 1) - 6;
        const [ay, am] = [Math.floor(months / 12), (months % 12) + 1];
        expect(w.sixMonthsBefore).toBe(`${ay}-${String(am).padStart(2, '0')}-${String(Math.min(d, daysInMonth(ay, am))).padStart(2, '0')}`);
        // Unshifted, the window's first week holds that date; a shift moves it by whole weeks.
        const unshifted = addDays(w.start, -7 * shiftWeeks);
        expect(daysBetween(unshifted, w.sixMonthsBefore)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(unshifted, w.sixMonthsBefore)).toBeLessThanOrEqual(6);
        expect(w.end < fieldworkStart).toBe(true);
      }),
    );
  });

  it('addMonths never overflows into the next month', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -24, max: 24 }), (d, months) => {
        const moved = addMonths(d, months);
        const monthIndex = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7));
        expect(monthIndex(moved) - monthIndex(d)).toBe(months);
      }),
    );
  });
});
