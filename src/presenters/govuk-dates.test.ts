import { describe, expect, it } from 'vitest';
import { govukDate, govukDateTime } from './govuk-dates.ts';

describe('dates as GOV.UK writes them', () => {
  it('writes a calendar date with no leading zero and the month in full', () => {
    expect(govukDate('2026-10-05')).toBe('5 October 2026');
    expect(govukDate('2027-01-31')).toBe('31 January 2027');
  });

  it('gives a moment the day it is in the UK, in summer time (BST) and winter (GMT)', () => {
    // 23:30 UTC on 4 October is 00:30 BST on 5 October.
    expect(govukDate(new Date('2026-10-04T23:30:00Z'))).toBe('5 October 2026');
    // 23:30 UTC on 4 December is 23:30 GMT the same day.
    expect(govukDate(new Date('2026-12-04T23:30:00Z'))).toBe('4 December 2026');
    expect(govukDate('2026-06-30T23:00:00.000Z')).toBe('1 July 2026');
  });

  it('writes a moment with its UK time, across the clock changes', () => {
    expect(govukDateTime(new Date('2026-10-05T13:05:00Z'))).toBe('5 October 2026 at 2:05pm');
    expect(govukDateTime(new Date('2026-12-05T14:05:00Z'))).toBe('5 December 2026 at 2:05pm');
    // Clocks go forward at 01:00 UTC on 29 March 2026: a minute before is 00:59 GMT, at it 02:00 BST.
    expect(govukDateTime(new Date('2026-03-29T00:59:00Z'))).toBe('29 March 2026 at 12:59am');
    expect(govukDateTime(new Date('2026-03-29T01:00:00Z'))).toBe('29 March 2026 at 2am');
    // Clocks go back at 01:00 UTC on 25 October 2026: 00:30 UTC is 01:30 BST, 01:30 UTC is 01:30 GMT.
    expect(govukDateTime(new Date('2026-10-25T00:30:00Z'))).toBe('25 October 2026 at 1:30am');
    expect(govukDateTime(new Date('2026-10-25T01:30:00Z'))).toBe('25 October 2026 at 1:30am');
    expect(govukDateTime('2026-10-24T23:00:00Z')).toBe('25 October 2026 at midnight');
    expect(govukDateTime(new Date('2026-01-10T12:00:00Z'))).toBe('10 January 2026 at midday');
    expect(govukDateTime(new Date('2026-01-10T00:07:00Z'))).toBe('10 January 2026 at 12:07am');
  });

  it('leaves nothing for no date, a calendar date without a time, and other text as it is', () => {
    expect(govukDate(null)).toBe('');
    expect(govukDateTime(undefined)).toBe('');
    expect(govukDateTime('2026-10-05')).toBe('5 October 2026');
    expect(govukDate('not recorded')).toBe('not recorded');
    expect(govukDate('2026-02-30')).toBe('2026-02-30');
  });
});
