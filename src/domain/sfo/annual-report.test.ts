import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivableCells } from '../disclosure/complementary-suppression.ts';
import { FEWEST_CASES_SHOWN } from '../disclosure/thresholds.ts';
import { buildAnnualSfoReport, percentOf, reviewProblems, type AnnualReportSettings, type QualityAssuredReview } from './annual-report.ts';
import { themesIn } from './annual-report-themes.ts';

const RATINGS = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'];
const REGIONS = ['East Midlands', 'London', 'North East', 'Wales'];
const settings: AnnualReportSettings = {
  yearStart: 2025,
  ratings: RATINGS,
  standards: [
    { id: '1', name: 'Analysis of practice' },
    { id: '2', name: 'Overall judgements' },
  ],
  regions: REGIONS,
  history: [
    { year: '2023/24', reviews: 87, ratingPercents: { Good: 46, 'Requires improvement': 52 } },
    { year: '2024/25', reviews: 90, ratingPercents: { Outstanding: 1, Good: 46, 'Requires improvement': 53 }, extensionPercent: 77 },
    { year: '2026/27', reviews: 1 },
  ],
  themes: [
    { id: 'risk', name: 'Risk', terms: ['risk assess', 'rosh'] },
    { id: 'victims', name: 'Victims', terms: ['victim'] },
  ],
  holidays: new Set(['2025-05-05']),
  fewestShown: FEWEST_CASES_SHOWN,
};

const review = (ref: string, over: Partial<QualityAssuredReview> = {}): QualityAssuredReview => ({
  reviewRef: ref,
  region: 'London',
  notifiedOn: '2025-05-01',
  submittedOn: '2025-05-08',
  extensionGranted: false,
  overall: 'Good',
  standards: { '1': 'Good', '2': 'Requires improvement' },
  rationales: [],
  ...over,
});

describe('the annual SFO report', () => {
  it('counts ratings overall and per standard with whole-number percentages, half up', () => {
    const reviews = [review('A'), review('B', { overall: 'Outstanding' }), review('C', { overall: 'Inadequate', standards: { '1': 'Inadequate', '2': 'Inadequate' } })];
    const r = buildAnnualSfoReport(reviews, settings);
    expect(r.year).toBe('2025/26');
    expect(r.reviews).toBe(3);
    expect(r.overall.ratings.map((x) => [x.rating, x.count, x.percent])).toEqual([
      ['Outstanding', 1, 33],
      ['Good', 1, 33],
      ['Requires improvement', 0, 0],
      ['Inadequate', 1, 33],
    ]);
    expect(r.overall.goodOrBetter).toEqual({ count: 2, percent: 67 });
    expect(r.goodOrBetterLabel).toBe('Good or Outstanding');
    expect(r.standards[1]!.distribution.ratings.find((x) => x.rating === 'Requires improvement')!.count).toBe(2);
    expect(percentOf(1, 8)).toBe(13);
  });

  it('counts working days from notification to submission, leaving out weekends and bank holidays', () => {
    // 1 May 2025 is a Thursday; 5 May is a bank holiday: 2, 6, 7, 8 May are the working days after it.
    const r = buildAnnualSfoReport([review('A'), review('B', { submittedOn: '2025-05-02', extensionGranted: true })], settings);
    expect(r.timeliness.all).toEqual({ reviews: 2, median: 1, lowerQuartile: 1, upperQuartile: 4 });
    expect(r.timeliness.withExtension.median).toBe(1);
    expect(r.timeliness.withoutExtension.median).toBe(4);
    expect(r.timeliness.extensions).toEqual({ count: 1, percent: 50 });
  });

  it('withholds a region’s small counts and what would reveal them, but shows 0 and the national figures', () => {
    const reviews = [
      ...Array.from({ length: 6 }, (_, i) => review(`L${i}`)),
      review('L9', { overall: 'Inadequate' }),
      ...Array.from({ length: 12 }, (_, i) => review(`W${i}`, { region: 'Wales', overall: i < 6 ? 'Good' : 'Requires improvement', extensionGranted: i % 2 === 0 })),
      // A second small Inadequate count, so the national 2 does not give London's away.
      review('W99', { region: 'Wales', overall: 'Inadequate' }),
    ];
    const r = buildAnnualSfoReport(reviews, settings);
    const london = r.regions.find((x) => x.region === 'London')!;
    expect(london.ratings.find((x) => x.rating === 'Inadequate')!.figure).toEqual({ count: null, percent: null, withheld: 'small' });
    // London's total would give its 1 away (7 less the 6 Good shown), so more is withheld beside it.
    expect(r.suppression.complementary).toBeGreaterThan(0);
    expect(r.suppression.unprotectable).toEqual([]);
    // The national figures are published whole.
    expect(r.overall.ratings.find((x) => x.rating === 'Inadequate')!.count).toBe(2);
    expect(r.regions.find((x) => x.region === 'North East')!.reviews).toEqual({ count: 0, percent: 0 });
    for (const row of r.regions) for (const f of [row.reviews, ...row.ratings.map((x) => x.figure), row.goodOrBetter, row.extensions]) if (f.count !== null) expect(f.count === 0 || f.count >= FEWEST_CASES_SHOWN).toBe(true);
  });

  it('counts themes a review’s rationales mention, by the start of a word, in any case', () => {
    expect(themesIn(['The RoSH analysis was thin', 'risk  assessments were late'], settings.themes)).toEqual(['risk']);
    expect(themesIn(['aROSHa', 'no victims'], settings.themes)).toEqual(['victims']);
    const r = buildAnnualSfoReport([review('A', { rationales: ['Victim contact was good'] }), review('B', { overall: 'Inadequate', rationales: ['The victims were not considered'] }), review('C')], settings);
    expect(r.themes.find((t) => t.id === 'victims')).toMatchObject({ reviews: 2, percent: 67, belowGood: 1, belowGoodPercent: 50 });
  });

  it('puts the year beside the published years before it, from the reference history as published', () => {
    const r = buildAnnualSfoReport([review('A')], settings);
    expect(r.yearOnYear.map((y) => [y.year, y.source, y.reviews])).toEqual([
      ['2023/24', 'published', 87],
      ['2024/25', 'published', 90],
      ['2025/26', 'this report', 1],
    ]);
    expect(r.yearOnYear[0]!.goodOrBetterPercent).toBeNull();
    expect(r.yearOnYear[1]!.ratingPercents).toEqual({ Outstanding: 1, Good: 46, 'Requires improvement': 53, Inadequate: null });
  });

  it('names every review it cannot read by review and field', () => {
    expect(reviewProblems([review('A', { overall: 'Fine', region: 'Mars', standards: { '1': 'Good' } }), review('A', { submittedOn: '2025-04-01' })], settings)).toEqual([
      'A region: Mars is not a region',
      'A overall: Fine is not on the scale',
      'A standard 2: not rated is not on the scale',
      'A: given twice',
      'A dates: notified 2025-05-01, submitted 2025-04-01',
    ]);
    expect(() => buildAnnualSfoReport([review('A', { overall: 'Fine' })], settings)).toThrow(/A overall: Fine/);
  });
});

