import { describe, expect, it } from 'vitest';
import type { AnnualSfoReport } from './annual-report.ts';
import { publicSfoAnnualReport } from './public-annual.ts';

const spread = (reviews: number) => ({ reviews, median: 30, lowerQuartile: 20, upperQuartile: 40 });
const report = (withExtension: number): AnnualSfoReport =>
  ({
    year: '2025/26',
    yearStart: 2025,
    suppression: { fewestShown: 5, withheld: 0, complementary: 0, unprotectable: [] },
    regions: [
      { region: 'A', reviews: { count: 6 }, ratings: [], goodOrBetter: { count: 6 }, extensions: { count: 0 }, medianWorkingDays: 31 },
      { region: 'B', reviews: { count: null, withheld: 'small' }, ratings: [], goodOrBetter: { count: null }, extensions: { count: null }, medianWorkingDays: 12 },
    ],
    timeliness: { all: spread(10), withExtension: spread(withExtension), withoutExtension: spread(10 - withExtension), extensions: { count: withExtension, percent: withExtension * 10 } },
  }) as unknown as AnnualSfoReport;

describe('the annual SFO report as the public sees it', () => {
  it('withholds the spread of a group of 1 to under the fewest shown, and a withheld region’s median', () => {
    const r = publicSfoAnnualReport(report(2));
    expect(r.timeliness.withExtension).toEqual({ reviews: 2, median: null, lowerQuartile: null, upperQuartile: null });
    expect(r.timeliness.withoutExtension).toEqual(spread(8));
    expect(r.timeliness.all).toEqual(spread(10));
    expect(r.regions.map((g) => g.medianWorkingDays)).toEqual([31, null]);
  });

  it('keeps the spread of an empty group or one of the fewest shown', () => {
    expect(publicSfoAnnualReport(report(0)).timeliness.withExtension).toEqual(spread(0));
    expect(publicSfoAnnualReport(report(5)).timeliness.withExtension).toEqual(spread(5));
  });
});
