import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySampleChanges, countByRegion, drawSample, regionSampleSize, sampleChangeProblem, type SampledReview } from './sample.ts';

const REGIONS = ['North East', 'Wales', 'London', 'Kent, Surrey and Sussex', 'South West'];

/** A register of uniquely referenced reviews, some not yet submitted. */
const reviewsArb = fc
  .uniqueArray(
    fc.record({
      reviewRef: fc.stringMatching(/^R[0-9]{1,4}$/),
      region: fc.constantFrom(...REGIONS),
      submittedOn: fc.option(fc.constantFrom('2024-01-15', '2024-06-30', '2024-11-02', '2025-03-31'), { freq: 8 }),
    }),
    { selector: (r) => r.reviewRef, maxLength: 120 },
  )
  .map((rs) => rs as SampledReview[]);
const shareArb = fc.double({ min: 0.01, max: 1, noNaN: true });
const seedArb = fc.integer({ min: 0, max: 0xffffffff });

const submittedByRegion = (reviews: SampledReview[]) => {
  const counts = new Map<string, number>();
  for (const r of reviews) if (r.submittedOn) counts.set(r.region, (counts.get(r.region) ?? 0) + 1);
  return counts;
};

describe('the stratified seeded sample of SFO reviews', () => {
  it('gives the same selection for the same seed, and a different one for another seed on a large register', () => {
    fc.assert(fc.property(reviewsArb, shareArb, seedArb, (reviews, share, seed) => {
      expect(drawSample(reviews, { share, seed })).toEqual(drawSample(reviews, { share, seed }));
    }));
    const large = Array.from({ length: 300 }, (_, i) => ({ reviewRef: `R${String(i).padStart(4, '0')}`, region: REGIONS[i % 5]!, submittedOn: '2024-05-01' }));
    expect(drawSample(large, { share: 0.2, seed: 7 }).selected).not.toEqual(drawSample(large, { share: 0.2, seed: 8 }).selected);
  });

  it('takes from each region with any submitted review max(1, its share rounded half up)', () => {
    fc.assert(fc.property(reviewsArb, shareArb, seedArb, (reviews, share, seed) => {
      const sample = drawSample(reviews, { share, seed });
      const region = new Map(reviews.map((r) => [r.reviewRef, r.region]));
      const expected = submittedByRegion(reviews);
      expect(Object.keys(sample.byRegion).sort()).toEqual([...expected.keys()].sort());
      for (const [name, n] of expected) {
        const want = Math.max(1, Math.floor(n * share + 0.5));
        expect(sample.byRegion[name]).toEqual({ submitted: n, selected: want });
        expect(sample.selected.filter((ref) => region.get(ref) === name)).toHaveLength(want);
      }
    }));
  });

  it('selects each review at most once, and only reviews submitted in the period', () => {
    fc.assert(fc.property(reviewsArb, shareArb, seedArb, (reviews, share, seed) => {
      const period = { from: '2024-04-01', to: '2025-03-31' };
      const sample = drawSample(reviews, { share, seed }, period);
      expect(new Set(sample.selected).size).toBe(sample.selected.length);
      const inPeriod = new Set(reviews.filter((r) => r.submittedOn && r.submittedOn >= period.from && r.submittedOn <= period.to).map((r) => r.reviewRef));
      for (const ref of sample.selected) expect(inPeriod.has(ref)).toBe(true);
    }));
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(fc.property(reviewsArb.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))), shareArb, seedArb, ([reviews, shuffled], share, seed) => {
      expect(drawSample(shuffled, { share, seed })).toEqual(drawSample(reviews, { share, seed }));
    }));
  });

  it('rounds half up and never takes more than a region has', () => {
    expect([1, 2, 3, 7, 8, 12, 13, 43].map((n) => regionSampleSize(n, 0.2))).toEqual([1, 1, 1, 1, 2, 2, 3, 9]);
    expect(regionSampleSize(5, 0.1)).toBe(1); // 0.5 rounds up
    expect(regionSampleSize(15, 0.1)).toBe(2); // 1.5 rounds up
    expect(regionSampleSize(4, 1)).toBe(4);
    expect(regionSampleSize(0, 0.2)).toBe(0);
  });

  it('refuses a share or seed out of range, and a reference listed twice', () => {
    const one = [{ reviewRef: 'R1', region: 'Wales', submittedOn: '2024-05-01' }];
    expect(() => drawSample(one, { share: 0, seed: 1 })).toThrow(/share must be a number more than 0 and at most 1/);
    expect(() => drawSample(one, { share: 1.5, seed: 1 })).toThrow(RangeError);
    expect(() => drawSample(one, { share: 0.2, seed: -1 })).toThrow(/seed must be a whole number from 0 to 4294967295/);
    expect(() => drawSample(one, { share: 0.2, seed: 1.5 })).toThrow(RangeError);
    expect(() => drawSample([...one, ...one], { share: 0.2, seed: 1 })).toThrow(/R1 is listed twice/);
  });
});

describe('changes to the sample by hand', () => {
  const eligible = new Set(['R1', 'R2', 'R3']);
  it('adds a submitted review and removes a selected one, each with a reason', () => {
    expect(applySampleChanges(['R2'], eligible, [{ change: 'add', reviewRef: 'R3', reason: 'a death in custody raised by the region' }, { change: 'remove', reviewRef: 'R2', reason: 'review withdrawn for redrafting' }])).toEqual(['R3']);
  });

  it('says why a change cannot be made', () => {
    const selected = new Set(['R2']);
    expect(sampleChangeProblem(selected, eligible, { change: 'add', reviewRef: 'R3', reason: '  ' })).toBe('give the reason for the change');
    expect(sampleChangeProblem(selected, eligible, { change: 'add', reviewRef: 'R9', reason: 'x' })).toMatch(/R9 was not submitted in the sample's period/);
    expect(sampleChangeProblem(selected, eligible, { change: 'add', reviewRef: 'R2', reason: 'x' })).toMatch(/already in the sample/);
    expect(sampleChangeProblem(selected, eligible, { change: 'remove', reviewRef: 'R1', reason: 'x' })).toMatch(/not in the sample/);
    expect(() => applySampleChanges(['R2'], eligible, [{ change: 'remove', reviewRef: 'R2', reason: 'x' }, { change: 'remove', reviewRef: 'R2', reason: 'again' }])).toThrow(/^change 2: review R2 is not in the sample/);
  });

  it('counts per region after the changes', () => {
    const reviews = [{ reviewRef: 'R1', region: 'Wales', submittedOn: '2024-01-01' }, { reviewRef: 'R2', region: 'London', submittedOn: '2024-01-01' }, { reviewRef: 'R3', region: 'Wales', submittedOn: '2024-01-01' }];
    expect(countByRegion(reviews, ['R1', 'R3'])).toEqual({ London: { submitted: 1, selected: 0 }, Wales: { submitted: 2, selected: 2 } });
  });
});