const arbitraryReview = fc.record({
  reviewRef: fc.stringMatching(/^R[0-9]{1,3}$/),
  region: fc.constantFrom(...REGIONS),
  notifiedOn: fc.constantFrom('2025-04-02', '2025-06-30', '2025-09-15'),
  days: fc.integer({ min: 0, max: 120 }),
  extensionGranted: fc.boolean(),
  overall: fc.constantFrom(...RATINGS),
  s1: fc.constantFrom(...RATINGS),
  s2: fc.constantFrom(...RATINGS),
  rationales: fc.array(fc.constantFrom('victim work', 'RoSH', 'risk assessment', 'a sound review', ''), { maxLength: 3 }),
});
const reviewsArb = fc.uniqueArray(arbitraryReview, { selector: (r) => r.reviewRef, maxLength: 60 }).map((rs) =>
  rs.map(
    (r): QualityAssuredReview => ({
      reviewRef: r.reviewRef,
      region: r.region,
      notifiedOn: r.notifiedOn,
      submittedOn: new Date(Date.parse(r.notifiedOn) + r.days * 86_400_000).toISOString().slice(0, 10),
      extensionGranted: r.extensionGranted,
      overall: r.overall,
      standards: { '1': r.s1, '2': r.s2 },
      rationales: r.rationales,
    }),
  ),
);

describe('the annual SFO report, for any reviews', () => {
  it('counts every review once overall, in each standard and across the regions', () => {
    fc.assert(
      fc.property(reviewsArb, (reviews) => {
        const r = buildAnnualSfoReport(reviews, settings);
        expect(r.overall.ratings.reduce((t, x) => t + x.count, 0)).toBe(reviews.length);
        for (const s of r.standards) expect(s.distribution.ratings.reduce((t, x) => t + x.count, 0)).toBe(reviews.length);
        expect(r.timeliness.withExtension.reviews + r.timeliness.withoutExtension.reviews).toBe(reviews.length);
        for (const t of r.themes) expect(t.reviews).toBeLessThanOrEqual(reviews.length);
      }),
    );
  });

  it('shows no regional count from 1 to under the threshold, and every regional count shown is the true one', () => {
    fc.assert(
      fc.property(reviewsArb, (reviews) => {
        const r = buildAnnualSfoReport(reviews, settings);
        for (const row of r.regions) {
          const mine = reviews.filter((x) => x.region === row.region);
          if (row.reviews.count !== null) expect(row.reviews.count).toBe(mine.length);
          for (const { rating, figure } of row.ratings) {
            if (figure.count === null) continue;
            expect(figure.count === 0 || figure.count >= FEWEST_CASES_SHOWN).toBe(true);
            expect(figure.count).toBe(mine.filter((x) => x.overall === rating).length);
          }
        }
      }),
    );
  });

  it('leaves no withheld regional rating count to be worked out from a region’s total and the figures shown, unless the suppression says it could not', () => {
    fc.assert(
      fc.property(reviewsArb, (reviews) => {
        const r = buildAnnualSfoReport(reviews, settings);
        if (r.suppression.unprotectable.length) return;
        for (const row of r.regions) {
          const cells = [{ id: 'total', value: 0, withheld: row.reviews.count === null }, ...row.ratings.map((x) => ({ id: x.rating, value: 0, withheld: x.figure.count === null }))];
          const withheld = new Set(cells.filter((c) => c.withheld).map((c) => c.id));
          expect(derivableCells({ cells, sums: [{ total: 'total', parts: RATINGS }] }, withheld)).toEqual([]);
        }
      }),
    );
  });

  it('is the same report whatever order the reviews come in', () => {
    fc.assert(
      fc.property(reviewsArb, fc.integer(), (reviews, shift) => {
        const turned = reviews.map((_, i) => reviews[(i + Math.abs(shift)) % reviews.length]!);
        expect(buildAnnualSfoReport(turned, settings)).toEqual(buildAnnualSfoReport(reviews, settings));
      }),
    );
  });
});
