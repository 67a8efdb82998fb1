import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { bandIndex, casesToFallBelow, casesToReach, percentage, reaches, wilsonInterval } from './percentages.ts';

const { rules } = bundledFramework().definition;
const bands = rules.keyQuestionBands;
const ratingOf = (n: number, N: number) => bands[bandIndex(n, N, bands, rules.percentages)]!.rating;

describe('band edges, exactly', () => {
  it.each([
    [0, 10, 'Inadequate'], [49, 100, 'Inadequate'], [50, 100, 'Requires improvement'], [64, 100, 'Requires improvement'],
    [65, 100, 'Good'], [79, 100, 'Good'], [80, 100, 'Outstanding'], [100, 100, 'Outstanding'],
    [13, 20, 'Good'], [4, 5, 'Outstanding'], [1, 2, 'Requires improvement'],
    // Rounded half up to a whole percentage, as published: 64.5% is 65%, 64.45% is 64%.
    [129, 200, 'Good'], [1289, 2000, 'Requires improvement'], [99, 200, 'Requires improvement'], [159, 200, 'Outstanding'],
    [197, 400, 'Inadequate'], // 49.25% rounds to 49%
  ])('%i of %i is %s', (n, N, rating) => expect(ratingOf(n, N)).toBe(rating));

  it('puts every whole percentage in the band whose edges contain it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (p) => {
        const expected = p >= 80 ? 'Outstanding' : p >= 65 ? 'Good' : p >= 50 ? 'Requires improvement' : 'Inadequate';
        expect(ratingOf(p, 100)).toBe(expected);
      }),
    );
  });

  it('rounds half up with integer arithmetic for any n of N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(), (N, seed) => {
        const n = seed % (N + 1);
        const p = percentage(n, N, rules.percentages)!;
        // p is the whole number nearest 100n/N, halves going up.
        expect(Math.abs(100 * n - p * N) * 2).toBeLessThanOrEqual(N);
        if (Math.abs(100 * n - p * N) * 2 === N) expect(p * N).toBeGreaterThan(100 * n);
      }),
    );
  });

  it('the distance to a band edge is the fewest cases that reach it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.nat(), fc.constantFrom(50, 65, 80), (N, seed, edge) => {
        const n = seed % (N + 1);
        const up = casesToReach(n, N, edge, rules.percentages)!;
        expect(reaches(n + up, N, edge, rules.percentages)).toBe(true);
        if (up > 0) expect(reaches(n + up - 1, N, edge, rules.percentages)).toBe(false);
        const down = casesToFallBelow(n, N, edge, rules.percentages);
        if (down !== null) {
          expect(reaches(n - down, N, edge, rules.percentages)).toBe(false);
          if (down > 0) expect(reaches(n - down + 1, N, edge, rules.percentages)).toBe(true);
        }
      }),
    );
  });

  it('never lowers the band when more cases are sufficient', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(), (N, seed) => {
        const n = seed % N;
        expect(bandIndex(n + 1, N, bands, rules.percentages)).toBeGreaterThanOrEqual(bandIndex(n, N, bands, rules.percentages));
      }),
    );
  });
});

describe('95% Wilson interval', () => {
  it('matches published values', () => {
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: 27.8 });
    expect(wilsonInterval(10, 10)).toEqual({ low: 72.2, high: 100 });
    expect(wilsonInterval(13, 20)).toEqual({ low: 43.3, high: 81.9 });
    expect(wilsonInterval(50, 100)).toEqual({ low: 40.4, high: 59.6 });
    expect(wilsonInterval(0, 0)).toBeNull();
  });
  it('always contains the observed percentage and stays within 0-100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.nat(), (N, seed) => {
        const n = seed % (N + 1);
        const { low, high } = wilsonInterval(n, N)!;
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(100);
        expect(low).toBeLessThanOrEqual((100 * n) / N + 0.05);
        expect(high).toBeGreaterThanOrEqual((100 * n) / N - 0.05);
      }),
    );
  });
});
