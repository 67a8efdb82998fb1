import { describe, expect, it } from 'vitest';
import { dayPinnedClock, daysAfter, fixedClock, isoDate } from './clock.ts';

describe('clock', () => {
  it('a fixed clock stands still until set or advanced, and its day is the UTC date', () => {
    const clock = fixedClock('2027-03-31T23:30:00Z');
    expect(clock.now().toISOString()).toBe('2027-03-31T23:30:00.000Z');
    expect(clock.now()).toEqual(clock.now());
    expect(clock.today()).toBe('2027-03-31');
    clock.advance(60 * 60_000);
    expect(clock.today()).toBe('2027-04-01');
    clock.set('2028-02-29');
    expect(clock.now().toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(() => fixedClock('not a date')).toThrow(RangeError);
  });

  it('a day-pinned clock keeps its day while its instant runs on', () => {
    const base = fixedClock('2027-03-31T23:59:00Z');
    const clock = dayPinnedClock(base, base.today());
    base.advance(2 * 60_000);
    expect(clock.now().toISOString()).toBe('2027-04-01T00:01:00.000Z');
    expect(clock.today()).toBe('2027-03-31');
  });

  it('counts days across months, leap days and years', () => {
    expect(daysAfter('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysAfter('2027-12-31', 1)).toBe('2028-01-01');
    expect(daysAfter('2027-03-01', -1)).toBe('2027-02-28');
    expect(isoDate(new Date('2027-06-01T00:00:00+01:00'))).toBe('2027-05-31');
  });
});
